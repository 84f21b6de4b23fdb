import { describe, expect, it } from 'vitest';
import { packagesByLayer, type DatabaseWrite } from '@/lib/packages/layers';
import type { InstalledPackage } from '@/lib/packages/package';

const deb = (name: string, version: string, size = 1024): InstalledPackage => ({
  type: 'deb',
  name,
  version,
  arch: 'amd64',
  source: null,
  size,
});
const layer = (files: Record<string, DatabaseWrite>, opaqueDirectories?: string[]) => ({
  files: new Map(Object.entries(files)),
  opaqueDirectories,
});
const STATUS = 'var/lib/dpkg/status';

describe('packages by layer', () => {
  it('says which layer added, upgraded and removed each package, with the bytes each layer adds', () => {
    const result = packagesByLayer([
      layer({ [STATUS]: [deb('libc6', '2.36-9', 10_000), deb('curl', '7.88.1-10', 2_000)] }),
      layer({}), // a layer that touches no database changes no package
      layer({ [STATUS]: [deb('libc6', '2.36-9+deb12u7', 11_000), deb('curl', '7.88.1-10', 2_000), deb('jq', '1.6-2.1', 500)] }),
      layer({ [STATUS]: [deb('libc6', '2.36-9+deb12u7', 11_000), deb('jq', '1.6-2.1', 500)] }),
    ]);
    expect(result.layers).toEqual([
      { layer: 0, added: 2, upgraded: 0, removed: 0, sizeChange: 12_000 },
      { layer: 1, added: 0, upgraded: 0, removed: 0, sizeChange: 0 },
      { layer: 2, added: 1, upgraded: 1, removed: 0, sizeChange: 1_500 },
      { layer: 3, added: 0, upgraded: 0, removed: 1, sizeChange: -2_000 },
    ]);
    expect(result.installed.map((pkg) => [pkg.name, pkg.version, pkg.layer, pkg.change, pkg.previousVersion])).toEqual([
      ['jq', '1.6-2.1', 2, 'added', null],
      ['libc6', '2.36-9+deb12u7', 2, 'upgraded', '2.36-9'],
    ]);
    expect(result.changes.filter((change) => change.change === 'removed').map((change) => [change.name, change.layer])).toEqual([
      ['curl', 3],
    ]);
  });

  it('adds and removes distroless status.d entries one file at a time, and an opaque folder hides the ones below', () => {
    const result = packagesByLayer([
      layer({ 'var/lib/dpkg/status.d/base-files': [deb('base-files', '12.4')], 'var/lib/dpkg/status.d/tzdata': [deb('tzdata', '2024a')] }),
      layer({ 'var/lib/dpkg/status.d/tzdata': 'removed', 'var/lib/dpkg/status.d/libssl3': [deb('libssl3', '3.0.15')] }),
      layer({ 'var/lib/dpkg/status.d/netbase': [deb('netbase', '6.4')] }, ['var/lib/dpkg/status.d']),
    ]);
    expect(result.layers.map(({ added, removed }) => [added, removed])).toEqual([
      [2, 0],
      [1, 1],
      [1, 2],
    ]);
    expect(result.installed.map((pkg) => pkg.name)).toEqual(['netbase']);
  });

  it('keeps dpkg and apk packages of the same name apart', () => {
    const apk: InstalledPackage = { type: 'apk', name: 'curl', version: '8.9.1-r0', arch: 'x86_64', source: 'curl', size: 300 };
    const result = packagesByLayer([layer({ [STATUS]: [deb('curl', '7.88.1-10')], 'lib/apk/db/installed': [apk] })]);
    expect(result.installed.map((pkg) => `${pkg.type}:${pkg.name}`)).toEqual(['apk:curl', 'deb:curl']);
  });
});
