import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/fetch';
import type { CompareResponse, HistoryResponse } from '@/lib/api/history';
import type { GraphResponse } from '@/lib/api/graph';
import type { ImageDetail, ImageListResponse } from '@/lib/api/images';
import { imagePathSegment } from '@/lib/reference';

export const imageKeys = {
  all: ['images'] as const,
  list: () => [...imageKeys.all, 'list'] as const,
  detail: (ref: string) => [...imageKeys.all, 'detail', ref] as const,
  // Under `images` so every engine event that invalidates images refreshes these too.
  history: (ref: string) => [...imageKeys.all, 'history', ref] as const,
  compare: (a: string, b: string) => [...imageKeys.all, 'compare', a, b] as const,
  graph: () => [...imageKeys.all, 'graph'] as const,
};

export const imageListOptions = () =>
  queryOptions({ queryKey: imageKeys.list(), queryFn: ({ signal }) => apiFetch<ImageListResponse>('/api/images', { signal }) });

export const imageDetailOptions = (ref: string) =>
  queryOptions({
    queryKey: imageKeys.detail(ref),
    queryFn: ({ signal }) => apiFetch<ImageDetail>(`/api/images/${imagePathSegment(ref)}`, { signal }),
  });

export const useImageList = () => useQuery(imageListOptions());
export const useImageDetail = (ref: string) => useQuery(imageDetailOptions(ref));

export const imageHistoryOptions = (ref: string) =>
  queryOptions({
    queryKey: imageKeys.history(ref),
    queryFn: ({ signal }) => apiFetch<HistoryResponse>(`/api/images/${imagePathSegment(ref)}/history`, { signal }),
  });

export const compareOptions = (a: string, b: string) =>
  queryOptions({
    queryKey: imageKeys.compare(a, b),
    queryFn: ({ signal }) => apiFetch<CompareResponse>(`/api/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`, { signal }),
  });

export const useImageHistory = (ref: string) => useQuery(imageHistoryOptions(ref));
export const useCompare = (a: string, b: string) => useQuery({ ...compareOptions(a, b), enabled: a !== '' && b !== '' });

export const graphOptions = () =>
  queryOptions({ queryKey: imageKeys.graph(), queryFn: ({ signal }) => apiFetch<GraphResponse>('/api/graph', { signal }) });

export const useGraph = () => useQuery(graphOptions());
