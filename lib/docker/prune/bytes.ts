// The bytes a prune frees, as the drop in `/system/df` LayersSize it causes. Each store counts that
// figure differently, so each gets its own storage units; a unit is freed when every image holding it
// goes, and it is counted once, on the first image that goes with it.
//
// Classic store: LayersSize = every layer (chain ID) any image holds, each once, at its diff size
// (history sizes). Exact whenever the history said which step made which layer.
//
// containerd store: LayersSize = the usage of every snapshot + every blob reachable from an image
// (manifest or index, config, layers), each once (moby's ImageDiskUsage). So the units are
//  - snapshots, keyed by chain ID. History gives each layer's own snapshot, but a legacy-build layer
//    also sits on its build container's `-init` snapshot, which no API lists. `Unpacked` (the usage of an
//    image's whole snapshot chain) does include it, so a layer's usage is Unpacked(its image) − Unpacked
//    (the image of the layer below); where no listed image ends at the layer below, the difference goes
//    to the top layer of that stretch (exact unless images part ways inside it, which is then said);
//  - blobs, from each going image's manifest (read from its export: the API gives no blob sizes). A
//    layer blob is keyed by its diff ID, so an image whose manifest was not read still holds it.
import 'server-only';
import type { PruneBytes } from '@/lib/api/prune';
import type { ImageStoreKind, PlanImage } from '@/lib/docker/prune/plan';

interface Unit {
  key: string;
  size: number | null;
}

export interface ByteAccount {
  freedBytes: number;
  perImage: Map<string, number>;
  bytes: PruneBytes;
}

/** Per chain ID: the usage of that layer's snapshots, and the layers below it whose hidden part it carries. */
export interface SnapshotNode {
  /** Usage of this layer's snapshots (its own, and the build snapshot under it). */
  usage: number | null;
  /** Its own snapshot's usage, from history. */
  own: number | null;
  /** Layers below whose build snapshots are counted in `usage`, because no listed image ends there. */
  carries: string[];
}

export function snapshotUsage(images: readonly PlanImage[]): Map<string, SnapshotNode> {
  const history = new Map<string, number | null>();
  const below = new Map<string, string | null>();
  const chain = new Map<string, number>();
  for (const image of images) {
    image.layers.forEach((layer, i) => {
      if (!history.has(layer.chainId) || history.get(layer.chainId) === null) history.set(layer.chainId, layer.size);
      below.set(layer.chainId, i === 0 ? null : image.layers[i - 1]!.chainId);
    });
    const top = image.layers[image.layers.length - 1];
    if (top && image.unpacked !== null) chain.set(top.chainId, Math.max(chain.get(top.chainId) ?? 0, image.unpacked));
  }
  const result = new Map<string, SnapshotNode>();
  for (const [chainId, size] of history) {
    const total = chain.get(chainId);
    if (total === undefined) {
      result.set(chainId, { usage: size, own: size, carries: [] });
      continue;
    }
    // Down to the nearest layer whose whole chain is known (or the bottom); the stretch between keeps
    // its history sizes and this layer takes the rest.
    const carries: string[] = [];
    let rest = total;
    for (let next = below.get(chainId) ?? null; next !== null; next = below.get(next) ?? null) {
      const known = chain.get(next);
      if (known !== undefined) {
        rest -= known;
        break;
      }
      carries.push(next);
      rest -= history.get(next) ?? 0;
    }
    result.set(chainId, { usage: rest, own: history.get(chainId) ?? null, carries });
  }
  return result;
}

function classicUnits(image: PlanImage): Unit[] {
  return image.layers.map((layer) => ({ key: `layer:${layer.chainId}`, size: layer.size }));
}

function contentUnits(image: PlanImage): Unit[] {
  if (!image.blobs) {
    // Unread: the manifest is known from the list; its config is its own; layer blobs by diff ID.
    return [
      { key: `blob:${image.id}`, size: image.manifestSize },
      { key: `config-of:${image.id}`, size: null },
      ...[...new Set(image.diffIds)].map((diffId) => ({ key: `layer-blob:${diffId}`, size: null })),
    ];
  }
  return image.blobs.map((blob) => ({
    key: blob.kind === 'layer' && blob.diffId ? `layer-blob:${blob.diffId}` : `blob:${blob.digest}`,
    size: blob.size,
  }));
}

const NOTES: Record<ImageStoreKind, string> = {
  classic: 'Bytes are what /system/df counts as LayersSize: each layer no remaining image holds, counted once.',
  containerd:
    'Bytes are what /system/df counts as LayersSize on the containerd image store: the snapshots no remaining image needs (unpacked, on disk) plus the blobs no remaining image references (compressed content), each once.',
};

export function accountBytes(images: readonly PlanImage[], removed: ReadonlySet<string>, store: ImageStoreKind): ByteAccount {
  const snapshots = store === 'containerd' ? snapshotUsage(images) : null;
  const unitsOf = (image: PlanImage): Unit[] =>
    snapshots
      ? [
          ...image.layers.map((layer) => ({ key: `snap:${layer.chainId}`, size: snapshots.get(layer.chainId)?.usage ?? null })),
          ...contentUnits(image),
        ]
      : classicUnits(image);
  const kept = new Set<string>();
  for (const image of images) if (!removed.has(image.id)) for (const unit of unitsOf(image)) kept.add(unit.key);

  const caveats = new Set<string>();
  const counted = new Set<string>();
  const perImage = new Map<string, number>();
  let freedBytes = 0;
  for (const image of images) {
    if (!removed.has(image.id)) continue;
    let freed = 0;
    for (const unit of unitsOf(image)) {
      if (kept.has(unit.key) || counted.has(unit.key)) continue;
      counted.add(unit.key);
      if (unit.size === null) {
        caveats.add(
          unit.key.startsWith('snap:') || unit.key.startsWith('layer:')
            ? 'some layer sizes are unknown'
            : 'some images’ blobs could not be read from their export',
        );
        continue;
      }
      freed += unit.size;
    }
    perImage.set(image.id, freed);
    freedBytes += freed;
  }
  // A stretch of layers whose hidden snapshots were put on its top layer is exact only if the whole
  // stretch goes or stays together.
  if (snapshots) {
    const goes = (chainId: string) => !kept.has(`snap:${chainId}`);
    // Layers no listed image's Unpacked covers have only their history size: without the build
    // snapshot under them (API before 1.47 has no Unpacked).
    const covered = new Set<string>();
    for (const image of images) if (image.unpacked !== null) for (const layer of image.layers) covered.add(layer.chainId);
    for (const chainId of snapshots.keys())
      if (goes(chainId) && !covered.has(chainId))
        caveats.add('this engine does not report the snapshot usage of some images, so their layers count at their history size');
    for (const [chainId, { usage, own, carries }] of snapshots) {
      if (usage !== own && carries.some((below) => goes(below) !== goes(chainId)))
        caveats.add('images part ways inside a stretch of layers whose build snapshots the API does not list one by one');
    }
  }
  const exact = caveats.size === 0;
  const note = exact ? NOTES[store] : `${NOTES[store]} This is an estimate: ${[...caveats].join('; ')}.`;
  return { freedBytes, perImage, bytes: { figure: store === 'containerd' ? 'snapshots-and-content' : 'layers', exact, note } };
}
