// Pure functions from raw engine JSON to Strata's DTOs. Every difference between API versions and
// image stores is absorbed here, so nothing above lib/docker knows which engine it talks to.
import 'server-only';
import { createHash } from 'node:crypto';
import type { ContainerRef, ImageConfig, ImageDetail, ImageSummary } from '@/lib/api/images';
import type { EngineInfo, ImageStore, StrataEvent } from '@/lib/api/engine';
import type {
  RawContainer,
  RawEvent,
  RawHistoryItem,
  RawImageConfig,
  RawImageInspect,
  RawImageListItem,
  RawInfo,
  RawImageManifestSummary,
  RawVersion,
} from '@/lib/docker/engine/raw-types';
import { shortId } from '@/lib/format';
import { layerFlags, type ConfigHistoryEntry } from '@/lib/docker/history/decode';
import { listedPlatforms, type ListedPlatforms } from '@/lib/docker/images/platforms';

/** API ≤1.42 marks untagged images with `<none>:<none>` / `<none>@<none>`; 1.43+ sends []. */
export function cleanNames(names: readonly string[] | null | undefined): string[] {
  return (names ?? []).filter((name) => name !== '<none>:<none>' && name !== '<none>@<none>' && name !== '');
}

/** A real count, or null when the engine says "not computed" (-1) or leaves the field out. */
export function realCount(value: number | undefined): number | null {
  return typeof value === 'number' && value >= 0 ? value : null;
}

export interface StoreSizes {
  /** Everything that is not unpacked: compressed layers, configs, manifests (and an index, if any). */
  contentSize: number;
  unpackedSize: number;
  /** content + unpacked: what the engine calls the image's size in its list. */
  total: number;
}

/**
 * The containerd store's two sizes from `manifests=1` (list 1.47+, inspect 1.48+): each available
 * platform's unpacked snapshots, and its content. Null where the engine gives no manifests: the classic
 * store, which keeps one (unpacked) copy, or an older API.
 */
export function storeSizes(manifests: readonly RawImageManifestSummary[] | null | undefined, listedTotal?: number): StoreSizes | null {
  const available = (manifests ?? []).filter((manifest) => manifest.Available !== false);
  if (available.length === 0) return null;
  const unpackedSize = available.reduce((sum, manifest) => sum + Math.max(0, manifest.ImageData?.Size?.Unpacked ?? 0), 0);
  const manifestTotal = available.reduce((sum, manifest) => sum + Math.max(0, manifest.Size?.Total ?? 0), 0);
  // The list's own Size is authoritative where given (an index blob counts there, in no manifest).
  const total = Math.max(listedTotal ?? manifestTotal, unpackedSize);
  return { contentSize: total - unpackedSize, unpackedSize, total };
}

/** One entry of the engine's image list, before Strata works out sizes and container use. */
export interface ListedImage extends Pick<
  ImageSummary,
  'id' | 'shortId' | 'repoTags' | 'repoDigests' | 'created' | 'size' | 'contentSize' | 'unpackedSize' | 'labels'
> {
  /** The engine's SharedSize when it computed one (1.42+ with shared-size=1), else null. */
  engineSharedSize: number | null;
  /** The engine's container count when it computed one (1.51+), else null. */
  engineContainers: number | null;
  parentId: string | null;
  /** What the list says about the image's platforms (its manifests with `manifests=1`). */
  platforms: ListedPlatforms;
}

export function mapListItem(raw: RawImageListItem): ListedImage {
  const size = Math.max(0, raw.Size ?? 0);
  const store = storeSizes(raw.Manifests, size);
  return {
    id: raw.Id,
    shortId: shortId(raw.Id),
    repoTags: cleanNames(raw.RepoTags),
    repoDigests: cleanNames(raw.RepoDigests),
    created: new Date(raw.Created * 1000).toISOString(),
    size: store?.total ?? size,
    contentSize: store?.contentSize ?? null,
    unpackedSize: store?.unpackedSize ?? null,
    engineSharedSize: realCount(raw.SharedSize),
    engineContainers: realCount(raw.Containers),
    labels: raw.Labels ?? {},
    parentId: raw.ParentId ? raw.ParentId : null,
    platforms: listedPlatforms(raw),
  };
}

