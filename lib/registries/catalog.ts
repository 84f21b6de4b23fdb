// A registry's repositories, paged and filtered on the server so 50,000 names never reach the browser at
// once. The first page without a filter is one `_catalog?n=` request, as fast as the registry's own page;
// the whole catalog is then read in the background (following `Link`) and kept a minute, for the pages
// after it, the filter and the total.
import 'server-only';
import { REPOSITORY_PAGE_SIZE, type RepositoryPage } from '@/lib/api/registry-browse';
import { StrataError } from '@/lib/api/errors';
import { registryErrorCode, registryFetch } from '@/lib/registries/http';
import { nextPagePath, pageOf } from '@/lib/registries/paging';

const TTL_MS = 60_000;
const BATCH = 1000;
const MAX_SERVERS = 16;
const SCOPE = 'registry:catalog:*';

interface Catalog {
  /** When the whole list was read; null while it is being read (a walk of 50,000 can outlast the TTL). */
  at: number | null;
  names: Promise<string[]>;
}
const catalogs = new Map<string, Catalog>();

class CatalogRefused extends Error {}

/** The same page without `n=`: the registry's own page size. */
function withoutPageSize(path: string): string | null {
  const url = new URL(path, 'http://registry.invalid');
  if (!url.searchParams.has('n')) return null;
  url.searchParams.delete('n');
  return `${url.pathname}${url.search}`;
}

async function catalogPage(server: string, path: string): Promise<{ names: string[]; next: string | null }> {
  let response: Response;
  try {
    response = await registryFetch(server, path, { scope: SCOPE });
  } catch (error) {
    // Registries that keep their list to themselves (GHCR, ECR, Hub) refuse the catalog scope even with
    // a login. Without one, the refusal may be only that: the page says to log in.
    if (error instanceof StrataError && error.code === 'unauthorized' && error.details?.login) throw new CatalogRefused(error.message);
    throw error;
  }
  if (!response.ok) {
    const code = await registryErrorCode(response);
    // distribution refuses an `n` above its catalog.maxentries (1000 unless set lower) with this code:
    // ask again at its own page size and follow its Link instead.
    const smaller = code === 'PAGINATION_NUMBER_INVALID' ? withoutPageSize(path) : null;
    if (smaller) return catalogPage(server, smaller);
    if ([401, 403, 404, 405].includes(response.status) || code === 'UNSUPPORTED') throw new CatalogRefused(code ?? String(response.status));
    throw new StrataError('upstream_failed', `${server} answered ${response.status} for its list of repositories.`);
  }
  const body = (await response.json().catch(() => null)) as { repositories?: unknown } | null;
  const names = Array.isArray(body?.repositories) ? body.repositories.filter((name): name is string => typeof name === 'string') : [];
  return { names, next: nextPagePath(response.headers.get('link')) };
}

async function readAll(server: string): Promise<string[]> {
  const names: string[] = [];
  let path: string | null = `/v2/_catalog?n=${BATCH}`;
  const seen = new Set<string>();
  while (path && !seen.has(path)) {
    seen.add(path);
    const page = await catalogPage(server, path);
    names.push(...page.names);
    path = page.next;
  }
  return names;
}

const isFresh = (catalog: Catalog | undefined): catalog is Catalog =>
  catalog !== undefined && (catalog.at === null || Date.now() - catalog.at < TTL_MS);

function wholeCatalog(server: string): Promise<string[]> {
  const cached = catalogs.get(server);
  // One walk at a time: a request during the walk waits for it rather than starting another.
  if (isFresh(cached)) return cached.names;
  const entry: Catalog = { at: null, names: readAll(server) };
  catalogs.set(server, entry);
  // A failed read is kept for the TTL too: the page says why, and a polling page does not start a new
  // walk of the whole catalog every few seconds.
  entry.names.then(
    () => (entry.at = Date.now()),
    () => (entry.at = Date.now()),
  );
  if (catalogs.size > MAX_SERVERS) catalogs.delete(catalogs.keys().next().value!);
  return entry.names;
}

/** Forget a registry's list (after a delete), so the next page reads it again. */
export function forgetCatalog(server: string): void {
  catalogs.delete(server);
}

const refusedPage = (server: string, page: number): RepositoryPage => ({
  server,
  catalog: false,
  page,
  pageSize: REPOSITORY_PAGE_SIZE,
  total: null,
  hasMore: false,
  repositories: [],
});

export async function listRepositories(server: string, page: number, q: string): Promise<RepositoryPage> {
  const pageSize = REPOSITORY_PAGE_SIZE;
  const fresh = catalogs.get(server);
  try {
    if (page === 1 && !q && !(fresh && fresh.at !== null && Date.now() - fresh.at < TTL_MS)) {
      const first = await catalogPage(server, `/v2/_catalog?n=${pageSize}`);
      // A registry whose pages are smaller than Strata's fills the first page from the whole list.
      if (!first.next || first.names.length >= pageSize) {
        // The rest is read after this answer, for the next page, the filter and the total.
        if (first.next) wholeCatalog(server).catch(() => undefined);
        const names = first.names.slice(0, pageSize);
        return {
          server,
          catalog: true,
          page,
          pageSize,
          total: first.next ? null : names.length,
          hasMore: first.next !== null,
          repositories: names,
        };
      }
    }
    const all = await wholeCatalog(server);
    const needle = q.toLowerCase();
    const matching = needle ? all.filter((name) => name.includes(needle)) : all;
    return {
      server,
      catalog: true,
      page,
      pageSize,
      total: matching.length,
      hasMore: page * pageSize < matching.length,
      repositories: pageOf(matching, page, pageSize),
    };
  } catch (error) {
    if (error instanceof CatalogRefused) return refusedPage(server, page);
    throw error;
  }
}
