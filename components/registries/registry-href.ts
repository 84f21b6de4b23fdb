// Where a registry's pages live: /registries/{server}/{repository path…}; the host is one segment
// (`localhost:5000` encoded), the repository keeps its slashes as path segments.
export const registryHref = (server: string) => `/registries/${encodeURIComponent(server)}`;

export function repositoryHref(server: string, repository: string, manifest?: string): string {
  const path = `${registryHref(server)}/${repository.split('/').map(encodeURIComponent).join('/')}`;
  return manifest ? `${path}?manifest=${encodeURIComponent(manifest)}` : path;
}
