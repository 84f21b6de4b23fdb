// Everything a prune plan needs from the engine, mapped into PlanImage: every image including the
// legacy builder's intermediates (`all=1`; both stores delete those too), parents, containers with the
// reference they were made from, and on the containerd store the dangling records, record times and
// snapshot-chain usage. Layer facts come from the per-ID layer cache; blobs from prune-content.ts.
import 'server-only';
import type { ImageStore } from '@/lib/api/engine';
import { dial, engine } from '@/lib/docker/engine/client';
import { getManyLayers, type ImageLayers } from '@/lib/docker/images/layer-facts';
import { cleanNames, detectImageStore, realCount } from '@/lib/docker/engine/mappers';
import type { PlanContainer, PlanImage } from '@/lib/docker/prune/plan';
import type { RawContainer, RawImageInspect, RawImageListItemFull, RawInfo } from '@/lib/docker/engine/raw-types';
import { ensureTagMemory, formerTags, rememberTags } from '@/lib/docker/prune/tag-memory';
import { perEngine } from '@/lib/docker/engine/scope';
import { shortId } from '@/lib/format';
import { mapLimit } from '@/lib/map-limit';

export interface PlanFacts {
  layers?: ImageLayers | null;
  containers?: PlanContainer[];
  danglingRecord?: boolean;
  recordTime?: string | null;
  createdExact?: string | null;
  formerTags?: string[];
}

/** Snapshot usage of the image's chain: the image manifest's Unpacked (one platform only; else unknown). */
function unpackedOf(raw: RawImageListItemFull): number | null {
  const images = (raw.Manifests ?? []).filter((manifest) => (manifest.Kind ?? 'image') === 'image' && manifest.Available !== false);
  if (images.length !== 1) return null;
  return realCount(images[0]!.ImageData?.Size?.Unpacked);
}

/** One entry of `/images/json?all=1` (either store, any API version) with what Strata knows about it. */
export function mapPlanImage(raw: RawImageListItemFull, facts: PlanFacts = {}): PlanImage {
  const layers = facts.layers ?? null;
  const repoTags = cleanNames(raw.RepoTags);
  return {
    id: raw.Id,
    shortId: shortId(raw.Id),
    repoTags,
    size: Math.max(0, raw.Size ?? 0),
    created: new Date(raw.Created * 1000).toISOString(),
    labels: raw.Labels ?? {},
    containers: facts.containers ?? [],
    parentId: raw.ParentId ? raw.ParentId : null,
    layers: layers ? layers.chainIds.map((chainId, i) => ({ chainId, size: layers.sizes?.[i] ?? null })) : [],
    diffIds: layers?.diffIds ?? [],
    formerTags: facts.formerTags ?? [],
    danglingRecord: facts.danglingRecord ?? repoTags.length === 0,
    recordTime: facts.recordTime ?? null,
    createdExact: facts.createdExact ?? null,
    unpacked: unpackedOf(raw),
    manifestSize: realCount(raw.Descriptor?.size ?? undefined),
    blobs: null,
  };
}

