// Images as Strata shows them: the engine's list, made exact about shared layers and container use.
import 'server-only';
import type { ImageDetail, ImageListResponse } from '@/lib/api/images';
import { StrataError } from '@/lib/api/errors';
import { compareApiVersions } from '@/lib/docker/engine/api-version';
import { dial, engine, getConnection, listTimeoutMs } from '@/lib/docker/engine/client';
import { imageStoreDiskUsed } from '@/lib/docker/prune/disk-usage';
import { withIntermediates } from '@/lib/docker/images/intermediates';
import { cachedLayers, getManyLayers, rememberLayers, resolveImageLayers, type ImageLayers } from '@/lib/docker/images/layer-facts';
import { beginCounting, isPartial, wholeOrFirstRows } from '@/lib/docker/images/list-progress';
import { containersByImage, listedStore, mapInspect, mapListItem } from '@/lib/docker/engine/mappers';
import type { RawContainer, RawHistoryItem, RawImageInspect, RawImageListItem } from '@/lib/docker/engine/raw-types';
import { sizeReport, summarizeFirstRows, summarizeImages, toSummary, type Snapshot } from '@/lib/docker/images/summaries';
import { MANIFESTS_API } from '@/lib/docker/images/platforms';
import { snapshotCache, type SnapshotStats } from '@/lib/docker/images/snapshot-cache';
import { patchSnapshot } from '@/lib/docker/images/snapshot-patch';
import { toInspectView } from '@/lib/docker/images/inspect-view';
import { knownOs, withBaseOs } from '@/lib/docker/analysis/os-index';

export type { Snapshot } from '@/lib/docker/images/summaries';

async function loadSnapshot(): Promise<Snapshot> {
  // The containerd store needs both for its sizes and platforms: SharedSize (1.42+; older engines ignore
  // it, and on the classic store Strata computes the split itself) and per-platform manifests (from API
  // 1.47, answered only by the containerd store).
  const manifests = compareApiVersions((await getConnection()).apiVersion, MANIFESTS_API) >= 0;
  const options = { 'shared-size': true, ...(manifests ? { manifests: true } : {}) };
  // A stuck engine is told by the ping, within the ordinary limit; the lists may then take longer.
  await engine((docker) => docker.ping());
  const [rawImages, rawContainers] = await Promise.all([
    engine((docker) => docker.listImages(options as object) as Promise<RawImageListItem[]>, { timeoutMs: listTimeoutMs() }),
    engine((docker) => docker.listContainers({ all: true }) as Promise<RawContainer[]>, { timeoutMs: listTimeoutMs() }),
  ]);
  const listed = rawImages.map(mapListItem);
  const store = listedStore(rawImages);
  const containers = containersByImage(rawContainers);
  const ids = listed.map((image) => image.id);
  const known = new Map<string, ImageLayers>();
  for (const id of ids) {
    const hit = cachedLayers(id);
    if (hit) known.set(id, hit);
  }
  // From here the list route can show rows while the layer facts come in (list-progress.ts).
  const counting = beginCounting({ listed, layers: known, containers, store, engineDiskUsed: null }, ids.length - known.size);
  try {
    const [layers, engineDiskUsed] = await Promise.all([
      getManyLayers(ids, counting.fetched),
      store === 'containerd' ? imageStoreDiskUsed().then((bytes) => (counting.diskUsed(bytes), bytes)) : Promise.resolve(null),
    ]);
    return { listed, layers, containers, store, engineDiskUsed };
  } finally {
    counting.finish();
  }
}

// Image and container events are applied to the kept lists in place (snapshot-patch.ts).
const engineLists = snapshotCache('engine-lists', loadSnapshot, patchSnapshot);

/** How the kept lists were refreshed: whole loads, patches, and patches that fell back to a load. */
export function imageSnapshotStats(): SnapshotStats {
  return engineLists.stats();
}

/** After Strata itself changed the engine: the next read must not wait for the event to arrive. */
export function invalidateImages(): void {
  engineLists.invalidate();
}

/** A copy the caller may extend (the detail page adds intermediate images) without touching the cache. */
export async function snapshot(): Promise<Snapshot> {
  const snap = await engineLists.get();
  return { ...snap, listed: [...snap.listed], layers: new Map(snap.layers) };
}

