// Strata's prune plan against the engine's own prune, on answers recorded from both sandbox engines
// (scripts/record-prune-fixtures.mjs): the images the engine deleted, the tags it removed, and the drop
// in /system/df LayersSize it caused, per store and target.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImageLayers } from '@/lib/docker/images/layer-facts';
import { blobsFromExport, type ExportBlobs } from '@/lib/docker/prune/blobs';
import { mapPlanImage, planContainersByImage, recordTimeOf } from '@/lib/docker/prune/inventory';
import { planPrune, type ImageStoreKind } from '@/lib/docker/prune/plan';
import type { RawContainer, RawHistoryItem, RawImageInspect, RawImageListItemFull } from '@/lib/docker/engine/raw-types';

const root = path.join(import.meta.dirname, '..', '__fixtures__');
const read = <T>(dir: string, name: string): T => JSON.parse(readFileSync(path.join(root, dir, `${name}.json`), 'utf8')) as T;

interface Recorded {
  images: ReturnType<typeof mapPlanImage>[];
  deleted: string[];
  untagged: string[];
  layersDrop: number;
}

function load(dir: string, store: ImageStoreKind): Recorded {
  const list = read<RawImageListItemFull[]>(dir, 'images_json_all_1');
  const dangling = new Set(read<RawImageListItemFull[]>(dir, 'images_json_all_1_dangling').map((image) => image.Id));
  const containers = planContainersByImage(read<RawContainer[]>(dir, 'containers_json_all_1'));
  const inspect = read<Record<string, RawImageInspect>>(dir, 'inspect');
  const history = read<Record<string, RawHistoryItem[]>>(dir, 'history');
  const raw = read<{ sizes: Record<string, number>; json: Record<string, unknown> }>(dir, 'export');
  const exported: ExportBlobs = { sizes: new Map(Object.entries(raw.sizes)), json: new Map(Object.entries(raw.json)) };
  const images = list.map((item) => {
    const diffIds = inspect[item.Id]!.RootFS?.Layers ?? [];
    let layers = buildImageLayers(diffIds, history[item.Id]!);
    // As lib/docker/images/layer-facts.ts does: the config's empty_layer flags when history alone is ambiguous.
    const config = exported.json.get(item.Id) as { history?: never[] } | undefined;
    if (!layers.layerFlags && config?.history) layers = buildImageLayers(diffIds, history[item.Id]!, config.history);
    const image = mapPlanImage(item, {
      layers,
      containers: containers.get(item.Id) ?? [],
      danglingRecord: store === 'containerd' ? dangling.has(item.Id) : undefined,
      recordTime: recordTimeOf(inspect[item.Id]!),
    });
    return store === 'containerd' ? { ...image, blobs: blobsFromExport(item.Id, diffIds, exported) } : image;
  });
  const known = new Set(images.map((image) => image.id));
  const answer = read<{ ImagesDeleted: { Untagged?: string; Deleted?: string }[] | null }>(dir, 'images_prune');
  const entries = answer.ImagesDeleted ?? [];
  const before = read<{ LayersSize: number }>(dir, 'system_df_before').LayersSize;
  const after = read<{ LayersSize: number }>(dir, 'system_df_after').LayersSize;
  return {
    images,
    deleted: entries.flatMap((entry) => (entry.Deleted && known.has(entry.Deleted) ? [entry.Deleted] : [])).sort(),
    // Untagged also names digests (`sha256:…` for a dangling record, `repo@sha256:…`): tags only.
    untagged: entries
      .flatMap((entry) =>
        entry.Untagged && !entry.Untagged.includes('@') && !entry.Untagged.startsWith('sha256:') ? [entry.Untagged] : [],
      )
      .sort(),
    layersDrop: before - after,
  };
}

const cases: [string, ImageStoreKind][] = [
  ['prune-classic', 'classic'],
  ['prune-modern', 'containerd'],
];

describe.each(cases)('%s: the plan is what the engine pruned', (dir, store) => {
  for (const target of ['dangling', 'unused'] as const) {
    it(`${target}: the same images, the same tags, and LayersSize dropped by the predicted bytes`, () => {
      const recorded = load(path.join(dir, target), store);
      const plan = planPrune(recorded.images, { store, target });
      expect(plan.remove.map((image) => image.id).sort()).toEqual(recorded.deleted);
      expect(recorded.deleted.length).toBeGreaterThan(0);
      const tags = [...plan.remove.flatMap((image) => image.repoTags), ...plan.keep.flatMap((image) => image.untags)].sort();
      expect(tags).toEqual(recorded.untagged);
      expect(plan.bytes?.exact).toBe(true);
      expect(plan.freedBytes).toBe(recorded.layersDrop);
    });
  }
});

describe('what the recordings show about each store', () => {
  it('containerd: a dangling prune takes every legacy-build intermediate; classic only those of what goes', () => {
    const classic = planPrune(load('prune-classic/dangling', 'classic').images, { store: 'classic', target: 'dangling' });
    const modern = planPrune(load('prune-modern/dangling', 'containerd').images, { store: 'containerd', target: 'dangling' });
    const intermediates = (plan: typeof classic) => plan.remove.filter((image) => image.reason.startsWith('Intermediate')).length;
    expect(intermediates(modern)).toBeGreaterThan(40);
    expect(intermediates(classic)).toBeLessThan(10);
  });

  it('prune -a: the classic store keeps a base others stay built on, untagged; containerd deletes it', () => {
    const base = (plan: ReturnType<typeof planPrune>) =>
      [...plan.remove, ...plan.keep].find((image) => image.repoTags.includes('strata-fixture/base:1'));
    const classic = planPrune(load('prune-classic/unused', 'classic').images, { store: 'classic', target: 'unused' });
    const modern = planPrune(load('prune-modern/unused', 'containerd').images, { store: 'containerd', target: 'unused' });
    expect(classic.keep).toContainEqual(expect.objectContaining({ id: base(classic)!.id, untags: ['strata-fixture/base:1'] }));
    expect(modern.remove.map((image) => image.id)).toContain(base(modern)!.id);
    // The container's image: classic keeps the last tag in its order, containerd the one it was made from.
    const used = (plan: ReturnType<typeof planPrune>) => plan.keep.find((image) => image.repoTags.includes('strata-fixture/used:1'))!;
    expect(used(classic).untags).toEqual(['strata-fixture/used:1']);
    expect(used(modern).untags).toEqual(['strata-record/used:extra']);
  });
});
