import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '@/lib/api/images';
import { defaultDirection, filterRows, quickCounts, sortRows, toRows, type ImageRow } from '@/components/images/image-table-model';

function summary(id: string, over: Partial<ImageSummary> = {}): ImageSummary {
  const size = over.size ?? 1000;
  return {
    id: `sha256:${id.padEnd(64, '0')}`,
    shortId: id.padEnd(12, '0').slice(0, 12),
    repoTags: [],
    repoDigests: [],
    created: '2026-11-29T12:00:00.000Z',
    size,
    contentSize: null,
    unpackedSize: null,
    sharedSize: 0,
    uniqueSize: size,
    containers: 0,
    dangling: false,
    labels: {},
    layerCount: 1,
    baseOs: null,
    platforms: [
      {
        os: 'linux',
        architecture: 'amd64',
        variant: null,
        id: `sha256:${id.padEnd(64, '0')}`,
        available: true,
        contentSize: null,
        unpackedSize: size,
      },
    ],
    ...over,
  };
}

const app = summary('aaaa', {
  repoTags: ['strata-fixture/app:1.0', 'strata-fixture/app:latest', 'localhost:5555/team/app:1.0'],
  labels: { app: 'demo', tier: 'web' },
  size: 2244633,
  sharedSize: 1982454,
  uniqueSize: 262179,
  containers: 0,
  created: '2026-11-29T12:51:48.000Z',
});
const used = summary('bbbb', {
  repoTags: ['strata-fixture/used:1'],
  labels: { app: 'used' },
  size: 1982459,
  sharedSize: 1982454,
  uniqueSize: 5,
  containers: 2,
  created: '2026-11-29T12:51:51.000Z',
});
const dangling = summary('cccc', { dangling: true, labels: { app: 'dev' }, size: 1982462, created: '2026-11-29T12:51:52.000Z' });
const base = summary('dddd', { repoTags: ['strata-fixture/base:1'], size: 1982454, containers: 1, created: '2026-11-29T12:51:47.000Z' });
const images = [app, used, dangling, base];

const tagsOf = (rows: ImageRow[]) => rows.map((row) => row.tags[0] ?? '<none>');

describe('toRows', () => {
  it('makes one row per image with all its tags', () => {
    const rows = toRows(images, false);
    expect(rows.map((row) => row.key)).toEqual([app.id, used.id, dangling.id, base.id]);
    expect(rows[0]!.tags).toEqual(app.repoTags);
    expect(rows[2]!.tags).toEqual([]);
  });

  it('makes one row per tag in per-tag mode, keyed by image and tag', () => {
    const rows = toRows(images, true);
    expect(rows.map((row) => row.key)).toEqual([
      `${app.id}|strata-fixture/app:1.0`,
      `${app.id}|strata-fixture/app:latest`,
      `${app.id}|localhost:5555/team/app:1.0`,
      used.id,
      dangling.id,
      base.id,
    ]);
    expect(rows[1]!.tags).toEqual(['strata-fixture/app:latest']);
    expect(rows[1]!.image).toBe(app);
  });

  it('searches only the row’s own tag in per-tag mode', () => {
    expect(tagsOf(filterRows(toRows([app], true), 'latest', 'all'))).toEqual(['strata-fixture/app:latest']);
  });
});

