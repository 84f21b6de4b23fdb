// The only place that calls Docker Hub, at HUB_API_URL (default https://hub.docker.com) and nowhere
// else. Answers are cached briefly (the Hub rate-limits by address); failures say what was tried.
import 'server-only';
import type { ZodType } from 'zod';
import type { HubRateLimit, HubRepoSummary, HubRepository, HubSearchResponse, HubTagsResponse } from '@/lib/api/hub';
import { StrataError } from '@/lib/api/errors';
import * as shapes from '@/lib/hub/shapes';

const TTL_MS = 60_000;
const TIMEOUT_MS = 8_000;
// Keyed by URL (which holds the user's query): bounded, oldest first out.
const MAX_CACHED = 300;
const cache = new Map<string, { at: number; body: unknown; rateLimit: HubRateLimit | null }>();

export function hubBase(): string {
  return (process.env.HUB_API_URL || 'https://hub.docker.com').replace(/\/+$/, '');
}

// Header figures are the Hub's to change: one that is not a whole number, or a time no Date holds, reads
// as unknown rather than as NaN or a RangeError.
const wholeNumber = (value: string | null) => (value && /^\d+$/.test(value.trim()) ? Number(value) : null);
const validDate = (ms: number) => {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date;
};

function rateLimitOf(headers: Headers): HubRateLimit | null {
  const limit = headers.get('x-ratelimit-limit');
  const remaining = headers.get('x-ratelimit-remaining');
  const reset = wholeNumber(headers.get('x-ratelimit-reset'));
  if (limit === null && remaining === null) return null;
  return {
    limit: wholeNumber(limit),
    remaining: wholeNumber(remaining),
    reset: reset === null ? null : (validDate(reset * 1000)?.toISOString() ?? null),
  };
}

async function get<T>(
  path: string,
  shape: ZodType<T>,
  notFound = 'Docker Hub has no such repository.',
): Promise<{ body: T; rateLimit: HubRateLimit | null }> {
  const url = `${hubBase()}${path}`;
  const hit = cache.get(url);
  if (hit && Date.now() - hit.at < TTL_MS) return { body: hit.body as T, rateLimit: hit.rateLimit };
  if (hit) cache.delete(url);
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new StrataError(
      'upstream_failed',
      `Docker Hub is unreachable from this server (tried ${hubBase()}). Check the server's internet access, or set HUB_API_URL.`,
      {
        tried: hubBase(),
        offline: true,
      },
    );
  }
  if (response.status === 429) {
    // Epoch seconds (the Hub's X-Retry-After) or seconds from now (a plain Retry-After).
    const retry = wholeNumber(response.headers.get('x-retry-after') ?? response.headers.get('retry-after'));
    const at = retry === null ? null : validDate(retry > 1e9 ? retry * 1000 : Date.now() + retry * 1000);
    throw new StrataError(
      'rate_limited',
      `Docker Hub is rate-limiting this server${at ? `; try again after ${at.toISOString().slice(11, 16)} UTC` : '; try again in a few minutes'}.`,
      {
        retryAt: at?.toISOString() ?? null,
      },
    );
  }
  if (response.status === 404) throw new StrataError('not_found', notFound);
  if (!response.ok) throw new StrataError('upstream_failed', `Docker Hub answered ${response.status} for ${path.split('?')[0]}.`);
  const parsed = shape.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new StrataError('upstream_failed', 'Docker Hub answered in a shape Strata does not understand.');
  const rateLimit = rateLimitOf(response.headers);
  cache.set(url, { at: Date.now(), body: parsed.data, rateLimit });
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return { body: parsed.data, rateLimit };
}

const splitName = (name: string) => {
  const slash = name.indexOf('/');
  return slash < 0 ? { namespace: 'library', repository: name } : { namespace: name.slice(0, slash), repository: name.slice(slash + 1) };
};

export interface SearchOptions {
  q: string;
  page: number;
  pageSize: number;
  sort: 'relevance' | 'pulls' | 'stars' | 'updated';
  official: boolean;
  verified: boolean;
}

