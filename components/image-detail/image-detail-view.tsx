'use client';
import Link, { useEngineHref } from '@/components/ui/engine-link';
import { useRouter } from 'next/navigation';
import { AddTagDialog } from '@/components/actions/add-tag-dialog';
import { PushDialog } from '@/components/transfer/push-dialog';
import { SaveButton } from '@/components/archives/save-button';
import { DeleteImageDialog } from '@/components/actions/delete-image-dialog';
import { RemoveTagDialog } from '@/components/actions/remove-tag-dialog';
import { buttonClass } from '@/components/ui/modal';
import { imageHref } from '@/components/images/image-href';
import { useState } from 'react';
import { ComparePicker } from '@/components/image-detail/compare-picker';
import { ConfigSection } from '@/components/image-detail/config-section';
import { HistorySection } from '@/components/history/history-section';
import { ImageContents } from '@/components/image-detail/image-contents';
import { ContainersSection } from '@/components/image-detail/containers-section';
import { ImageHeader } from '@/components/image-detail/image-header';
import { LayersSection } from '@/components/image-detail/layers-section';
import { PlatformsSection } from '@/components/image-detail/platforms-section';
import { PlatformPicker } from '@/components/image-detail/platform-picker';
import { formatPlatform } from '@/lib/format';
import { useUrlState } from '@/lib/url-state';
import { ErrorState, Skeleton } from '@/components/ui/states';
import { useImageDetail } from '@/lib/queries/images';
import { useEngineInfo, useReadOnly } from '@/lib/queries/engine';
import { useEngines } from '@/lib/queries/engines';
import { CopyDialog } from '@/components/transfer/copy-dialog';
import { revealInspect } from '@/lib/secrets';

export interface ImageDetailViewProps {
  imageRef: string;
}

export function ImageDetailView({ imageRef }: ImageDetailViewProps) {
  // `?platform=os/arch[/variant]`: one platform of a multi-platform image; absent = the engine's default.
  const url = useUrlState();
  const platform = url.params.get('platform') ?? '';
  const { data: image, error, isPending, refetch } = useImageDetail(imageRef, platform);
  // One switch for every place Env values appear: the config section and the raw JSON.
  const [reveal, setReveal] = useState(false);
  const [adding, setAdding] = useState(false);
  const [pushing, setPushing] = useState(false);
  const [copying, setCopying] = useState(false);
  const engineName = useEngineInfo().data?.engineName;
  const severalEngines = (useEngines().data?.engines.length ?? 0) > 1;
  const [deleting, setDeleting] = useState(false);
  const [removingTag, setRemovingTag] = useState<string | null>(null);
  const router = useRouter();
  const engineHref = useEngineHref();
  const readOnly = useReadOnly();
  const gone = () => router.push(engineHref('/images'));
  return (
    <div className="space-y-4">
      <Link href="/images" className="text-sm text-sky-700 hover:underline">
        ← All images
      </Link>
      {isPending ? (
        <div role="status" aria-label="Loading image" className="space-y-3">
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-64 w-full" />
        </div>
      ) : error ? (
        <>
          <ErrorState
            error={error}
            action={platform ? `load ${platform} of image ${imageRef}` : `load image ${imageRef}`}
            onRetry={() => void refetch()}
          />
          {platform && (
            <button type="button" onClick={() => url.set({ platform: null })} className={buttonClass.quiet}>
              Show the engine’s default platform
            </button>
          )}
        </>
      ) : (
        <>
          <ImageHeader
            image={image}
            onRemoveTag={readOnly ? undefined : setRemovingTag}
            actions={
              <>
                {!readOnly && (
                  <>
                    <button type="button" onClick={() => setAdding(true)} className={buttonClass.quiet}>
                      Add tag
                    </button>
                    <button type="button" onClick={() => setPushing(true)} className={buttonClass.quiet}>
                      Push…
                    </button>
                    {severalEngines && (
                      <button type="button" onClick={() => setCopying(true)} className={buttonClass.quiet}>
                        Copy to engine…
                      </button>
                    )}
                  </>
                )}
                {/* By name when it has one, so the archive carries its tags; saving only reads. */}
                <SaveButton refs={[image.repoTags[0] ?? image.id]} />
                {!readOnly && (
                  <button type="button" onClick={() => setDeleting(true)} className={buttonClass.quiet}>
                    Delete image
                  </button>
                )}
              </>
            }
          />
          <AddTagDialog image={image} open={adding} onClose={() => setAdding(false)} />
          <PushDialog tags={image.repoTags} open={pushing} onClose={() => setPushing(false)} />
          {engineName && (
            <CopyDialog imageRef={image.repoTags[0] ?? image.id} from={engineName} open={copying} onClose={() => setCopying(false)} />
          )}
          <DeleteImageDialog image={image} open={deleting} onClose={() => setDeleting(false)} onDeleted={gone} />
          <RemoveTagDialog
            image={image}
            tag={removingTag}
            onClose={() => setRemovingTag(null)}
            onImageGone={gone}
            // The page was opened by the tag just removed: stay on the image, by its ID.
            onRemoved={(tag) => tag === imageRef && router.replace(engineHref(imageHref(image.id)))}
          />
          <div className="flex flex-wrap items-center justify-between gap-3">
            <PlatformPicker
              platforms={image.platforms}
              shown={image.shownPlatform ?? formatPlatform(image)}
              onPick={(picked) => url.set({ platform: picked })}
            />
            <div className="ml-auto">
              <ComparePicker imageId={image.id} />
            </div>
          </div>
          <HistorySection imageRef={image.id} platform={platform} reveal={reveal} />
          {/* A new platform is a new analysis: remount rather than show the last platform's files. */}
          <ImageContents key={platform} imageRef={image.id} platform={platform} readBefore={image.baseOs !== null} />
          <div className="grid gap-4 lg:grid-cols-2">
            <ConfigSection config={image.config} reveal={reveal} onReveal={setReveal} />
            <div className="space-y-4">
              <PlatformsSection platforms={image.platforms} />
              <LayersSection layers={image.layers} />
              <ContainersSection containers={image.containerRefs} />
            </div>
          </div>
          <details className="rounded-lg border border-slate-200 bg-white p-5">
            <summary className="cursor-pointer text-base font-semibold">Raw inspect JSON</summary>
            <p className="mt-1 text-sm text-slate-600">
              What the engine returned for `docker image inspect`{reveal ? '' : ', with secret-looking Env values masked'}.
            </p>
            <pre className="mt-3 max-h-[480px] overflow-auto rounded bg-slate-900 p-4 text-xs text-slate-100">
              {JSON.stringify(reveal ? revealInspect(image.inspect) : image.inspect.masked, null, 2)}
            </pre>
          </details>
        </>
      )}
    </div>
  );
}
