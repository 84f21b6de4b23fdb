'use client';
import { useEffect } from 'react';
import { BreakdownCard } from '@/components/history/breakdown-card';
import { HistoryTimeline } from '@/components/history/history-timeline';
import { ErrorState, Skeleton } from '@/components/ui/states';
import { useImageHistory } from '@/lib/queries/images';

export interface HistorySectionProps {
  imageRef: string;
  /** One platform of a multi-platform image (`linux/arm64`); '' for the engine's default. */
  platform?: string;
  reveal: boolean;
}

/** The breakdown card and the timeline, from one history request. */
export function HistorySection({ imageRef, platform = '', reveal }: HistorySectionProps) {
  const { data, error, isPending, refetch } = useImageHistory(imageRef, platform);

  // A permalink (#breakdown) points into content that arrives after the page: scroll once it is there.
  useEffect(() => {
    if (data && window.location.hash === '#breakdown') document.getElementById('breakdown')?.scrollIntoView();
  }, [data]);

  if (isPending) {
    return (
      <div role="status" aria-label="Loading layer history" className="space-y-3">
        <Skeleton className="h-48 w-full" />
        <Skeleton className="h-72 w-full" />
      </div>
    );
  }
  if (error)
    return (
      <ErrorState
        error={error}
        action={platform ? `read the ${platform} history of this image` : 'read this image’s history'}
        onRetry={() => void refetch()}
      />
    );
  return (
    <>
      <BreakdownCard history={data} reveal={reveal} />
      <HistoryTimeline history={data} reveal={reveal} />
    </>
  );
}
