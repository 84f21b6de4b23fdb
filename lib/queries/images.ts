import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/fetch';
import type { ImageDetail, ImageListResponse } from '@/lib/api/types';

export const imageKeys = {
  all: ['images'] as const,
  list: () => [...imageKeys.all, 'list'] as const,
  detail: (ref: string) => [...imageKeys.all, 'detail', ref] as const,
};

export const imageListOptions = () =>
  queryOptions({ queryKey: imageKeys.list(), queryFn: ({ signal }) => apiFetch<ImageListResponse>('/api/images', { signal }) });

export const imageDetailOptions = (ref: string) =>
  queryOptions({
    queryKey: imageKeys.detail(ref),
    queryFn: ({ signal }) => apiFetch<ImageDetail>(`/api/images/${encodeURIComponent(ref)}`, { signal }),
  });

export const useImageList = () => useQuery(imageListOptions());
export const useImageDetail = (ref: string) => useQuery(imageDetailOptions(ref));
