import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/fetch';
import type { EngineInfo } from '@/lib/api/engine';

export const engineKeys = {
  all: ['engine'] as const,
  info: () => [...engineKeys.all, 'info'] as const,
};

export const engineInfoOptions = () =>
  queryOptions({
    queryKey: engineKeys.info(),
    queryFn: ({ signal }) => apiFetch<EngineInfo>('/api/engine', { signal }),
    staleTime: 30_000,
  });

export const useEngineInfo = () => useQuery(engineInfoOptions());

/** STRATA_READ_ONLY=1 on the server: views hide what would change the engine. */
export const useReadOnly = () => useEngineInfo().data?.readOnly === true;