export async function searchHub(options: SearchOptions): Promise<HubSearchResponse> {
  const params = new URLSearchParams({
    query: options.q,
    from: String((options.page - 1) * options.pageSize),
    size: String(options.pageSize),
    type: 'image',
  });
  const badges = [options.official && 'official', options.verified && 'verified_publisher'].filter(Boolean);
  if (badges.length) params.set('badges', badges.join(','));
  if (options.sort === 'pulls') params.set('sort', 'pull_count');
  if (options.sort === 'updated') params.set('sort', 'updated_at');
  // v4 sorts by pull_count or updated_at only; "stars" orders each page by stars below.
  if (options.sort !== 'relevance') params.set('order', 'desc');
  try {
    const { body, rateLimit } = await get(`/api/search/v4?${params}`, shapes.searchV4);
    const results: HubRepoSummary[] = (body.results ?? []).map((item) => ({
      name: item.name,
      ...splitName(item.name),
      description: item.short_description,
      stars: item.star_count ?? 0,
      pulls: item.pull_count === null || item.pull_count === undefined ? '—' : String(item.pull_count),
      official: item.badge === 'official',
      verifiedPublisher: item.badge === 'verified_publisher',
      openSource: item.badge === 'open_source',
      publisher: item.publisher?.name ?? null,
      updatedAt: item.updated_at ?? null,
      architectures: (item.architectures ?? []).map((arch) => arch.name),
    }));
    if (options.sort === 'stars') results.sort((a, b) => b.stars - a.stars);
    return { total: body.total ?? results.length, page: options.page, pageSize: options.pageSize, results, rateLimit };
  } catch (error) {
    // The older v2 search still answers where v4 is missing.
    if (!(error instanceof StrataError && error.code === 'not_found')) throw error;
    const v2 = new URLSearchParams({ query: options.q, page: String(options.page), page_size: String(options.pageSize) });
    const { body, rateLimit } = await get(
      `/v2/search/repositories/?${v2}`,
      shapes.searchV2,
      `Docker Hub search is not available at ${hubBase()}.`,
    );
    const results: HubRepoSummary[] = (body.results ?? []).map((item) => ({
      name: item.repo_name,
      ...splitName(item.repo_name),
      description: item.short_description,
      stars: item.star_count ?? 0,
      pulls: item.pull_count === null || item.pull_count === undefined ? '—' : String(item.pull_count),
      official: item.is_official === true,
      verifiedPublisher: false,
      openSource: false,
      publisher: null,
      updatedAt: null,
      architectures: [],
    }));
    return { total: body.count ?? results.length, page: options.page, pageSize: options.pageSize, results, rateLimit };
  }
}

export async function hubRepository(namespace: string, repo: string): Promise<HubRepository> {
  const { body } = await get(`/v2/namespaces/${encodeURIComponent(namespace)}/repositories/${encodeURIComponent(repo)}`, shapes.repository);
  return {
    namespace,
    repository: repo,
    name: namespace === 'library' ? repo : `${namespace}/${repo}`,
    description: body.description,
    fullDescription: body.full_description,
    stars: body.star_count ?? 0,
    pulls: body.pull_count ?? 0,
    lastUpdated: body.last_updated ?? null,
    official: namespace === 'library',
  };
}

export async function hubTags(namespace: string, repo: string, page: number, name: string): Promise<HubTagsResponse> {
  const pageSize = 25;
  const params = new URLSearchParams({ page: String(page), page_size: String(pageSize), ordering: 'last_updated' });
  if (name) params.set('name', name);
  const { body } = await get(
    `/v2/namespaces/${encodeURIComponent(namespace)}/repositories/${encodeURIComponent(repo)}/tags?${params}`,
    shapes.tags,
  );
  return {
    count: body.count ?? 0,
    page,
    pageSize,
    tags: (body.results ?? []).map((tag) => ({
      name: tag.name,
      digest: tag.digest ?? null,
      lastPushed: tag.tag_last_pushed ?? tag.last_updated ?? null,
      // Attestation manifests show up as architecture "unknown": not something anyone pulls.
      images: (tag.images ?? [])
        .filter((image) => image.architecture && image.architecture !== 'unknown')
        .map((image) => ({
          architecture: image.architecture!,
          os: image.os ?? 'unknown',
          variant: image.variant ?? null,
          size: image.size ?? 0,
          digest: image.digest ?? null,
        })),
    })),
  };
}
