import { describe, expect, it } from 'vitest';
import { findDrift, mergeRows, type EngineImage } from '@/lib/docker/inventory/match';

const image = (engine: string, imageId: string, tags: string[], over: Partial<EngineImage> = {}): EngineImage => ({
  engine,
  imageId,
  tags,
  containers: 0,
  size: 100,
  created: '2026-12-01T10:00:00.000Z',
  diffIds: ['sha256:aaa', 'sha256:bbb'],
  labels: {},
  history: [{ created: 1, createdBy: 'COPY . /', comment: '' }],
  idIsConfig: false,
  ...over,
});

describe('inventory matching', () => {
  it('puts one content on two stores in one row, whatever each engine calls it', () => {
    const rows = mergeRows([image('laptop', 'sha256:config1', ['app:1'], { idIsConfig: true }), image('prod', 'sha256:index9', ['app:1'])]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.placements.map((p) => [p.engine, p.imageId])).toEqual([
      ['laptop', 'sha256:config1'],
      ['prod', 'sha256:index9'],
    ]);
    expect(rows[0]!.configDigest).toBe('sha256:config1');
    expect(findDrift(rows)).toEqual([]);
  });

  it('keeps apart images whose layers and time agree but whose labels or history differ', () => {
    const rows = mergeRows([
      image('a', 'sha256:1', ['x:1'], { labels: { v: '1' } }),
      image('b', 'sha256:2', ['x:1'], { labels: { v: '2' } }),
      image('c', 'sha256:3', ['x:1'], { history: [{ created: 1, createdBy: 'CMD ["other"]', comment: '' }] }),
    ]);
    expect(rows).toHaveLength(3);
    expect(findDrift(rows)).toEqual([{ tag: 'x:1', variants: expect.arrayContaining([expect.objectContaining({ engines: ['a'] })]) }]);
    expect(findDrift(rows)[0]!.variants).toHaveLength(3);
  });

  it('keeps two classic images apart when their config digests differ, even if all else agrees', () => {
    const rows = mergeRows([
      image('a', 'sha256:c1', ['x:1'], { idIsConfig: true }),
      image('b', 'sha256:c2', ['x:1'], { idIsConfig: true }),
      // A containerd image that could be either: matched to neither.
      image('m', 'sha256:idx', ['x:1']),
    ]);
    expect(rows).toHaveLength(3);
  });

  it('never merges two images of one engine, and leaves an image of unknown layers alone', () => {
    const rows = mergeRows([
      image('a', 'sha256:1', ['p:1']),
      image('a', 'sha256:2', ['p:2']),
      image('b', 'sha256:9', [], { diffIds: null }),
    ]);
    expect(rows).toHaveLength(3);
  });
});
