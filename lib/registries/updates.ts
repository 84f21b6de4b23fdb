// "A newer image is out", for every local tag that came from a registry. The registry is asked with
// `HEAD` (Docker Hub does not count it as a pull), at most once per tag per interval and within a
// budget per registry, in the background; the answer is kept, and the state is worked out again on
// every request from the engine's current repo digests, so a pull turns "newer" into "up to date" at once.
import 'server-only';
import type { ImageSummary } from '@/lib/api/images';
import type { TagUpdate, UpdatesResponse, UpdateState } from '@/lib/api/updates';
import { StrataError } from '@/lib/api/errors';
import { parseReference } from '@/lib/reference';
import { listImages } from '@/lib/docker/images/list';
import { mapLimit } from '@/lib/map-limit';
import { getConfig, getManifest, headManifest, isAttestation, isIndex, platformOfDescriptor } from '@/lib/registries/manifests';

const CONCURRENCY_PER_REGISTRY = 4;
const MAX_RECORDS = 20_000;
const intervalMs = () => Number(process.env.STRATA_UPDATE_INTERVAL_S ?? 900) * 1000;
const budget = () => Number(process.env.STRATA_UPDATE_BUDGET ?? 300);

interface RemoteRecord {
  at: number;
  digest: string | null;
  /** An index's platform manifests: a local copy of one platform is that platform's digest. */
  platformDigests: string[];
  /** The config digest of the index's child for this engine's platform: the image ID on the classic store. */
  platformConfig: string | null;
  created: string | null;
  missing: boolean;
  problem: string | null;
}

interface LocalTag {
  key: string;
  tag: string;
  image: ImageSummary;
  server: string;
  repository: string;
  tagName: string;
  localDigests: string[];
}

const records = new Map<string, RemoteRecord>();
const inflight = new Map<string, Promise<void>>();
const budgets = new Map<string, { since: number; used: number }>();

function takeBudget(server: string): boolean {
  const now = Date.now();
  let entry = budgets.get(server);
  if (!entry || now - entry.since > intervalMs()) {
    entry = { since: now, used: 0 };
    budgets.set(server, entry);
  }
  if (entry.used >= budget()) return false;
  entry.used += 1;
  return true;
}

function localTags(images: ImageSummary[]): { tags: LocalTag[]; localOnly: number } {
  const tags: LocalTag[] = [];
  let localOnly = 0;
  for (const image of images) {
    const digests = image.repoDigests.map((entry) => parseReference(entry)).filter((parsed) => parsed.ok);
    for (const tag of image.repoTags) {
      const parsed = parseReference(tag);
      if (!parsed.ok || !parsed.ref.tag) continue;
      const { domain, path } = parsed.ref;
      const localDigests = digests.filter((d) => d.ref.domain === domain && d.ref.path === path).map((d) => d.ref.digest!);
      if (localDigests.length === 0) {
        localOnly += 1;
        continue;
      }
      tags.push({
        key: `${domain}/${path}:${parsed.ref.tag}`,
        tag,
        image,
        server: domain,
        repository: path,
        tagName: parsed.ref.tag,
        localDigests,
      });
    }
  }
  return { tags, localOnly };
}

async function createdOf(
  server: string,
  repository: string,
  digest: string,
  image: ImageSummary,
): Promise<{ created: string | null; platformDigests: string[]; platformConfig: string | null }> {
  const manifest = await getManifest(server, repository, digest);
  if (!isIndex(manifest)) {
    const config = manifest.config ? await getConfig(server, repository, manifest.config.digest) : null;
    return { created: config?.created ?? null, platformDigests: [], platformConfig: null };
  }
  const children = (manifest.manifests ?? []).filter((child) => !isAttestation(child));
  const local = image.platforms[0];
  const mine =
    children.find((child) => {
      const platform = platformOfDescriptor(child);
      return platform && local && platform.os === local.os && platform.architecture === local.architecture;
    }) ?? children[0];
  const child = mine ? await getManifest(server, repository, mine.digest) : null;
  const config = child?.config ? await getConfig(server, repository, child.config.digest) : null;
  return {
    created: config?.created ?? null,
    platformDigests: children.map((entry) => entry.digest),
    platformConfig: mine && child?.config ? child.config.digest : null,
  };
}

