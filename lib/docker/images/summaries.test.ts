// Disk accounting on both image stores, against one consistent recording from each sandbox engine
// (scripts/record-engine-fixtures.sh OUTDIR --disk): the figures must be the engine's own.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagesDiskUsed, type RawDf } from '@/lib/docker/prune/disk-usage';
import { summarizeFirstRows, summarizeImages, type Snapshot } from '@/lib/docker/images/summaries';
import { buildImageLayers, type ImageLayers } from '@/lib/docker/images/layer-facts';
import { containersByImage, listedStore, mapInspect, mapListItem } from '@/lib/docker/engine/mappers';
import type { ConfigHistoryEntry } from '@/lib/docker/history/decode';
import type { RawContainer, RawHistoryItem, RawImageInspect, RawImageListItem } from '@/lib/docker/engine/raw-types';

type Engine = 'api-1.41' | 'modern';

function recording(engine: Engine) {
  const dir = path.join(__dirname, '..', '__fixtures__', engine, 'disk');
  const read = <T>(name: string): T => JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as T;
  const list = read<RawImageListItem[]>('images_json_shared-size_1_manifests_1');
  const inspects = new Map(list.map((raw) => [raw.Id, read<RawImageInspect>(`images_${raw.Id.slice(7, 19)}_json_manifests_1`)]));
  return {
    files: readdirSync(dir),
    list,
    inspects,
    df: read<Omit<RawDf, 'Images'> & { LayersSize: number; Images: { Id: string; Size: number; SharedSize: number }[] }>('system_df'),
    dfImages: read<RawDf>('system_df_type_image'),
    history: (id: string) => read<RawHistoryItem[]>(`images_${id.slice(7, 19)}_history`),
    config: (id: string) => read<{ diff_ids: string[]; history: ConfigHistoryEntry[] }>(`images_${id.slice(7, 19)}_config`),
    containers: read<RawContainer[]>('containers_json_all_1'),
  };
}

/** What lib/docker/images/list.ts loads from the engine, built from the recording instead. */
function snapshotOf(engine: Engine): Snapshot {
  const rec = recording(engine);
  const layers = new Map<string, ImageLayers>();
  for (const raw of rec.list) {
    const diffIds = rec.inspects.get(raw.Id)!.RootFS?.Layers ?? [];
    // As resolveImageLayers does: the history API alone, else the export's empty_layer flags.
    const fromApi = buildImageLayers(diffIds, rec.history(raw.Id));
    layers.set(raw.Id, fromApi.layerFlags ? fromApi : buildImageLayers(diffIds, rec.history(raw.Id), rec.config(raw.Id).history));
  }
  const store = listedStore(rec.list);
  return {
    listed: rec.list.map(mapListItem),
    layers,
    containers: containersByImage(rec.containers),
    store,
    engineDiskUsed: store === 'containerd' ? imagesDiskUsed(rec.dfImages) : null,
  };
}

