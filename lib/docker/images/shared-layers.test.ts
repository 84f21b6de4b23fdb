import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainIds, layerSizesFromHistory } from '@/lib/docker/engine/mappers';
import type { RawHistoryItem, RawImageInspect } from '@/lib/docker/engine/raw-types';
import { computeSizes, type SizedImage } from '@/lib/docker/images/shared-layers';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(path.join(__dirname, '..', '__fixtures__', 'api-1.41', `${name}.json`), 'utf8')) as T;

/** An image as lib/docker/images/list.ts builds it: chain IDs from inspect, sizes from history. */
function recorded(name: string): SizedImage {
  const inspect = fixture<RawImageInspect>(`images_strata-fixture_${name}_json`);
  const history = fixture<RawHistoryItem[]>(`images_strata-fixture_${name}_history`);
  const diffIds = inspect.RootFS?.Layers ?? [];
  const sizes = layerSizesFromHistory(history, diffIds.length);
  return {
    id: inspect.Id,
    size: inspect.Size ?? 0,
    engineSharedSize: null,
    layers: chainIds(diffIds).map((chainId, i) => ({ chainId, size: sizes?.[i] ?? null })),
  };
}

const image = (id: string, size: number, layers: [string, number | null][] | null, engineSharedSize: number | null = null): SizedImage => ({
  id,
  size,
  engineSharedSize,
  layers: layers && layers.map(([chainId, layerSize]) => ({ chainId, size: layerSize })),
});

describe('computeSizes with the recorded 1.41 images', () => {
  const app = recorded('app_1.0');
  const many = recorded('many_1');
  const report = computeSizes([app, many]);

  it('splits each image into the shared busybox base and its own layers', () => {
    expect(report.byId.get(app.id)).toEqual({ sharedSize: 1982454, uniqueSize: 262179 });
    expect(report.byId.get(many.id)).toEqual({ sharedSize: 1982454, uniqueSize: 1720320 });
  });

  it('counts the shared base once on disk, unlike the naive sum', () => {
    expect(report.diskUsed).toBe(1982454 + 262179 + 1720320);
    expect(report.naiveSum).toBe(2244633 + 3702774);
    expect(report.naiveSum - report.diskUsed).toBe(1982454);
    expect(report.shared).toBe(1982454);
    expect(report.exact).toBe(true);
  });

  it('makes shared + unique equal size for every image', () => {
    for (const sized of [app, many]) {
      const split = report.byId.get(sized.id)!;
      expect(split.sharedSize + split.uniqueSize).toBe(sized.size);
    }
  });

  it('calls nothing shared when an image is alone', () => {
    const alone = computeSizes([app]);
    expect(alone.byId.get(app.id)).toEqual({ sharedSize: 0, uniqueSize: 2244633 });
    expect(alone.diskUsed).toBe(2244633);
    expect(alone.shared).toBe(0);
  });
});