/**
 * `docker image ls`, or with `intermediates` `docker image ls -a` (lib/docker/intermediates.ts). On a
 * cold start the plain list may answer with the first rows before every image's layers are read
 * (`totals.counting`); STRATA_LIST_FIRST_ROWS=off always waits (the benchmark's before).
 */
export async function listImages(options: { intermediates?: boolean } = {}): Promise<ImageListResponse> {
  if (options.intermediates || process.env.STRATA_LIST_FIRST_ROWS === 'off') {
    const snap = await snapshot();
    return withBaseOs(options.intermediates ? await withIntermediates(snap) : summarizeImages(snap));
  }
  const first = await wholeOrFirstRows(snapshot());
  return withBaseOs(isPartial(first) ? summarizeFirstRows(first.snapshot, first.counting) : summarizeImages(first));
}

/** Inspect by ID, short ID or name; an unknown image is a not_found that names what was asked. */
export async function inspectImage(ref: string): Promise<RawImageInspect> {
  try {
    // manifests=1 (1.48+, containerd store) gives inspect the list's sizes; other engines ignore it.
    // (dockerode's inspect drops every query option, hence the modem; the name goes in as dockerode puts it.)
    return await dial<RawImageInspect>({ path: `/images/${ref}/json`, method: 'GET', query: { manifests: 1 } });
  } catch (error) {
    if (error instanceof StrataError && error.code === 'not_found') {
      throw new StrataError('not_found', `No image named ${ref} on this engine.`, { ref });
    }
    throw error;
  }
}

/** The ID a name points at now, or null when the engine has no image by that name. */
export async function imageIdOf(ref: string): Promise<string | null> {
  try {
    return (await inspectImage(ref)).Id;
  } catch (error) {
    if (error instanceof StrataError && error.code === 'not_found') return null;
    throw error;
  }
}

/** Whether the engine no longer has an image (inspect is a 404). */
async function isGone(id: string): Promise<boolean> {
  try {
    await dial({ path: `/images/${id}/json`, method: 'GET' });
    return false;
  } catch (error) {
    if (error instanceof StrataError && error.code === 'not_found') return true;
    throw error;
  }
}

/** One image by ID, short ID or name, with its sizes computed against every other image. */
export async function getImageDetail(ref: string): Promise<ImageDetail> {
  const raw = await inspectImage(ref);
  const detail = mapInspect(raw);
  const snap = await snapshot();
  let listed = snap.listed.find((image) => image.id === detail.id);
  const topLevel = listed !== undefined;
  if (!listed) {
    // An intermediate image of a legacy build is not in the top-level list; size it against the rest.
    // The Descriptor marks the containerd store (for the platform sizes); inspect with manifests=1 gave
    // the two sizes there.
    const item = { Id: raw.Id, Created: Date.parse(detail.created) / 1000, Size: detail.size, Descriptor: raw.Descriptor };
    listed = { ...mapListItem(item), contentSize: detail.contentSize, unpackedSize: detail.unpackedSize, repoTags: detail.repoTags };
    const history = await engine((docker) => docker.getImage(detail.id).history() as Promise<RawHistoryItem[]>);
    const layers = await resolveImageLayers(detail.id, detail.diffIds, history);
    rememberLayers(detail.id, layers);
    snap.layers.set(detail.id, layers);
    snap.listed.push(listed);
  }
  const summary = toSummary(listed, snap, sizeReport(snap), { os: detail.os, architecture: detail.architecture, variant: detail.variant });
  return {
    ...summary,
    repoTags: detail.repoTags,
    repoDigests: detail.repoDigests,
    // Parents of other images (absent from the top-level list) are never dangling, whatever their tags.
    dangling: topLevel && detail.repoTags.length === 0,
    baseOs: (await knownOs()).get(detail.id) ?? null,
    labels: detail.labels,
    parent: detail.parent,
    ...(detail.parent && (await isGone(detail.parent)) ? { parentGone: true } : {}),
    architecture: detail.architecture,
    os: detail.os,
    variant: detail.variant,
    author: detail.author,
    comment: detail.comment,
    dockerVersion: detail.dockerVersion,
    config: detail.config,
    layers: detail.diffIds,
    containerRefs: snap.containers.get(detail.id) ?? [],
    inspect: toInspectView(raw),
  };
}
