// From one snapshot of the engine (its image list, layer facts and containers) to what Strata shows:
// each image's sizes split into shared and unique, and the totals. Pure, so the arithmetic is checked
// against recorded answers from both image stores (lib/docker/images/summaries.test.ts).
import 'server-only';
import type { ContainerRef, ImageListResponse, ImageSummary, ListCounting } from '@/lib/api/images';
import type { ImageStore } from '@/lib/api/engine';
import type { ImageLayers } from '@/lib/docker/images/layer-facts';
import type { ListedImage } from '@/lib/docker/engine/mappers';
import { resolvePlatforms, type PlatformFacts } from '@/lib/docker/images/platforms';
import { computeSizes, type SizeReport, type SizedImage } from '@/lib/docker/images/shared-layers';

export interface Snapshot {
  listed: ListedImage[];
  layers: Map<string, ImageLayers>;
  containers: Map<string, ContainerRef[]>;
  store: ImageStore;
  /**
   * containerd store: the engine's own total for images (`/system/df` LayersSize), null if it gave none.
   * Strata cannot add it up from the list there: it counts every snapshot (build intermediates' and
   * containers' too) and every content blob once, and the API does not say which blobs images share.
   */
  engineDiskUsed: number | null;
}

function toSized(image: ListedImage, layers: ImageLayers | undefined): SizedImage {
  return {
    id: image.id,
    // What shared + unique add up to: the unpacked layers where the store also keeps content.
    size: image.unpackedSize ?? image.size,
    engineSharedSize: image.engineSharedSize,
    layers: layers ? layers.chainIds.map((chainId, i) => ({ chainId, size: layers.sizes?.[i] ?? null })) : null,
  };
}

export function sizeReport(snap: Snapshot): SizeReport {
  return computeSizes(
    snap.listed.map((image) => toSized(image, snap.layers.get(image.id))),
    // The engine's SharedSize is the containerd store's figure; history sizes there are only block counts.
    { preferEngineShared: snap.store === 'containerd' },
  );
}

/** `own`: the image's os/architecture where inspect gave them (the layer cache keeps them per image). */
export function toSummary(
  image: ListedImage,
  snap: Snapshot,
  report: SizeReport,
  own: PlatformFacts | null = snap.layers.get(image.id)?.platform ?? null,
): ImageSummary {
  const split = report.byId.get(image.id);
  return {
    id: image.id,
    shortId: image.shortId,
    repoTags: image.repoTags,
    repoDigests: image.repoDigests,
    created: image.created,
    size: image.size,
    contentSize: image.contentSize,
    unpackedSize: image.unpackedSize,
    sharedSize: split?.sharedSize ?? 0,
    uniqueSize: split?.uniqueSize ?? image.unpackedSize ?? image.size,
    containers: snap.containers.get(image.id)?.length ?? image.engineContainers ?? 0,
    // The top-level list never holds parents of other images, so untagged here means dangling.
    dangling: image.repoTags.length === 0,
    labels: image.labels,
    layerCount: snap.layers.get(image.id)?.diffIds.length ?? null,
    platforms: resolvePlatforms(image.id, image.platforms, own),
    baseOs: null,
  };
}

export function summarizeImages(snap: Snapshot): ImageListResponse {
  const report = sizeReport(snap);
  const images = snap.listed.map((image) => toSummary(image, snap, report));
  const inUse = images.filter((image) => image.containers > 0).length;
  const containerd = snap.store === 'containerd';
  return {
    images,
    totals: {
      images: images.length,
      tags: images.reduce((sum, image) => sum + image.repoTags.length, 0),
      accounting: containerd ? 'content-and-unpacked' : 'layers',
      // Classic store: every distinct layer once, which is the engine's LayersSize to the byte.
      diskUsed: containerd ? (snap.engineDiskUsed ?? report.diskUsed) : report.diskUsed,
      naiveSum: images.reduce((sum, image) => sum + image.size, 0),
      shared: report.shared,
      dangling: images.filter((image) => image.dangling).length,
      unused: images.length - inUse,
      inUse,
      exact: containerd ? snap.engineDiskUsed !== null : report.exact,
    },
  };
}

/**
 * The list while layer facts are still being read (lib/docker/images/list-progress.ts): the same rows,
 * those without facts marked `sizesPending`, the totals marked `counting`. On the containerd store the
 * engine's own SharedSize already splits an image's size, so only images without one wait.
 */
export function summarizeFirstRows(snap: Snapshot, counting: ListCounting): ImageListResponse {
  const response = summarizeImages(snap);
  const waiting = (image: ListedImage) => !snap.layers.has(image.id) && !(snap.store === 'containerd' && image.engineSharedSize !== null);
  return {
    ...response,
    images: response.images.map((summary, i) => (waiting(snap.listed[i]!) ? { ...summary, sizesPending: true } : summary)),
    totals: { ...response.totals, exact: false, counting },
  };
}