describe('filterRows', () => {
  const rows = toRows(images, false);

  it('returns every row for empty or blank text', () => {
    expect(filterRows(rows, '', 'all')).toHaveLength(4);
    expect(filterRows(rows, '   ', 'all')).toHaveLength(4);
  });

  it('matches tags case-insensitively', () => {
    expect(tagsOf(filterRows(rows, 'STRATA-FIXTURE/BASE', 'all'))).toEqual(['strata-fixture/base:1']);
  });

  it('matches a platform, so `arm64` finds the multi-platform images', () => {
    const multi = summary('cccc', {
      repoTags: ['team/multi:1'],
      platforms: [
        { os: 'linux', architecture: 'amd64', variant: null, id: 'sha256:a', available: true, contentSize: 1, unpackedSize: 2 },
        { os: 'linux', architecture: 'arm', variant: 'v7', id: 'sha256:b', available: false, contentSize: 0, unpackedSize: 0 },
      ],
    });
    const withMulti = toRows([...images, multi], false);
    expect(tagsOf(filterRows(withMulti, 'linux/arm/v7', 'all'))).toEqual(['team/multi:1']);
    expect(filterRows(withMulti, 'linux/amd64', 'all')).toHaveLength(5);
  });

  it('matches the base OS once it is known, so `debian 12` finds the Debian 12 images', () => {
    const debian = summary('dddd', {
      repoTags: ['team/deb:1'],
      baseOs: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' },
    });
    const alpine = summary('eeee', {
      repoTags: ['team/alp:1'],
      baseOs: { id: 'alpine', versionId: '3.20.3', prettyName: 'Alpine Linux v3.20' },
    });
    const withOs = toRows([...images, debian, alpine, summary('ffff', { repoTags: ['team/scratch:1'], baseOs: 'none' })], false);
    expect(tagsOf(filterRows(withOs, 'debian 12', 'all'))).toEqual(['team/deb:1']);
    expect(tagsOf(filterRows(withOs, 'bookworm', 'all'))).toEqual(['team/deb:1']);
    expect(tagsOf(filterRows(withOs, 'alpine', 'all'))).toEqual(['team/alp:1']);
  });

  it('ANDs whitespace-separated terms', () => {
    expect(tagsOf(filterRows(rows, 'strata-fixture localhost:5555', 'all'))).toEqual(['strata-fixture/app:1.0']);
    expect(filterRows(rows, 'used localhost', 'all')).toEqual([]);
  });

  it('matches labels as key=value', () => {
    expect(tagsOf(filterRows(rows, 'tier=web', 'all'))).toEqual(['strata-fixture/app:1.0']);
    expect(tagsOf(filterRows(rows, 'app=dev', 'all'))).toEqual(['<none>']);
    expect(filterRows(rows, 'tier=db', 'all')).toEqual([]);
  });

  it('matches full and short image IDs', () => {
    expect(filterRows(rows, 'sha256:bbbb', 'all').map((row) => row.image)).toEqual([used]);
    expect(filterRows(rows, 'dddd', 'all').map((row) => row.image)).toEqual([base]);
  });

  it('finds dangling images by typing <none>', () => {
    expect(filterRows(rows, '<none>', 'all').map((row) => row.image)).toEqual([dangling]);
  });

  it('applies the quick filter together with the text', () => {
    expect(filterRows(rows, '', 'dangling').map((row) => row.image)).toEqual([dangling]);
    expect(filterRows(rows, '', 'unused').map((row) => row.image)).toEqual([app, dangling]);
    expect(filterRows(rows, '', 'in-use').map((row) => row.image)).toEqual([used, base]);
    expect(filterRows(rows, 'strata-fixture', 'in-use').map((row) => row.image)).toEqual([used, base]);
    expect(filterRows(rows, 'app=demo', 'in-use')).toEqual([]);
  });
});

describe('sortRows', () => {
  const rows = toRows(images, false);

  it('sorts sizes as numbers both ways', () => {
    expect(sortRows(rows, 'size', 'desc').map((row) => row.image.size)).toEqual([2244633, 1982462, 1982459, 1982454]);
    expect(sortRows(rows, 'unique', 'asc').map((row) => row.image.uniqueSize)).toEqual([5, 262179, 1982454, 1982462]);
    expect(sortRows(rows, 'containers', 'desc').map((row) => row.image.containers)).toEqual([2, 1, 0, 0]);
  });

  it('sorts numbers numerically, not as text', () => {
    const small = toRows([summary('e1', { size: 9 }), summary('e2', { size: 10 }), summary('e3', { size: 100 })], false);
    expect(sortRows(small, 'size', 'asc').map((row) => row.image.size)).toEqual([9, 10, 100]);
  });

  it('sorts tags A→Z with untagged images last, and first when reversed', () => {
    expect(tagsOf(sortRows(rows, 'tag', 'asc'))).toEqual([
      'strata-fixture/app:1.0',
      'strata-fixture/base:1',
      'strata-fixture/used:1',
      '<none>',
    ]);
    expect(tagsOf(sortRows(rows, 'tag', 'desc'))).toEqual([
      '<none>',
      'strata-fixture/used:1',
      'strata-fixture/base:1',
      'strata-fixture/app:1.0',
    ]);
  });

  it('sorts created newest first when descending', () => {
    expect(sortRows(rows, 'created', 'desc').map((row) => row.image)).toEqual([dangling, used, app, base]);
  });

  it('breaks ties by key in the same order whichever the direction, and does not mutate its input', () => {
    const tied = toRows([summary('f3'), summary('f1'), summary('f2')], false);
    const ids = ['f1', 'f2', 'f3'].map((id) => `sha256:${id.padEnd(64, '0')}`);
    expect(sortRows(tied, 'size', 'asc').map((row) => row.key)).toEqual(ids);
    expect(sortRows(tied, 'size', 'desc').map((row) => row.key)).toEqual(ids);
    expect(tied.map((row) => row.key)[0]).toBe(`sha256:${'f3'.padEnd(64, '0')}`);
  });

  it('defaults names to ascending and numbers and dates to descending', () => {
    expect([defaultDirection('tag'), defaultDirection('id'), defaultDirection('size'), defaultDirection('created')]).toEqual([
      'asc',
      'asc',
      'desc',
      'desc',
    ]);
  });
});

describe('quickCounts', () => {
  it('counts images (not tags) per quick filter', () => {
    expect(quickCounts(images)).toEqual({ all: 4, dangling: 1, unused: 2, 'in-use': 2 });
    expect(quickCounts([])).toEqual({ all: 0, dangling: 0, unused: 0, 'in-use': 0 });
  });
});
