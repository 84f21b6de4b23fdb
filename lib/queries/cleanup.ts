import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/fetch';
import type { DiskUsage, PruneParams, PruneResponse } from '@/lib/api/prune';

export type { PruneParams };
import { imageKeys } from '@/lib/queries/images';

const body = (params: PruneParams, dryRun: boolean) =>
  JSON.stringify({
    target: params.target,
    dryRun,
    ...(params.until ? { until: params.until } : {}),
    ...(params.all ? { all: true } : {}),
    ...(params.expectRecords ? { expectRecords: params.expectRecords } : {}),
    ...(params.labels?.length ? { labels: params.labels } : {}),
    ...(params.only ? { only: params.only } : {}),
    ...(params.expect ? { expect: params.expect } : {}),
  });

const post = (params: PruneParams, dryRun: boolean, signal?: AbortSignal) =>
  apiFetch<PruneResponse>('/api/prune', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body(params, dryRun),
    signal,
  });

export const cleanupKeys = {
  // Under `images`: any image event refreshes the preview too.
  preview: (params: PruneParams) => [...imageKeys.all, 'prune-preview', params] as const,
  // Not under `images`: `df` can be slow, so it is refreshed after a cleanup, not on every image event.
  diskUsage: () => ['disk-usage'] as const,
};

export const diskUsageOptions = () =>
  queryOptions({
    queryKey: cleanupKeys.diskUsage(),
    queryFn: ({ signal }) => apiFetch<DiskUsage>('/api/disk-usage', { signal }),
    staleTime: 30_000,
  });

/** A dry run is a read: the engine is not touched. */
export function usePrunePreview(params: PruneParams) {
  const client = useQueryClient();
  return useQuery({
    queryKey: cleanupKeys.preview(params),
    queryFn: async ({ signal }) => {
      const preview = await post(params, true, signal);
      // On the containerd store the disk card's reclaimable counts the content a preview has read, so
      // it is read again once a preview has read more.
      void client.invalidateQueries({ queryKey: cleanupKeys.diskUsage() });
      return preview;
    },
    placeholderData: (previous) => previous,
  });
}

export const useDiskUsage = () => useQuery(diskUsageOptions());

export function usePrune() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (params: PruneParams) => post(params, false),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: imageKeys.all });
      void client.invalidateQueries({ queryKey: cleanupKeys.diskUsage() });
    },
  });
}