describe('computeSizes with synthetic layers', () => {
  it('counts a layer used by two images once in diskUsed and as shared in both', () => {
    const report = computeSizes([
      image('a', 150, [
        ['base', 100],
        ['a1', 50],
      ]),
      image('b', 130, [
        ['base', 100],
        ['b1', 30],
      ]),
      image('c', 20, [['c1', 20]]),
    ]);
    expect(report.diskUsed).toBe(200);
    expect(report.naiveSum).toBe(300);
    expect(report.shared).toBe(100);
    expect(report.byId.get('a')).toEqual({ sharedSize: 100, uniqueSize: 50 });
    expect(report.byId.get('b')).toEqual({ sharedSize: 100, uniqueSize: 30 });
    expect(report.byId.get('c')).toEqual({ sharedSize: 0, uniqueSize: 20 });
  });

  it('does not call a layer shared when one image lists its chain twice', () => {
    const report = computeSizes([
      image('a', 100, [
        ['x', 100],
        ['x', 100],
      ]),
    ]);
    expect(report.byId.get('a')).toEqual({ sharedSize: 0, uniqueSize: 100 });
    expect(report.diskUsed).toBe(100);
  });

  it('falls back to the engine SharedSize and flags inexact when an image has no layer facts', () => {
    const report = computeSizes([
      image('a', 150, [
        ['base', 100],
        ['a1', 50],
      ]),
      image('b', 130, null, 100),
    ]);
    expect(report.exact).toBe(false);
    expect(report.byId.get('b')).toEqual({ sharedSize: 100, uniqueSize: 30 });
    // b's layers are unknown: its whole size is added, since Strata cannot tell which bytes are a's.
    expect(report.diskUsed).toBe(150 + 130);
    expect(report.naiveSum).toBe(280);
  });

  it('uses 0 shared when an image has unknown layer sizes and no engine SharedSize', () => {
    const report = computeSizes([
      image('a', 150, [
        ['base', 100],
        ['a1', null],
      ]),
    ]);
    expect(report.exact).toBe(false);
    expect(report.byId.get('a')).toEqual({ sharedSize: 0, uniqueSize: 150 });
  });

  it('takes a layer size another image knows when this image does not', () => {
    const report = computeSizes([
      image('a', 100, [['base', null]], 100),
      image('b', 120, [
        ['base', 100],
        ['b1', 20],
      ]),
    ]);
    expect(report.diskUsed).toBe(120);
    expect(report.shared).toBe(100);
    expect(report.byId.get('b')).toEqual({ sharedSize: 100, uniqueSize: 20 });
    expect(report.byId.get('a')).toEqual({ sharedSize: 100, uniqueSize: 0 });
  });

  it('clamps shared to [0, size] so unique is never negative', () => {
    const report = computeSizes([
      image('over', 80, null, 500),
      image('neg', 80, null, -20),
      // Layer sizes above the listed size, as the containerd store's two meanings of Size can give.
      image('big', 90, [['s', 100]]),
      image('big2', 300, [['s', 100]]),
    ]);
    expect(report.byId.get('over')).toEqual({ sharedSize: 80, uniqueSize: 0 });
    expect(report.byId.get('neg')).toEqual({ sharedSize: 0, uniqueSize: 80 });
    expect(report.byId.get('big')).toEqual({ sharedSize: 90, uniqueSize: 0 });
    expect(report.byId.get('big2')).toEqual({ sharedSize: 100, uniqueSize: 200 });
  });

  it('reports zeros for no images', () => {
    const report = computeSizes([]);
    expect([report.diskUsed, report.shared, report.naiveSum, report.byId.size, report.exact]).toEqual([0, 0, 0, 0, true]);
  });
  it('keeps an image whose layer sizes are unknown in diskUsed', () => {
    const report = computeSizes([
      image('a', 100, [
        ['c1', null],
        ['c2', null],
      ]),
    ]);
    expect(report.diskUsed).toBe(100);
  });

  it('reports the engine’s SharedSize when told to prefer it (the containerd store), its own sum otherwise', () => {
    // Two images on one 100-byte layer; the engine counts 120 shared (its snapshots are block-rounded).
    const both = [
      image(
        'a',
        150,
        [
          ['c1', 100],
          ['a2', 50],
        ],
        120,
      ),
      image(
        'b',
        130,
        [
          ['c1', 100],
          ['b2', 30],
        ],
        120,
      ),
    ];
    expect(computeSizes(both).byId.get('a')).toEqual({ sharedSize: 100, uniqueSize: 50 });
    expect(computeSizes(both, { preferEngineShared: true }).byId.get('a')).toEqual({ sharedSize: 120, uniqueSize: 30 });
    // Where the engine said nothing (an intermediate image, inspected alone), the layers still tell.
    const silent = [
      image('a', 150, [
        ['c1', 100],
        ['a2', 50],
      ]),
      image(
        'b',
        130,
        [
          ['c1', 100],
          ['b2', 30],
        ],
        120,
      ),
    ];
    expect(computeSizes(silent, { preferEngineShared: true }).byId.get('a')).toEqual({ sharedSize: 100, uniqueSize: 50 });
  });
});
