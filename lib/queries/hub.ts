import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/fetch';
import type { HubRepository, HubSearchResponse, HubTagsResponse } from '@/lib/api/hub';
import type { RegistryLogin } from '@/lib/api/registries';

export interface HubSearchParams {
  q: string;
  page: number;
  sort: 'relevance' | 'pulls' | 'stars' | 'updated';
  official: boolean;
  verified: boolean;
}

export const hubKeys = {
  search: (params: HubSearchParams) => ['hub', 'search', params] as const,
  repository: (namespace: string, repo: string) => ['hub', 'repository', namespace, repo] as const,
  tags: (namespace: string, repo: string, page: number, name: string) => ['hub', 'tags', namespace, repo, page, name] as const,
  registries: () => ['registries'] as const,
};

export function useHubSearch(params: HubSearchParams) {
  const query = new URLSearchParams({
    q: params.q,
    page: String(params.page),
    pageSize: '25',
    sort: params.sort,
    official: String(params.official),
    verified: String(params.verified),
  });
  return useQuery({
    queryKey: hubKeys.search(params),
    queryFn: ({ signal }) => apiFetch<HubSearchResponse>(`/api/hub/search?${query}`, { signal }),
    enabled: params.q.trim() !== '',
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export const useHubRepository = (namespace: string, repo: string) =>
  useQuery({
    queryKey: hubKeys.repository(namespace, repo),
    queryFn: ({ signal }) => apiFetch<HubRepository>(`/api/hub/repositories/${namespace}/${repo}`, { signal }),
    staleTime: 60_000,
  });

export const useHubTags = (namespace: string, repo: string, page: number, name: string) =>
  useQuery({
    queryKey: hubKeys.tags(namespace, repo, page, name),
    queryFn: ({ signal }) =>
      apiFetch<HubTagsResponse>(`/api/hub/repositories/${namespace}/${repo}/tags?page=${page}&name=${encodeURIComponent(name)}`, {
        signal,
      }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

export const useRegistries = () =>
  useQuery({
    queryKey: hubKeys.registries(),
    queryFn: ({ signal }) => apiFetch<{ registries: RegistryLogin[] }>('/api/registries', { signal }),
  });

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { server: string; username: string; password: string }) =>
      apiFetch<RegistryLogin>('/api/registries', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: hubKeys.registries() }),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (server: string) =>
      apiFetch<{ removed: boolean }>(`/api/registries?server=${encodeURIComponent(server)}`, { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: hubKeys.registries() }),
  });
}
