// Writes. Each one refreshes the image queries as soon as it succeeds; the engine's own event then
// confirms it (and covers changes made elsewhere).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/fetch';
import type { BulkAction, BulkResponse, RemoveResult, RetagResponse, TagResult } from '@/lib/api/tags';
import { imageKeys } from '@/lib/queries/images';
import { imagePathSegment } from '@/lib/reference';

const jsonInit = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
  body: body === undefined ? undefined : JSON.stringify(body),
});

function useImageMutation<TVariables, TResult>(
  run: (variables: TVariables) => Promise<TResult>,
  refreshOn: (result: TResult) => boolean = () => true,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      if (refreshOn(result)) void client.invalidateQueries({ queryKey: imageKeys.all });
    },
  });
}

export const useAddTag = () =>
  useImageMutation(({ image, ref }: { image: string; ref: string }) =>
    apiFetch<TagResult>(`/api/images/${imagePathSegment(image)}/tags`, jsonInit('POST', { ref })),
  );

export const useRemoveTag = () =>
  useImageMutation(({ tag, force = false }: { tag: string; force?: boolean }) =>
    apiFetch<RemoveResult>(`/api/tags/${encodeURIComponent(tag)}${force ? '?force=1' : ''}`, jsonInit('DELETE')),
  );

export const useDeleteImage = () =>
  useImageMutation(({ image, force = false }: { image: string; force?: boolean }) =>
    apiFetch<RemoveResult>(`/api/images/${imagePathSegment(image)}${force ? '?force=1' : ''}`, jsonInit('DELETE')),
  );

export const useBulk = () =>
  useImageMutation(
    (body: { action: BulkAction; targets: string[]; force: boolean; dryRun: boolean }) =>
      apiFetch<BulkResponse>('/api/images/bulk', jsonInit('POST', body)),
    (result) => !result.dryRun,
  );

export const useRetag = () =>
  useImageMutation(
    (body: { from: string; to: string; move: boolean; dryRun: boolean }) =>
      apiFetch<RetagResponse>('/api/tags/retag', jsonInit('POST', body)),
    (result) => !result.dryRun,
  );
