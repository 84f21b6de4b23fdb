// Images as Strata shows them: the engine's list, made exact about shared layers and container use.
import 'server-only';
import type { ContainerRef, ImageDetail, ImageListResponse, ImageSummary } from '@/lib/api/types';
import { StrataError } from '@/lib/api/errors';
import { compareApiVersions } from '@/lib/docker/api-version';
import { engine, getConnection } from '@/lib/docker/client';
import { getManyLayers, rememberLayers, resolveImageLayers, type ImageLayers } from '@/lib/docker/layer-cache';
import { containersByImage, mapInspect, mapListItem, type ListedImage } from '@/lib/docker/mappers';
import type { RawContainer, RawHistoryItem, RawImageInspect, RawImageListItem } from '@/lib/docker/raw-types';
import { MANIFESTS_API, resolvePlatforms, type PlatformFacts } from '@/lib/docker/platforms';
import { computeSizes, type SizedImage } from '@/lib/docker/sizes';
import { snapshotCache } from '@/lib/docker/snapshot-cache';

export interface Snapshot {
  listed: ListedImage[];
  layers: Map<string, ImageLayers>;
  containers: Map<string, ContainerRef[]>;
}

async function loadSnapshot(): Promise<Snapshot> {
  // Per-platform manifests: the parameter exists from API 1.47, and only the containerd store answers it.
  const manifests = compareApiVersions((await getConnection()).apiVersion, MANIFESTS_API) >= 0;
  const [rawImages, rawContainers] = await Promise.all([
    engine((docker) => docker.listImages(manifests ? { manifests: true } : {}) as Promise<RawImageListItem[]>),
    engine((docker) => docker.listContainers({ all: true }) as Promise<RawContainer[]>),
  ]);
  const listed = rawImages.map(mapListItem);
  const layers = await getManyLayers(listed.map((image) => image.id));
  return { listed, layers, containers: containersByImage(rawContainers) };
}

const engineLists = snapshotCache('engine-lists', loadSnapshot);

/** After Strata itself changed the engine: the next read must not wait for the event to arrive. */
export function invalidateImages(): void {
  engineLists.invalidate();
}

/** A copy the caller may extend (the detail page adds intermediate images) without touching the cache. */
export async function snapshot(): Promise<Snapshot> {
  const snap = await engineLists.get();
  return { listed: [...snap.listed], layers: new Map(snap.layers), containers: snap.containers };
}

function toSized(image: ListedImage, layers: ImageLayers | undefined): SizedImage {
  return {
    id: image.id,
    size: image.size,
    engineSharedSize: image.engineSharedSize,
    layers: layers ? layers.chainIds.map((chainId, i) => ({ chainId, size: layers.sizes?.[i] ?? null })) : null,
  };
}

function toSummary(
  image: ListedImage,
  snap: Snapshot,
  split: { sharedSize: number; uniqueSize: number } | undefined,
  own: PlatformFacts | null = snap.layers.get(image.id)?.platform ?? null,
): ImageSummary {
  return {
    id: image.id,
    shortId: image.shortId,
    repoTags: image.repoTags,
    repoDigests: image.repoDigests,
    created: image.created,
    size: image.size,
    sharedSize: split?.sharedSize ?? 0,
    uniqueSize: split?.uniqueSize ?? image.size,
    containers: snap.containers.get(image.id)?.length ?? image.engineContainers ?? 0,
    // The top-level list never holds parents of other images, so untagged here means dangling.
    dangling: image.repoTags.length === 0,
    labels: image.labels,
    layerCount: snap.layers.get(image.id)?.diffIds.length ?? null,
    platforms: resolvePlatforms(image.id, image.platforms, own),
  };
}

export async function listImages(): Promise<ImageListResponse> {
  const snap = await snapshot();
  const report = computeSizes(snap.listed.map((image) => toSized(image, snap.layers.get(image.id))));
  const images = snap.listed.map((image) => toSummary(image, snap, report.byId.get(image.id)));
  const inUse = images.filter((image) => image.containers > 0).length;
  return {
    images,
    totals: {
      images: images.length,
      tags: images.reduce((sum, image) => sum + image.repoTags.length, 0),
      diskUsed: report.diskUsed,
      naiveSum: report.naiveSum,
      shared: report.shared,
      dangling: images.filter((image) => image.dangling).length,
      unused: images.length - inUse,
      inUse,
      exact: report.exact,
    },
  };
}

/** Inspect by ID, short ID or name; an unknown image is a not_found that names what was asked. */
export async function inspectImage(ref: string): Promise<RawImageInspect> {
  try {
    return await engine((docker) => docker.getImage(ref).inspect() as Promise<RawImageInspect>);
  } catch (error) {
    if (error instanceof StrataError && error.code === 'not_found') {
      throw new StrataError('not_found', `No image named ${ref} on this engine.`, { ref });
    }
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
    // The Descriptor marks the containerd store, where inspect's Size is content only, not the unpacked layers.
    const item = { Id: raw.Id, Created: Date.parse(detail.created) / 1000, Size: detail.size, Descriptor: raw.Descriptor };
    listed = { ...mapListItem(item), repoTags: detail.repoTags };
    const history = await engine((docker) => docker.getImage(detail.id).history() as Promise<RawHistoryItem[]>);
    const layers = await resolveImageLayers(detail.id, detail.diffIds, history);
    rememberLayers(detail.id, layers);
    snap.layers.set(detail.id, layers);
    snap.listed.push(listed);
  }
  const report = computeSizes(snap.listed.map((image) => toSized(image, snap.layers.get(image.id))));
  const summary = toSummary(listed, snap, report.byId.get(detail.id), { os: detail.os, architecture: detail.architecture, variant: detail.variant });
  return {
    ...summary,
    repoTags: detail.repoTags,
    repoDigests: detail.repoDigests,
    // Parents of other images (absent from the top-level list) are never dangling, whatever their tags.
    dangling: topLevel && detail.repoTags.length === 0,
    labels: detail.labels,
    parent: detail.parent,
    architecture: detail.architecture,
    os: detail.os,
    variant: detail.variant,
    author: detail.author,
    comment: detail.comment,
    dockerVersion: detail.dockerVersion,
    config: detail.config,
    layers: detail.diffIds,
    containerRefs: snap.containers.get(detail.id) ?? [],
    raw,
  };
}
