import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/fetch';
import type { EnginesResponse } from '@/lib/api/engines';

export const enginesKeys = {
  all: ['engines'] as const,
};

export const enginesOptions = () =>
  queryOptions({
    queryKey: enginesKeys.all,
    queryFn: ({ signal }) => apiFetch<EnginesResponse>('/api/engines', { signal }),
    staleTime: 10_000,
    // Other hosts send this tab no events: ask again now and then whether each one answers.
    refetchInterval: 20_000,
  });

export const useEngines = () => useQuery(enginesOptions());