export function mapConfig(raw: RawImageConfig | null | undefined): ImageConfig {
  return {
    cmd: raw?.Cmd?.length ? raw.Cmd : null,
    entrypoint: raw?.Entrypoint?.length ? raw.Entrypoint : null,
    env: raw?.Env ?? [],
    workingDir: raw?.WorkingDir ?? '',
    user: raw?.User ?? '',
    exposedPorts: Object.keys(raw?.ExposedPorts ?? {}).sort(),
    volumes: Object.keys(raw?.Volumes ?? {}).sort(),
    labels: raw?.Labels ?? {},
    stopSignal: raw?.StopSignal || null,
  };
}

/**
 * What the inspect answer says of an image: the detail page's fields (lib/api/images.ts) as the engine
 * gives them; `size` is disk usage as in the list (on the containerd store content + unpacked when the
 * engine says both).
 */
export type InspectedImage = Pick<
  ImageDetail,
  | 'id'
  | 'repoTags'
  | 'repoDigests'
  | 'created'
  | 'parent'
  | 'architecture'
  | 'os'
  | 'variant'
  | 'author'
  | 'comment'
  | 'dockerVersion'
  | 'size'
  | 'contentSize'
  | 'unpackedSize'
  | 'config'
> & {
  diffIds: string[];
  labels: Record<string, string>;
};

/**
 * Inspect fields vanish with newer APIs (Parent, DockerVersion from 1.52 when empty): default them.
 * Inspect's own `Size` is the content alone on the containerd store; with `manifests=1` (1.48+) the
 * manifests give the list's figure (content + unpacked) and both parts.
 */
export function mapInspect(raw: RawImageInspect): InspectedImage {
  const config = mapConfig(raw.Config);
  const store = storeSizes(raw.Manifests);
  return {
    id: raw.Id,
    repoTags: cleanNames(raw.RepoTags),
    repoDigests: cleanNames(raw.RepoDigests),
    created: raw.Created ? new Date(raw.Created).toISOString() : new Date(0).toISOString(),
    parent: raw.Parent ? raw.Parent : null,
    architecture: raw.Architecture ?? 'unknown',
    os: raw.Os ?? 'unknown',
    variant: raw.Variant || null,
    author: raw.Author ?? '',
    comment: raw.Comment ?? '',
    dockerVersion: raw.DockerVersion ?? '',
    size: store?.total ?? Math.max(0, raw.Size ?? 0),
    contentSize: store?.contentSize ?? null,
    unpackedSize: store?.unpackedSize ?? null,
    config,
    diffIds: raw.RootFS?.Layers ?? [],
    labels: config.labels,
  };
}

/**
 * Chain IDs name layers as the engine stores them: the same diff on top of a different stack is a
 * different layer on disk. chain(0) = diff(0); chain(n) = sha256(chain(n-1) + " " + diff(n)).
 */
export function chainIds(diffIds: readonly string[]): string[] {
  const out: string[] = [];
  for (const diffId of diffIds) {
    const previous = out[out.length - 1];
    out.push(previous === undefined ? diffId : `sha256:${createHash('sha256').update(`${previous} ${diffId}`).digest('hex')}`);
  }
  return out;
}

export { looksLikeLayerStep } from '@/lib/docker/history/decode';

/**
 * Each layer's size, oldest first, by pairing history steps (newest first from the engine) with the
 * image's layers. Null when the API alone cannot say which 0-byte steps are layers and no config flags
 * were given; callers then read the image config's empty_layer flags (lib/docker/images/config.ts).
 */
export function layerSizesFromHistory(
  history: readonly RawHistoryItem[],
  layerCount: number,
  config?: readonly ConfigHistoryEntry[] | null,
): number[] | null {
  const flags = layerFlags(history, layerCount, config);
  if (!flags) return null;
  const oldestFirst = [...history].reverse();
  return oldestFirst.filter((_, i) => flags[i]).map((step) => step.Size);
}

