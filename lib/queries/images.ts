import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/fetch';
import type { CompareResponse, HistoryResponse } from '@/lib/api/history';
import type { GraphResponse } from '@/lib/api/graph';
import type { ImageDetail, ImageListResponse } from '@/lib/api/images';
import { imagePathSegment } from '@/lib/reference';

export const imageKeys = {
  all: ['images'] as const,
  list: () => [...imageKeys.all, 'list'] as const,
  // Under `list`, so whatever refreshes the list refreshes the `-a` one too.
  listAll: () => [...imageKeys.all, 'list', 'all'] as const,
  /** Every image page's detail, whatever name it was opened by (a tag, an ID) and platform. */
  details: () => [...imageKeys.all, 'detail'] as const,
  // `platform` (`linux/arm64`, or '' for the engine's default) last.
  detail: (ref: string, platform = '') => [...imageKeys.all, 'detail', ref, platform] as const,
  // Under `images` so every engine event that invalidates images refreshes these too.
  history: (ref: string, platform = '') => [...imageKeys.all, 'history', ref, platform] as const,
  compare: (a: string, b: string) => [...imageKeys.all, 'compare', a, b] as const,
  graph: () => [...imageKeys.all, 'graph'] as const,
  graphAll: () => [...imageKeys.all, 'graph', 'all'] as const,
};

// A cold start's first answer is counting (sizes still coming in): asked again every 1.5 s until exact.
const untilCounted = (query: { state: { data?: ImageListResponse } }) => (query.state.data?.totals.counting ? 1500 : false);

export const imageListOptions = () =>
  queryOptions({
    queryKey: imageKeys.list(),
    queryFn: ({ signal }) => apiFetch<ImageListResponse>('/api/images', { signal }),
    refetchInterval: untilCounted,
  });

/** `?platform=…` for the image routes; nothing for the engine's default platform. */
export const platformSuffix = (platform = '') => (platform ? `?platform=${encodeURIComponent(platform)}` : '');

export const imageDetailOptions = (ref: string, platform = '') =>
  queryOptions({
    queryKey: imageKeys.detail(ref, platform),
    queryFn: ({ signal }) => apiFetch<ImageDetail>(`/api/images/${imagePathSegment(ref)}${platformSuffix(platform)}`, { signal }),
    // Switching platform keeps the page (tags, actions, the picker) while the new platform loads.
    placeholderData: keepPreviousData,
  });

/** The list with the legacy-build intermediates (`docker image ls -a`). */
export const imageListAllOptions = () =>
  queryOptions({ queryKey: imageKeys.listAll(), queryFn: ({ signal }) => apiFetch<ImageListResponse>('/api/images?all=1', { signal }) });

export function useImageList(intermediates = false) {
  // Two queries, one enabled: each keeps its own cache entry (and key type) for when the user switches back.
  const list = useQuery({ ...imageListOptions(), enabled: !intermediates });
  const all = useQuery({ ...imageListAllOptions(), enabled: intermediates });
  return intermediates ? all : list;
}
export const useImageDetail = (ref: string, platform = '') => useQuery(imageDetailOptions(ref, platform));

export const imageHistoryOptions = (ref: string, platform = '') =>
  queryOptions({
    queryKey: imageKeys.history(ref, platform),
    queryFn: ({ signal }) =>
      apiFetch<HistoryResponse>(`/api/images/${imagePathSegment(ref)}/history${platformSuffix(platform)}`, { signal }),
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
/** The graph with the legacy-build intermediates (`docker image ls -a`). */
export const graphAllOptions = () =>
  queryOptions({ queryKey: imageKeys.graphAll(), queryFn: ({ signal }) => apiFetch<GraphResponse>('/api/graph?all=1', { signal }) });

export function useGraph(intermediates = false) {
  const graph = useQuery({ ...graphOptions(), enabled: !intermediates });
  const all = useQuery({ ...graphAllOptions(), enabled: intermediates });
  return intermediates ? all : graph;
}
