import { describe, expect, it } from 'vitest';
import type { LayerEntry } from '@/lib/api/analysis';
import { LayerFilesystem } from '@/lib/analysis/resolve-path';
import { layerEntry as entry } from '@/tests/support/layer-entry';

const dir = (path: string, extra: Partial<LayerEntry> = {}) => entry(path, { type: 'directory', size: 0, ...extra });
const link = (path: string, target: string) => entry(path, { type: 'symlink', size: 0, linkTarget: target });

const layers: LayerEntry[][] = [
  [
    dir('etc'),
    entry('etc/app.conf', { size: 8 }),
    dir('usr'),
    dir('usr/lib'),
    entry('usr/lib/os-release', { size: 40 }),
    link('etc/os-release', '../usr/lib/os-release'),
    dir('data'),
    entry('data/a'),
  ],
  [
    entry('etc/app.conf', { size: 9 }),
    entry('data/big', { size: 100 }),
    entry('data/big-link', { type: 'hardlink', size: 0, linkTarget: 'data/big' }),
  ],
  [
    entry('etc/app.conf', { removes: true, type: 'other', size: 0 }),
    dir('data', { opaque: true }),
    entry('data/new'),
    link('lib', 'usr/lib'),
    link('loop', 'loop'),
  ],
];

describe('LayerFilesystem', () => {
  it('finds a file in the highest layer at or below the one asked for', () => {
    expect(new LayerFilesystem(layers.slice(0, 1)).resolve('etc/app.conf')).toMatchObject({ kind: 'file', layer: 0, size: 8 });
    expect(new LayerFilesystem(layers.slice(0, 2)).resolve('/etc/app.conf')).toMatchObject({ kind: 'file', layer: 1, size: 9 });
  });

  it('answers deleted after a whiteout of the file, or an opaque folder above it', () => {
    const top = new LayerFilesystem(layers);
    expect(top.resolve('etc/app.conf')).toEqual({ kind: 'missing', path: 'etc/app.conf', reason: 'deleted' });
    expect(top.resolve('data/a')).toEqual({ kind: 'missing', path: 'data/a', reason: 'deleted' });
    expect(top.resolve('data/new')).toMatchObject({ kind: 'file', layer: 2 });
    expect(top.resolve('nowhere/x')).toMatchObject({ kind: 'missing', reason: 'absent' });
  });

  it('follows symlinks, also in the folders on the way, and stops at a loop', () => {
    const top = new LayerFilesystem(layers);
    expect(top.resolve('etc/os-release')).toMatchObject({ kind: 'file', layer: 0, path: 'usr/lib/os-release', size: 40 });
    expect(top.resolve('lib/os-release')).toMatchObject({ kind: 'file', path: 'usr/lib/os-release' });
    expect(top.resolve('loop')).toMatchObject({ kind: 'missing', reason: 'loop' });
    expect(top.resolve('etc')).toEqual({ kind: 'directory', path: 'etc' });
  });

  it('reads a hard link from the member it names in the same layer', () => {
    expect(new LayerFilesystem(layers.slice(0, 2)).resolve('data/big-link')).toEqual({
      kind: 'file',
      layer: 1,
      path: 'data/big-link',
      memberPath: 'data/big',
      size: 100,
    });
  });
});
