// Disk accounting when layers are shared. An image's size counts every layer it has; a layer used by
// two images is on disk once. So the honest figures are:
//   shared(image)  = bytes of its layers that another listed image also has,
//   unique(image)  = size − shared: what deleting that image would really free,
//   diskUsed       = every distinct layer counted once (never the sum of image sizes).
// Layers are keyed by chain ID, because the same diff on a different stack is a different layer.
// Only top-level images are counted as users of a layer: a legacy build's untagged intermediate
// parents go away with their child, so they do not make its layers "shared".
//
// That is the classic store, where the layers are all there is. The containerd store keeps content
// (compressed blobs) beside the unpacked snapshots, and its history sizes are snapshot blocks that do not
// add up to the image's unpacked size; there the split is of the unpacked size, the engine's SharedSize is
// the shared part (`preferEngineShared`), and the disk total is the engine's (lib/docker/images/list.ts).
import 'server-only';

export interface LayerRef {
  chainId: string;
  /** Null when the API could not say which step made this layer. */
  size: number | null;
}

export interface SizedImage {
  id: string;
  /** The bytes split into shared + unique: all layers (classic store), the unpacked ones (containerd). */
  size: number;
  /** The engine's own SharedSize: used where Strata cannot compute one, or with `preferEngineShared`. */
  engineSharedSize: number | null;
  layers: LayerRef[] | null;
}

export interface SizeSplit {
  sharedSize: number;
  uniqueSize: number;
}

export interface SizeReport {
  byId: Map<string, SizeSplit>;
  diskUsed: number;
  shared: number;
  naiveSum: number;
  /** False when some layer sizes were unknown and engine figures or image sizes filled in. */
  exact: boolean;
}

const clamp = (value: number, max: number) => Math.min(Math.max(0, value), max);

export interface SizeOptions {
  /** Report the engine's SharedSize where it gave one, rather than Strata's own sum of shared layers. */
  preferEngineShared?: boolean;
}

export function computeSizes(images: readonly SizedImage[], options: SizeOptions = {}): SizeReport {
  const users = new Map<string, number>();
  const layerSize = new Map<string, number | null>();
  for (const image of images) {
    // An image may list the same chain only once, but guard anyway: a set per image.
    for (const chainId of new Set(image.layers?.map((layer) => layer.chainId) ?? [])) {
      users.set(chainId, (users.get(chainId) ?? 0) + 1);
    }
    for (const layer of image.layers ?? []) {
      if (layer.size !== null || !layerSize.has(layer.chainId)) layerSize.set(layer.chainId, layer.size);
    }
  }

  let exact = true;
  let naiveSum = 0;
  let unattributed = 0;
  const byId = new Map<string, SizeSplit>();
  for (const image of images) {
    naiveSum += image.size;
    // A layer's size may be known from another image that has the same layer.
    const sizes = image.layers?.map((layer) => layer.size ?? layerSize.get(layer.chainId) ?? null) ?? null;
    let shared: number;
    if (options.preferEngineShared && image.engineSharedSize !== null) {
      shared = image.engineSharedSize;
    } else if (sizes !== null && sizes.every((size) => size !== null)) {
      shared = image.layers!.reduce((sum, layer, i) => sum + ((users.get(layer.chainId) ?? 0) > 1 ? sizes[i]! : 0), 0);
    } else {
      exact = false;
      shared = image.engineSharedSize ?? 0;
      // Bytes we cannot place in a layer still take disk: count what the known layers do not explain.
      // (An estimate: unknown layers shared by two such images are counted twice.)
      const known = (sizes ?? []).reduce<number>((sum, size) => sum + (size ?? 0), 0);
      unattributed += Math.max(0, image.size - known);
    }
    shared = clamp(shared, image.size);
    byId.set(image.id, { sharedSize: shared, uniqueSize: image.size - shared });
  }

  let diskUsed = unattributed;
  let sharedTotal = 0;
  for (const [chainId, size] of layerSize) {
    if (size === null) continue;
    diskUsed += size;
    if ((users.get(chainId) ?? 0) > 1) sharedTotal += size;
  }
  return { byId, diskUsed, shared: sharedTotal, naiveSum, exact };
}
