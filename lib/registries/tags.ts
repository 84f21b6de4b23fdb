// A repository's tags, paged on the server, each with its digest, platforms and the other tags that
// share its digest. `tags/list` gives names only, so digests come from one `HEAD` per tag: the page's
// tags first (the answer waits for those), the rest of the repository afterwards in the background, so
// aliases fill in without any page waiting for 20,000 requests.
import 'server-only';
import { StrataError } from '@/lib/api/errors';
import { TAG_PAGE_SIZE, type RegistryTag, type TagGroup, type TagPage, type TagPlatform } from '@/lib/api/registry-browse';
import { registryErrorCode, registryFetch } from '@/lib/registries/http';
import {
  getConfig,
  getManifest,
  headManifest,
  isAttestation,
  isIndex,
  manifestSize,
  platformOfDescriptor,
} from '@/lib/registries/manifests';
import { nextPagePath, pageOf } from '@/lib/registries/paging';
import { mapLimit } from '@/lib/map-limit';

const LIST_TTL_MS = 30_000;
const DIGEST_TTL_MS = 5 * 60_000;
const PAGE_CONCURRENCY = 16;
const BACKGROUND_CONCURRENCY = 4;
const MAX_REPOSITORIES = 64;

interface Known {
  at: number;
  digest: string | null;
  mediaType: string | null;
  problem: string | null;
}
interface Repository {
  listedAt: number;
  names: Promise<string[]>;
  digests: Map<string, Known>;
  filling: boolean;
}
const repositories = new Map<string, Repository>();

function repositoryState(server: string, repository: string): Repository {
  const key = `${server}/${repository}`;
  let state = repositories.get(key);
  if (!state) {
    state = { listedAt: 0, names: Promise.resolve([]), digests: new Map(), filling: false };
    repositories.set(key, state);
    if (repositories.size > MAX_REPOSITORIES) repositories.delete(repositories.keys().next().value!);
  }
  return state;
}

async function readTagNames(server: string, repository: string): Promise<string[]> {
  const names: string[] = [];
  let path: string | null = `/v2/${repository}/tags/list?n=1000`;
  const seen = new Set<string>();
  while (path && !seen.has(path)) {
    seen.add(path);
    const response = await registryFetch(server, path, { scope: `repository:${repository}:pull` });
    if (!response.ok) {
      const code = await registryErrorCode(response);
      if (response.status === 404 || code === 'NAME_UNKNOWN') {
        throw new StrataError('not_found', `${server} has no repository named ${repository}.`);
      }
      throw new StrataError('upstream_failed', `${server} answered ${response.status} for the tags of ${repository}.`);
    }
    const body = (await response.json().catch(() => null)) as { tags?: unknown } | null;
    if (Array.isArray(body?.tags)) names.push(...body.tags.filter((tag): tag is string => typeof tag === 'string'));
    path = nextPagePath(response.headers.get('link'));
  }
  return names;
}

function tagNames(server: string, repository: string): Promise<string[]> {
  const state = repositoryState(server, repository);
  if (Date.now() - state.listedAt > LIST_TTL_MS) {
    // Kept from when the read ends, and never read twice at once (a long list can outlast the TTL).
    state.listedAt = Infinity;
    const names = readTagNames(server, repository);
    state.names = names;
    // Only the newest read sets the time: an older one ending later says nothing of the list now.
    names.then(
      () => state.names === names && (state.listedAt = Date.now()),
      () => state.names === names && (state.listedAt = 0),
    );
  }
  return state.names;
}

async function resolve(server: string, repository: string, state: Repository, tag: string): Promise<Known> {
  const known = state.digests.get(tag);
  if (known && Date.now() - known.at < DIGEST_TTL_MS) return known;
  let entry: Known;
  try {
    const head = await headManifest(server, repository, tag);
    entry = {
      at: Date.now(),
      digest: head?.digest ?? null,
      mediaType: head?.mediaType ?? null,
      problem: head ? null : 'not in the registry',
    };
  } catch (error) {
    entry = { at: Date.now(), digest: null, mediaType: null, problem: error instanceof Error ? error.message : String(error) };
  }
  state.digests.set(tag, entry);
  return entry;
}

function fillInBackground(server: string, repository: string, state: Repository, names: string[]): void {
  if (state.filling) return;
  state.filling = true;
  void mapLimit(names, BACKGROUND_CONCURRENCY, (tag) => resolve(server, repository, state, tag)).finally(() => {
    state.filling = false;
  });
}

interface Described {
  platforms: TagPlatform[];
  created: string | null;
}

