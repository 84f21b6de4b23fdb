import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/fetch';
import type { RetentionOverview, RetentionRule, RuleDraftInput, RuleEnginePreview, RunReport } from '@/lib/api/retention';
import { imageKeys } from '@/lib/queries/images';
import { cleanupKeys } from '@/lib/queries/cleanup';

const json = (method: string, body: unknown) => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

export const retentionKeys = {
  all: ['retention'] as const,
  overview: () => [...retentionKeys.all, 'overview'] as const,
  report: (id: string) => [...retentionKeys.all, 'report', id] as const,
};

export const retentionOptions = () =>
  queryOptions({
    queryKey: retentionKeys.overview(),
    queryFn: ({ signal }) => apiFetch<RetentionOverview>('/api/retention', { signal }),
    // A scheduled run lands without anyone clicking: look again now and then.
    refetchInterval: 60_000,
  });

export const useRetention = () => useQuery(retentionOptions());

export const useReport = (id: string) =>
  useQuery({
    queryKey: retentionKeys.report(id),
    queryFn: ({ signal }) => apiFetch<RunReport>(`/api/retention/reports/${encodeURIComponent(id)}`, { signal }),
  });

/** A dry run of a draft on each of its engines: reads only. */
export const useRulePreview = () =>
  useMutation({ mutationFn: (draft: RuleDraftInput) => apiFetch<RuleEnginePreview[]>('/api/retention/preview', json('POST', draft)) });

export function useSaveRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, draft }: { id: string | null; draft: RuleDraftInput }) =>
      apiFetch<RetentionRule>(id ? `/api/retention/rules/${id}` : '/api/retention/rules', json(id ? 'PUT' : 'POST', draft)),
    onSuccess: () => void client.invalidateQueries({ queryKey: retentionKeys.overview() }),
  });
}

export function useDeleteRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ deleted: string }>(`/api/retention/rules/${id}`, { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: retentionKeys.overview() }),
  });
}

export function useRunRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, confirm }: { id: string; confirm: boolean }) =>
      apiFetch<RunReport[]>(`/api/retention/rules/${id}/run`, json('POST', { confirm })),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: retentionKeys.all });
      void client.invalidateQueries({ queryKey: imageKeys.all });
      void client.invalidateQueries({ queryKey: cleanupKeys.diskUsage() });
    },
  });
}