/** Containers by the image ID they run, with the reference each was created from. */
export function planContainersByImage(raw: readonly RawContainer[]): Map<string, PlanContainer[]> {
  const byImage = new Map<string, PlanContainer[]>();
  for (const container of raw) {
    if (!container.ImageID) continue;
    const ref: PlanContainer = {
      id: container.Id,
      name: (container.Names?.[0] ?? container.Id.slice(0, 12)).replace(/^\//, ''),
      state: container.State ?? 'unknown',
      imageRef: container.Image ?? '',
    };
    byImage.set(container.ImageID, [...(byImage.get(container.ImageID) ?? []), ref]);
  }
  return byImage;
}

/** A time to the millisecond; a zero or absent one (`0001-01-01…`, never tagged) is unknown. */
const exactTime = (raw: string | undefined) => {
  const time = raw ? Date.parse(raw) : NaN;
  return Number.isFinite(time) && time > 0 ? new Date(time).toISOString() : null;
};

/** A zero or absent time (`0001-01-01…`, never tagged) is unknown. */
export function recordTimeOf(inspect: Pick<RawImageInspect, 'Metadata'>): string | null {
  return exactTime(inspect.Metadata?.LastTagTime);
}

export async function imageStoreKind(): Promise<ImageStore> {
  return detectImageStore(await engine((docker) => docker.info() as Promise<RawInfo>));
}

const INSPECT_CONCURRENCY = 8;

interface InspectTimes {
  recordTime: string | null;
  created: string | null;
}

async function recordTimes(ids: readonly string[]): Promise<Map<string, InspectTimes>> {
  const times = await mapLimit(ids, INSPECT_CONCURRENCY, async (id): Promise<InspectTimes> => {
    try {
      const inspect = await engine((docker) => docker.getImage(id).inspect() as Promise<RawImageInspect>);
      return { recordTime: recordTimeOf(inspect), created: exactTime(inspect.Created) };
    } catch {
      return { recordTime: null, created: null };
    }
  });
  return new Map(ids.map((id, i) => [id, times[i]!]));
}

export interface InventoryOptions {
  store: ImageStore;
  /** Read each image's last tag time and exact Created (one inspect per image): containerd's `until`, retention's "last tagged". */
  recordTimes?: boolean;
  /** Each image's exact Created, for ranking by build time: inspected once per image ID, then remembered. */
  exactCreated?: boolean;
}

// An image ID names its config, and the config holds Created: it never changes, so it is read once.
const createdCache = () => perEngine('exact-created', () => new Map<string, string | null>());

async function exactCreatedTimes(ids: readonly string[], fresh: Map<string, InspectTimes> | null): Promise<Map<string, string | null>> {
  const cache = createdCache();
  for (const [id, times] of fresh ?? []) if (times.created) cache.set(id, times.created);
  const missing = ids.filter((id) => !cache.has(id));
  if (missing.length) for (const [id, times] of await recordTimes(missing)) if (times.created) cache.set(id, times.created);
  // Images gone from the engine are forgotten, so the cache never outgrows the engine's own list.
  const present = new Set(ids);
  for (const id of cache.keys()) if (!present.has(id)) cache.delete(id);
  return cache;
}

export async function planInventory({
  store,
  recordTimes: wantTimes = false,
  exactCreated = false,
}: InventoryOptions): Promise<PlanImage[]> {
  await ensureTagMemory();
  const containerd = store === 'containerd';
  const [raw, rawContainers, dangling] = await Promise.all([
    dial<RawImageListItemFull[]>({ path: '/images/json', method: 'GET', query: containerd ? { all: 1, manifests: 1 } : { all: 1 } }),
    engine((docker) => docker.listContainers({ all: true }) as Promise<RawContainer[]>),
    // Which untagged images are `moby-dangling@` records (and not held by a digest reference).
    containerd
      ? dial<RawImageListItemFull[]>({
          path: '/images/json',
          method: 'GET',
          query: { all: 1, filters: JSON.stringify({ dangling: ['true'] }) },
        })
      : Promise.resolve(null),
  ]);
  const ids = raw.map((image) => image.Id);
  const [layers, times] = await Promise.all([getManyLayers(ids), wantTimes ? recordTimes(ids) : Promise.resolve(null)]);
  const created = exactCreated ? await exactCreatedTimes(ids, times) : null;
  const containers = planContainersByImage(rawContainers);
  const danglingIds = dangling ? new Set(dangling.map((image) => image.Id)) : null;
  rememberTags(raw.map((image) => ({ id: image.Id, repoTags: cleanNames(image.RepoTags) })));
  return raw.map((image) =>
    mapPlanImage(image, {
      layers: layers.get(image.Id) ?? null,
      containers: containers.get(image.Id) ?? [],
      danglingRecord: danglingIds ? danglingIds.has(image.Id) : undefined,
      recordTime: times?.get(image.Id)?.recordTime ?? null,
      createdExact: created?.get(image.Id) ?? times?.get(image.Id)?.created ?? null,
      formerTags: formerTags(image.Id, cleanNames(image.RepoTags)),
    }),
  );
}
