import { describe, expect, it } from 'vitest';
import type { LayerChange } from '@/lib/api/analysis';
import { buildTree, filesystemAt, flatten } from '@/lib/analysis/tree';

const c = (path: string, size: number, change: LayerChange['change'] = 'added', type: LayerChange['type'] = 'file'): LayerChange => ({
  path,
  size,
  change,
  type,
  mode: 0o644,
  uid: 0,
  gid: 0,
  permissionsOnly: false,
});

const layers: LayerChange[][] = [
  [c('bin', 0, 'added', 'directory'), c('bin/sh', 900), c('etc', 0, 'added', 'directory'), c('etc/a.conf', 10)],
  [c('app', 0, 'added', 'directory'), c('app/main.js', 300), c('app/lib.js', 50), c('etc/a.conf', 12, 'modified')],
  [c('app/lib.js', 50, 'removed', 'other'), c('etc', 0, 'unchanged', 'directory')],
];

describe('file trees', () => {
  it('folds layers into the filesystem as of a layer', () => {
    const at2 = filesystemAt(layers, 2)
      .map((entry) => [entry.path, entry.size])
      .sort();
    expect(at2).toContainEqual(['etc/a.conf', 12]);
    expect(at2).toContainEqual(['app/lib.js', 50]);
    const at3 = filesystemAt(layers, 3).map((entry) => entry.path);
    expect(at3).not.toContain('app/lib.js');
    expect(at3).toContain('app/main.js');
  });

  it('sums sizes on directories and sorts by size or name', () => {
    const tree = buildTree(filesystemAt(layers, 3));
    expect(tree.size).toBe(900 + 12 + 300);
    const bySize = flatten(tree, new Set(), 'size', '').map((row) => row.node.path);
    expect(bySize).toEqual(['bin', 'app', 'etc']);
    const byName = flatten(tree, new Set(['app']), 'name', '').map((row) => [row.node.path, row.depth]);
    expect(byName).toEqual([
      ['app', 0],
      ['app/main.js', 1],
      ['bin', 0],
      ['etc', 0],
    ]);
  });

  it('filters by path, keeping the directories that lead to a match', () => {
    const rows = flatten(buildTree(filesystemAt(layers, 2)), new Set(), 'name', 'lib.js').map((row) => row.node.path);
    expect(rows).toEqual(['app', 'app/lib.js']);
  });

  it('shows a layer’s own changes, removals included', () => {
    const rows = flatten(buildTree(layers[2]!), new Set(['app']), 'name', '');
    expect(rows.map((row) => [row.node.path, row.node.change])).toEqual([
      ['app', 'unchanged'],
      ['app/lib.js', 'removed'],
      ['etc', 'unchanged'],
    ]);
  });
});