/** Platforms with sizes and the created time of what a digest names (an index or one manifest). */
export async function describeDigest(server: string, repository: string, digest: string): Promise<Described> {
  const manifest = await getManifest(server, repository, digest);
  if (!isIndex(manifest)) {
    const config = manifest.config ? await getConfig(server, repository, manifest.config.digest) : null;
    const platform = config?.platform ?? { os: 'unknown', architecture: 'unknown', variant: null };
    return { platforms: [{ ...platform, digest, size: manifestSize(manifest) }], created: config?.created ?? null };
  }
  const children = (manifest.manifests ?? []).filter((child) => !isAttestation(child));
  const platforms = await mapLimit(children, 4, async (child): Promise<TagPlatform> => {
    const platform = platformOfDescriptor(child) ?? { os: 'unknown', architecture: 'unknown', variant: null };
    const size = await getManifest(server, repository, child.digest).then(manifestSize, () => null);
    return { ...platform, digest: child.digest, size };
  });
  const first = children[0] ? await getManifest(server, repository, children[0].digest).catch(() => null) : null;
  const config = first?.config ? await getConfig(server, repository, first.config.digest).catch(() => null) : null;
  return { platforms, created: config?.created ?? null };
}

/** Every tag of the repository with this digest, once all digests are known (for a delete preview). */
export async function tagsWithDigest(server: string, repository: string, digest: string): Promise<string[]> {
  const state = repositoryState(server, repository);
  // The list as it is now (a read already under way is recent enough).
  if (state.listedAt !== Infinity) state.listedAt = 0;
  const names = await tagNames(server, repository);
  const known = await mapLimit(names, PAGE_CONCURRENCY, (tag) => resolve(server, repository, state, tag));
  return names.filter((_, index) => known[index]!.digest === digest);
}

/** Forget what is known of a repository (after a delete or a push Strata made). */
export function forgetRepository(server: string, repository: string): void {
  repositories.delete(`${server}/${repository}`);
}

/** A page names at most this many of a tag's aliases (and counts them all): 50 tags × 20,000 names is no page. */
const MAX_ALIASES = 20;

function aliasesOf(name: string, same: string[]): { aliases: string[]; aliasCount: number } {
  const aliases: string[] = [];
  for (const other of same) {
    if (other === name) continue;
    if (aliases.length === MAX_ALIASES) break;
    aliases.push(other);
  }
  return { aliases, aliasCount: Math.max(0, same.length - (same.includes(name) ? 1 : 0)) };
}

export async function listTags(server: string, repository: string, page: number, q: string): Promise<TagPage> {
  const state = repositoryState(server, repository);
  const names = await tagNames(server, repository);
  const needle = q.toLowerCase();
  const matching = needle ? names.filter((name) => name.toLowerCase().includes(needle)) : names;
  const onPage = pageOf(matching, page, TAG_PAGE_SIZE);
  const known = await mapLimit(onPage, PAGE_CONCURRENCY, (tag) => resolve(server, repository, state, tag));
  const digests = [...new Set(known.map((entry) => entry.digest).filter((digest): digest is string => digest !== null))];
  const described = new Map(
    await mapLimit(digests, 4, async (digest) => [digest, await describeDigest(server, repository, digest).catch(() => null)] as const),
  );
  // Tags per digest, in one pass: one manifest under 20,000 tags is a real registry's shape.
  const byDigest = new Map<string, string[]>();
  let resolved = 0;
  for (const name of names) {
    const entry = state.digests.get(name);
    // Asked and answered, digest or not (a tag whose HEAD failed is read, not pending). An answer older
    // than the TTL still counts: on a slow registry a fill of 20,000 HEADs outlasts it, and the page's
    // own tags are asked again when stale anyway.
    if (!entry) continue;
    resolved += 1;
    if (!entry.digest) continue;
    const same = byDigest.get(entry.digest);
    if (same) same.push(name);
    else byDigest.set(entry.digest, [name]);
  }
  const tags: RegistryTag[] = onPage.map((name, index) => {
    const entry = known[index]!;
    const details = entry.digest ? described.get(entry.digest) : null;
    return {
      name,
      digest: entry.digest,
      mediaType: entry.mediaType,
      ...aliasesOf(name, entry.digest ? (byDigest.get(entry.digest) ?? []) : []),
      platforms: details?.platforms ?? [],
      created: details?.created ?? null,
      problem: entry.problem,
    };
  });
  const groups: TagGroup[] = [];
  for (const tag of tags) {
    const group = tag.digest ? groups.find((candidate) => candidate.digest === tag.digest) : undefined;
    if (group) group.tags.push(tag.name);
    else groups.push({ digest: tag.digest, tags: [tag.name] });
  }
  if (resolved < names.length) fillInBackground(server, repository, state, names);
  return { server, repository, page, pageSize: TAG_PAGE_SIZE, total: matching.length, listed: names.length, resolved, tags, groups };
}