async function check(local: LocalTag): Promise<void> {
  let record: RemoteRecord;
  try {
    const head = await headManifest(local.server, local.repository, local.tagName);
    if (!head) {
      record = { at: Date.now(), digest: null, platformDigests: [], platformConfig: null, created: null, missing: true, problem: null };
    } else {
      const details = await createdOf(local.server, local.repository, head.digest, local.image).catch(() => ({
        created: null,
        platformDigests: [],
        platformConfig: null,
      }));
      record = { at: Date.now(), digest: head.digest, ...details, missing: false, problem: null };
    }
  } catch (error) {
    const missing = error instanceof StrataError && error.code === 'not_found';
    const problem = missing ? null : error instanceof Error ? error.message : String(error);
    record = { at: Date.now(), digest: null, platformDigests: [], platformConfig: null, created: null, missing, problem };
  }
  records.set(local.key, record);
  if (records.size > MAX_RECORDS) records.delete(records.keys().next().value!);
}

/** Starts the checks that are due (within each registry's budget); resolves when they are all done. */
function startChecks(due: LocalTag[]): Promise<unknown> {
  const byServer = new Map<string, LocalTag[]>();
  for (const local of due) {
    if (inflight.has(local.key) || !takeBudget(local.server)) continue;
    byServer.set(local.server, [...(byServer.get(local.server) ?? []), local]);
  }
  const runs = [...byServer.values()].map((tags) =>
    mapLimit(tags, CONCURRENCY_PER_REGISTRY, (local) => {
      const run = check(local).finally(() => inflight.delete(local.key));
      inflight.set(local.key, run);
      return run;
    }),
  );
  return Promise.all(runs);
}

function stateOf(local: LocalTag, record: RemoteRecord | undefined): { state: UpdateState; message: string | null } {
  if (!record) {
    return { state: 'pending', message: inflight.has(local.key) ? null : `Waiting for ${local.server}'s check budget.` };
  }
  if (record.problem) return { state: 'unreachable', message: record.problem };
  if (record.missing || !record.digest) return { state: 'not_in_registry', message: null };
  // The tag's index (or manifest) digest is what was pulled or pushed: the same digest, nothing newer.
  if (local.localDigests.includes(record.digest)) return { state: 'up_to_date', message: null };
  // Only one platform here (pulled with --platform): its manifest is what counts, so an index that
  // changed other platforms only is no newer for this engine. With several here, the index decides.
  // (The classic store keeps no manifests: its one platform's id is the image ID, the child's config digest.)
  const here = local.image.platforms.filter((platform) => platform.available);
  const onlyPlatform = here.length === 1 ? here[0]!.id : null;
  if (onlyPlatform && (record.platformDigests.includes(onlyPlatform) || record.platformConfig === onlyPlatform)) {
    return { state: 'up_to_date', message: null };
  }
  return { state: 'newer', message: null };
}

const REFRESH_FLOOR_MS = 60_000;

export async function imageUpdates(wait: number, refresh = false): Promise<UpdatesResponse> {
  const { images } = await listImages();
  const { tags, localOnly } = localTags(images);
  // Even "check now" leaves an answer younger than a minute alone: a click cannot flood a registry.
  const maxAge = refresh ? REFRESH_FLOOR_MS : intervalMs();
  const due = tags.filter((local) => {
    const record = records.get(local.key);
    return !record || Date.now() - record.at > maxAge;
  });
  const work = startChecks(due);
  if (wait > 0) await Promise.race([work, new Promise((resolve) => setTimeout(resolve, wait))]);
  const updates: TagUpdate[] = tags.map((local) => {
    const record = records.get(local.key);
    const { state, message } = stateOf(local, record);
    return {
      tag: local.tag,
      imageId: local.image.id,
      local: local.localDigests[0] ?? null,
      remote: record?.digest ?? null,
      state,
      checkedAt: record ? new Date(record.at).toISOString() : null,
      remoteCreated: record?.created ?? null,
      message,
    };
  });
  return { updates, localOnly, intervalSeconds: intervalMs() / 1000 };
}

/** Forget a tag's registry answer (after Strata pushed or pulled it), so the next request asks again. */
export function forgetUpdate(server: string, repository: string, tag: string): void {
  records.delete(`${server}/${repository}:${tag}`);
}
