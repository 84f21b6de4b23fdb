// A registry's repositories, tags, manifests and tag deletes, and the update checks of local tags.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/fetch';
import { imageKeys } from '@/lib/queries/images';
import type { ManifestView, RepositoryPage, TagDeletePreview, TagDeleteResult, TagPage } from '@/lib/api/registry-browse';
import type { UpdatesResponse } from '@/lib/api/updates';

const base = (server: string) => `/api/registries/${encodeURIComponent(server)}/repositories`;
const repo = (server: string, repository: string) => `${base(server)}/${encodeURIComponent(repository)}`;

export const registryKeys = {
  all: ['registry'] as const,
  repositories: (server: string, page: number, q: string) => ['registry', server, 'repositories', page, q] as const,
  repository: (server: string, repository: string) => ['registry', server, 'repository', repository] as const,
  tags: (server: string, repository: string, page: number, q: string) =>
    ['registry', server, 'repository', repository, 'tags', page, q] as const,
  manifest: (server: string, repository: string, reference: string) =>
    ['registry', server, 'repository', repository, 'manifest', reference] as const,
  deletePreview: (server: string, repository: string, tag: string) =>
    ['registry', server, 'repository', repository, 'delete', tag] as const,
  // Under `images`: a pull, push, tag or delete here changes the local side, and the state is worked out per request.
  updates: () => [...imageKeys.all, 'updates'] as const,
};

export const useRepositories = (server: string, page: number, q: string) =>
  useQuery({
    queryKey: registryKeys.repositories(server, page, q),
    queryFn: ({ signal }) => apiFetch<RepositoryPage>(`${base(server)}?page=${page}&q=${encodeURIComponent(q)}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    // The total arrives once the whole catalog has been read in the background.
    refetchInterval: (query) => (query.state.data && query.state.data.total === null && query.state.data.hasMore ? 3_000 : false),
  });

export const useRegistryTags = (server: string, repository: string, page: number, q: string) =>
  useQuery({
    queryKey: registryKeys.tags(server, repository, page, q),
    queryFn: ({ signal }) => apiFetch<TagPage>(`${repo(server, repository)}/tags?page=${page}&q=${encodeURIComponent(q)}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    // Aliases fill in while the server learns the other tags' digests.
    refetchInterval: (query) => (query.state.data && query.state.data.resolved < query.state.data.listed ? 3_000 : false),
  });

export const useRegistryManifest = (server: string, repository: string, reference: string) =>
  useQuery({
    queryKey: registryKeys.manifest(server, repository, reference),
    queryFn: ({ signal }) => apiFetch<ManifestView>(`${repo(server, repository)}/manifests/${encodeURIComponent(reference)}`, { signal }),
    staleTime: 60_000,
  });

export const useTagDeletePreview = (server: string, repository: string, tag: string | null) =>
  useQuery({
    queryKey: registryKeys.deletePreview(server, repository, tag ?? ''),
    queryFn: ({ signal }) => apiFetch<TagDeletePreview>(`${repo(server, repository)}/tags/${encodeURIComponent(tag!)}`, { signal }),
    enabled: tag !== null,
    staleTime: 0,
    gcTime: 0,
  });

export function useDeleteRegistryTag(server: string, repository: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ tag, digest }: { tag: string; digest: string }) =>
      apiFetch<TagDeleteResult>(`${repo(server, repository)}/tags/${encodeURIComponent(tag)}?digest=${encodeURIComponent(digest)}`, {
        method: 'DELETE',
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['registry', server] });
      void client.invalidateQueries({ queryKey: registryKeys.updates() });
    },
  });
}

/** Update states of the local tags; asked again while any is pending, and every few minutes. */
export const useImageUpdates = () =>
  useQuery({
    queryKey: registryKeys.updates(),
    queryFn: ({ signal }) => apiFetch<UpdatesResponse>('/api/images/updates', { signal }),
    staleTime: 60_000,
    refetchInterval: (query) => (query.state.data?.updates.some((update) => update.state === 'pending') ? 3_000 : 5 * 60_000),
  });

export function useCheckUpdatesNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<UpdatesResponse>('/api/images/updates?refresh=true&wait=5000'),
    onSuccess: (data) => client.setQueryData(registryKeys.updates(), data),
  });
}
