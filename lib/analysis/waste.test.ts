import { describe, expect, it } from 'vitest';
import type { LayerEntry } from '@/lib/api/analysis';
import { analyseLayers } from '@/lib/analysis/waste';
import { layerEntry } from '@/tests/support/layer-entry';

const file = (path: string, size: number, hash: string | null = `h-${path}-${size}`, mode = 0o644, uid = 0): LayerEntry =>
  layerEntry(path, { size, hash, mode, uid });
const dir = (path: string, mode = 0o755): LayerEntry => layerEntry(path, { type: 'directory', size: 0, mode });
const whiteout = (path: string): LayerEntry => ({ ...dir(path), type: 'other', removes: true });
const opaque = (path: string): LayerEntry => ({ ...dir(path), opaque: true });

describe('analyseLayers', () => {
  it('counts a file added then deleted once, in full, with the layers involved', () => {
    const result = analyseLayers(['d1', 'd2'], [[dir('data'), file('data/big', 1000)], [whiteout('data/big')]]);
    expect(result.wastedBytes).toBe(1000);
    expect(result.totalBytes).toBe(1000);
    expect(result.efficiency).toBe(0);
    expect(result.wasted).toEqual([expect.objectContaining({ path: 'data/big', bytes: 1000, kind: 'deleted', layers: [1, 2] })]);
    expect(result.layers[1]).toMatchObject({ removed: 1, added: 0 });
    expect(result.changes[1]).toEqual([
      { path: 'data/big', type: 'other', size: 1000, mode: 0, uid: 0, gid: 0, change: 'removed', permissionsOnly: false },
    ]);
  });

  it('counts only the earlier copy of an overwritten file, not the one that stays (dive counts both)', () => {
    const result = analyseLayers(['a', 'b', 'c'], [[file('app.js', 100)], [file('app.js', 120)], [file('app.js', 130)]]);
    expect(result.wastedBytes).toBe(100 + 120);
    expect(result.totalBytes).toBe(350);
    expect(result.efficiency).toBeCloseTo(1 - 220 / 350);
    expect(result.wasted.map((item) => item.layers)).toEqual([
      [2, 3],
      [1, 2],
    ]);
  });

  it('labels a chmod-only rewrite as a full copy', () => {
    const result = analyseLayers(['a', 'b'], [[file('bin/tool', 2000, 'same')], [file('bin/tool', 2000, 'same', 0o755)]]);
    expect(result.wasted).toEqual([
      expect.objectContaining({ kind: 'permissions', bytes: 2000, hint: expect.stringContaining('COPY --chmod') }),
    ]);
    expect(result.changes[1]![0]).toMatchObject({ change: 'modified', permissionsOnly: true });
  });

  it('counts everything a deleted directory held, and what an opaque directory hides', () => {
    const removed = analyseLayers(['a', 'b'], [[dir('cache'), file('cache/a', 10), file('cache/b', 20)], [whiteout('cache')]]);
    expect(removed.wastedBytes).toBe(30);
    expect(removed.changes[1]).toEqual([
      { path: 'cache', type: 'other', size: 30, mode: 0, uid: 0, gid: 0, change: 'removed', permissionsOnly: false },
    ]);
    const hidden = analyseLayers(
      ['a', 'b'],
      [
        [dir('etc'), file('etc/old.conf', 7)],
        [opaque('etc'), file('etc/new.conf', 5)],
      ],
    );
    expect(hidden.wastedBytes).toBe(7);
    expect(hidden.wasted[0]).toMatchObject({ path: 'etc/old.conf', kind: 'deleted' });
  });

  it('does not call unchanged parent directories modified, and links cost nothing', () => {
    const link: LayerEntry = { ...file('bin/sh', 0, null), type: 'symlink', linkTarget: 'busybox' };
    const result = analyseLayers(
      ['a', 'b'],
      [
        [dir('bin'), file('bin/busybox', 900), link],
        [dir('bin'), file('bin/extra', 3)],
      ],
    );
    expect(result.changes[1]).toEqual([
      { path: 'bin', type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, change: 'unchanged', permissionsOnly: false },
      { path: 'bin/extra', type: 'file', size: 3, mode: 0o644, uid: 0, gid: 0, change: 'added', permissionsOnly: false },
    ]);
    expect(result.changes[0]!.find((change) => change.path === 'bin/sh')).toMatchObject({ type: 'symlink', linkTarget: 'busybox' });
    expect(result.wastedBytes).toBe(0);
    expect(result.efficiency).toBe(1);
  });
});