/** How many containers use each image ID, with their names, from /containers/json?all=1. */
export function containersByImage(raw: readonly RawContainer[]): Map<string, ContainerRef[]> {
  const byImage = new Map<string, ContainerRef[]>();
  for (const container of raw) {
    if (!container.ImageID) continue;
    const ref: ContainerRef = {
      id: container.Id,
      name: (container.Names?.[0] ?? container.Id.slice(0, 12)).replace(/^\//, ''),
      state: container.State ?? 'unknown',
    };
    const list = byImage.get(container.ImageID);
    if (list) list.push(ref);
    else byImage.set(container.ImageID, [ref]);
  }
  return byImage;
}

/**
 * The store behind an image list: only the containerd store gives list entries a `Descriptor` (1.48+) or
 * `Manifests` (with manifests=1, 1.47+). An empty list, or an older containerd-store engine, reads as classic:
 * then Strata's own layer arithmetic stands, which is all such an engine allows.
 */
export function listedStore(raw: readonly RawImageListItem[]): ImageStore {
  return raw.some((image) => Array.isArray(image.Manifests) || (image.Descriptor ?? null) !== null) ? 'containerd' : 'classic';
}

/** The containerd image store reports a snapshotter driver-type; the classic store does not. */
export function detectImageStore(info: RawInfo): ImageStore {
  const status = info.DriverStatus ?? [];
  const driverType = status.find(([key]) => key === 'driver-type')?.[1] ?? '';
  if (driverType.startsWith('io.containerd.snapshotter')) return 'containerd';
  return 'classic';
}

export interface EngineFacts {
  address: string;
  sandbox: boolean;
  apiVersion: string;
  readOnly?: boolean;
}

export function mapEngineInfo(version: RawVersion, info: RawInfo, facts: EngineFacts): Omit<EngineInfo, 'builders' | 'engineName'> {
  const running = info.ContainersRunning ?? 0;
  const paused = info.ContainersPaused ?? 0;
  return {
    address: facts.address,
    sandbox: facts.sandbox,
    readOnly: facts.readOnly ?? false,
    version: version.Version ?? 'unknown',
    apiVersion: facts.apiVersion,
    maxApiVersion: version.ApiVersion ?? facts.apiVersion,
    minApiVersion: version.MinAPIVersion ?? 'unknown',
    os: version.Os ?? info.OSType ?? 'unknown',
    arch: version.Arch ?? info.Architecture ?? 'unknown',
    kernelVersion: version.KernelVersion ?? info.KernelVersion ?? '',
    operatingSystem: info.OperatingSystem ?? '',
    storageDriver: info.Driver ?? 'unknown',
    imageStore: detectImageStore(info),
    dockerRootDir: info.DockerRootDir ?? '',
    name: info.Name ?? '',
    cpus: info.NCPU ?? 0,
    memoryBytes: info.MemTotal ?? 0,
    containers: {
      total: info.Containers ?? 0,
      running,
      paused,
      stopped: info.ContainersStopped ?? Math.max(0, (info.Containers ?? 0) - running - paused),
    },
    images: info.Images ?? 0,
  };
}

function eventTime(raw: RawEvent): string {
  if (raw.timeNano) return new Date(Math.floor(raw.timeNano / 1e6)).toISOString();
  return new Date((raw.time ?? Date.now() / 1000) * 1000).toISOString();
}

/** Engine event → Strata event. `status`/`id`/`from` were removed in 1.52: prefer Action/Actor. */
export function mapEvent(raw: RawEvent): StrataEvent | null {
  const action = raw.Action ?? raw.status ?? '';
  const id = raw.Actor?.ID ?? raw.id ?? '';
  const attributes = raw.Actor?.Attributes ?? {};
  if (raw.Type === 'image') {
    return { kind: 'image', action, id, name: attributes.name ?? null, time: eventTime(raw) };
  }
  if (raw.Type === 'container') {
    return { kind: 'container', action, id, image: attributes.image ?? raw.from ?? null, time: eventTime(raw) };
  }
  return null;
}
