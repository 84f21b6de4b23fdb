import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/fetch';
import type { CompareResponse, GraphResponse, HistoryResponse, ImageDetail, ImageListResponse } from '@/lib/api/types';
import { imagePathSegment } from '@/lib/reference';

export const imageKeys = {
  all: ['images'] as const,
  list: () => [...imageKeys.all, 'list'] as const,
  // `platform` (`linux/arm64`, or '' for the engine's default) last, so `detail(ref)` prefixes them all.
  detail: (ref: string, platform = '') => [...imageKeys.all, 'detail', ref, platform] as const,
  // Under `images` so every engine event that invalidates images refreshes these too.
  history: (ref: string, platform = '') => [...imageKeys.all, 'history', ref, platform] as const,
  compare: (a: string, b: string) => [...imageKeys.all, 'compare', a, b] as const,
  graph: () => [...imageKeys.all, 'graph'] as const,
};

export const imageListOptions = () =>
  queryOptions({ queryKey: imageKeys.list(), queryFn: ({ signal }) => apiFetch<ImageListResponse>('/api/images', { signal }) });

/** `?platform=…` for the image routes; nothing for the engine's default platform. */
export const platformSuffix = (platform = '') => (platform ? `?platform=${encodeURIComponent(platform)}` : '');

export const imageDetailOptions = (ref: string, platform = '') =>
  queryOptions({
    queryKey: imageKeys.detail(ref, platform),
    queryFn: ({ signal }) => apiFetch<ImageDetail>(`/api/images/${imagePathSegment(ref)}${platformSuffix(platform)}`, { signal }),
    // Switching platform keeps the page (tags, actions, the picker) while the new platform loads.
    placeholderData: keepPreviousData,
  });

export const useImageList = () => useQuery(imageListOptions());
export const useImageDetail = (ref: string, platform = '') => useQuery(imageDetailOptions(ref, platform));

export const imageHistoryOptions = (ref: string, platform = '') =>
  queryOptions({
    queryKey: imageKeys.history(ref, platform),
    queryFn: ({ signal }) => apiFetch<HistoryResponse>(`/api/images/${imagePathSegment(ref)}/history${platformSuffix(platform)}`, { signal }),
  });

export const compareOptions = (a: string, b: string) =>
  queryOptions({
    queryKey: imageKeys.compare(a, b),
    queryFn: ({ signal }) => apiFetch<CompareResponse>(`/api/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`, { signal }),
  });

export const useImageHistory = (ref: string, platform = '') => useQuery(imageHistoryOptions(ref, platform));
export const useCompare = (a: string, b: string) => useQuery({ ...compareOptions(a, b), enabled: a !== '' && b !== '' });

export const graphOptions = () =>
  queryOptions({ queryKey: imageKeys.graph(), queryFn: ({ signal }) => apiFetch<GraphResponse>('/api/graph', { signal }) });

export const useGraph = () => useQuery(graphOptions());
