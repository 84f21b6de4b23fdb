import { describe, expect, it } from 'vitest';
import type { LayerEntry } from '@/lib/api/analysis';
import { emptyDatabases, type LayerDatabases } from '@/lib/packages/capture';
import { imagePackages, type LayerFacts } from '@/lib/packages/image-packages';
import type { OsRelease } from '@/lib/packages/os-release';
import { layerEntry as entry } from '@/tests/support/layer-entry';

const release = (id: string, versionId: string): OsRelease => ({
  id,
  versionId,
  prettyName: `${id} ${versionId}`,
  idLike: [],
  codename: null,
});
const layer = (entries: LayerEntry[], databases: Partial<LayerDatabases> = {}): LayerFacts => ({
  entries,
  databases: { ...emptyDatabases(), ...databases },
});
const deb = (name: string, version: string) => ({ type: 'deb' as const, name, version, arch: 'amd64', source: null, size: 1024 });
const ids = ['sha256:a', 'sha256:b', 'sha256:c', 'sha256:d'];

describe('image packages', () => {
  it('reads the OS through /etc/os-release’s symlink, from the layer that last wrote the file', () => {
    const result = imagePackages(ids, [
      layer([entry('usr/lib/os-release'), entry('etc/os-release', { type: 'symlink', linkTarget: '../usr/lib/os-release' })], {
        osRelease: { 'usr/lib/os-release': release('debian', '11') },
      }),
      layer([entry('app')]),
      layer([entry('usr/lib/os-release')], { osRelease: { 'usr/lib/os-release': release('debian', '12') } }),
    ]);
    expect(result.os).toEqual({ id: 'debian', versionId: '12', prettyName: 'debian 12', layer: 3, diffId: 'sha256:c' });
  });

  it('prefers a regular /etc/os-release, and has no OS once a later layer deletes both files', () => {
    const both = [
      layer([entry('etc/os-release'), entry('usr/lib/os-release')], {
        osRelease: { 'etc/os-release': release('alpine', '3.20.3'), 'usr/lib/os-release': release('other', '1') },
      }),
    ];
    expect(imagePackages(ids, both).os?.id).toBe('alpine');
    const gone = imagePackages(ids, [
      ...both,
      layer([entry('etc', { removes: true, type: 'other' }), entry('usr/lib/os-release', { removes: true })]),
    ]);
    expect(gone.os).toBeNull();
  });

  it('counts a whiteout of the database, or of a folder above it, as removing its packages', () => {
    const status = 'var/lib/dpkg/status';
    const result = imagePackages(ids, [
      layer([entry(status)], { packages: { [status]: [deb('libc6', '2.36'), deb('curl', '7.88')] } }),
      layer([entry(status)], { packages: { [status]: [deb('libc6', '2.36'), deb('curl', '7.88'), deb('jq', '1.6')] } }),
      layer([entry('var/lib/dpkg', { removes: true, type: 'other' })]),
    ]);
    expect(result.layers.map((summary) => [summary.position, summary.added, summary.removed])).toEqual([
      [1, 2, 0],
      [2, 1, 0],
      [3, 0, 3],
    ]);
    expect(result.packages).toEqual([]);
    expect(result.changes.find((change) => change.name === 'jq')).toMatchObject({ layer: 2, diffId: 'sha256:b', change: 'added' });
  });

  it('gives every package a purl with the distro, and says plainly an RPM database is not read', () => {
    const result = imagePackages(ids, [
      layer([entry('etc/os-release'), entry('var/lib/dpkg/status')], {
        osRelease: { 'etc/os-release': release('debian', '12') },
        packages: { 'var/lib/dpkg/status': [deb('vim-tiny', '2:9.0.1378-2')] },
        unread: [{ path: 'var/lib/rpm/rpmdb.sqlite', reason: 'rpm' }],
      }),
    ]);
    expect(result.packages[0]!.purl).toBe('pkg:deb/debian/vim-tiny@2:9.0.1378-2?arch=amd64&distro=debian-12');
    expect(result.unread).toEqual([expect.objectContaining({ path: 'var/lib/rpm/rpmdb.sqlite', layer: 1, reason: 'rpm' })]);
    expect(result.unread[0]!.message).toMatch(/RPM databases are not read/);
  });
});