describe.each<[Engine, string]>([
  ['api-1.41', 'classic'],
  ['modern', 'containerd'],
])('disk accounting on the recorded %s engine', (engine, store) => {
  const rec = recording(engine);
  const { images, totals } = summarizeImages(snapshotOf(engine));
  const dfById = new Map(rec.df.Images.map((entry) => [entry.Id, entry]));

  it(`reads the store as ${store} from the list alone`, () => {
    expect(listedStore(rec.list)).toBe(store);
    expect(totals.accounting).toBe(store === 'classic' ? 'layers' : 'content-and-unpacked');
  });

  it('says the disk really used is the engine’s LayersSize, exactly', () => {
    expect(totals.diskUsed).toBe(rec.df.LayersSize);
    expect(totals.exact).toBe(true);
    expect(totals.naiveSum).toBe(rec.df.Images.reduce((sum, entry) => sum + entry.Size, 0));
    expect(totals.naiveSum).toBeGreaterThan(totals.diskUsed);
  });

  it('gives every image the size and SharedSize that /system/df gives it', () => {
    expect(images.map((image) => image.id).sort()).toEqual([...dfById.keys()].sort());
    for (const image of images) {
      expect([image.size, image.sharedSize], image.repoTags[0]).toEqual([dfById.get(image.id)!.Size, dfById.get(image.id)!.SharedSize]);
    }
  });

  it('splits what sharedSize counts into shared + unique, and disk usage into content + unpacked', () => {
    for (const image of images) {
      if (store === 'classic') {
        expect([image.contentSize, image.unpackedSize]).toEqual([null, null]);
        expect(image.sharedSize + image.uniqueSize).toBe(image.size);
      } else {
        const manifest = rec.list.find((raw) => raw.Id === image.id)!.Manifests![0]!;
        expect(image.contentSize).toBe(manifest.Size!.Content);
        expect(image.unpackedSize).toBe(manifest.ImageData!.Size!.Unpacked);
        expect(image.contentSize! + image.unpackedSize!).toBe(image.size);
        expect(image.sharedSize + image.uniqueSize).toBe(image.unpackedSize);
      }
      expect(image.uniqueSize).toBeGreaterThanOrEqual(0);
    }
  });

  it('counts the imported base as all shared, and app:1.0’s own layers as unique', () => {
    const base = images.find((image) => image.repoTags.includes('strata-fixture/base:1'))!;
    expect(base.uniqueSize).toBe(0);
    const app = images.find((image) => image.repoTags.includes('strata-fixture/app:1.0'))!;
    // WORKDIR, a 35-byte script and 256 KiB of data; on the containerd store in filesystem blocks.
    if (store === 'classic') expect(app.uniqueSize).toBe(35 + 256 * 1024);
    else expect(app.uniqueSize).toBe(app.unpackedSize! - base.unpackedSize!);
    expect(app.uniqueSize).toBeGreaterThanOrEqual(35 + 256 * 1024);
  });

  it('maps inspect (with manifests=1) to the same sizes as the list', () => {
    for (const raw of rec.list) {
      const inspected = mapInspect(rec.inspects.get(raw.Id)!);
      const listed = mapListItem(raw);
      expect([inspected.size, inspected.contentSize, inspected.unpackedSize]).toEqual([
        listed.size,
        listed.contentSize,
        listed.unpackedSize,
      ]);
    }
  });
});

describe.each<Engine>(['api-1.41', 'modern'])('the first rows of a cold start on the recorded %s engine', (engine) => {
  const whole = snapshotOf(engine);
  const exact = summarizeImages(whole);
  // Half the images' layer facts read so far.
  const known = whole.listed.filter((_, i) => i % 2 === 0).map((image) => image.id);
  const partial = { ...whole, layers: new Map(known.map((id) => [id, whole.layers.get(id)!])), engineDiskUsed: null };
  const first = summarizeFirstRows(partial, { done: known.length, total: whole.listed.length });

  it('lists every image with its names, ID and engine size at once', () => {
    expect(first.images.map((image) => [image.id, image.repoTags, image.size])).toEqual(
      exact.images.map((image) => [image.id, image.repoTags, image.size]),
    );
    expect(first.totals.counting).toEqual({ done: known.length, total: whole.listed.length });
    expect(first.totals.exact).toBe(false);
    expect([first.totals.images, first.totals.tags, first.totals.naiveSum]).toEqual([
      exact.totals.images,
      exact.totals.tags,
      exact.totals.naiveSum,
    ]);
  });

  it('marks the sizes still pending only where Strata has nothing to split them with', () => {
    for (const image of first.images) {
      const listed = whole.listed.find((entry) => entry.id === image.id)!;
      const waiting = !known.includes(image.id) && !(whole.store === 'containerd' && listed.engineSharedSize !== null);
      expect(image.sizesPending ?? false, image.repoTags[0]).toBe(waiting);
    }
    // The classic store gives no SharedSize in the list, so an image without facts always waits there.
    if (whole.store === 'classic')
      expect(first.images.filter((image) => image.sizesPending)).toHaveLength(whole.listed.length - known.length);
  });
});

describe('the containerd store’s raw sizes', () => {
  it('differ in meaning between list, inspect without manifests, and history', () => {
    const rec = recording('modern');
    const app = rec.list.find((raw) => raw.RepoTags?.includes('strata-fixture/app:1.0'))!;
    const inspect = rec.inspects.get(app.Id)!;
    // Inspect's own Size is the content alone; the list's is content + unpacked.
    expect(inspect.Size).toBe(app.Manifests![0]!.Size!.Content);
    expect(app.Size).toBe(app.Manifests![0]!.Size!.Total);
    expect(mapInspect({ ...inspect, Manifests: undefined }).size).toBe(inspect.Size);
  });

  it('takes the disk total from either shape of /system/df', () => {
    expect(imagesDiskUsed({ LayersSize: 5 })).toBe(5);
    expect(imagesDiskUsed({ ImagesUsage: { TotalSize: 7 } })).toBe(7);
    expect(imagesDiskUsed({ ImageUsage: { TotalSize: 9 } })).toBe(9);
    expect(imagesDiskUsed({})).toBeNull();
  });
});
