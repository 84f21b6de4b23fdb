import { describe, expect, it } from 'vitest';
import type { ImagePackage } from '@/lib/api/packages';
import { diffPackages } from '@/lib/packages/diff';

const pkg = (name: string, version: string, size = 1000, type: ImagePackage['type'] = 'deb'): ImagePackage => ({
  name,
  version,
  arch: 'amd64',
  type,
  source: null,
  layer: 1,
  diffId: 'sha256:a',
  size,
  change: 'added',
  previousVersion: null,
  purl: `pkg:${type}/debian/${name}@${version}`,
});

describe('diffPackages', () => {
  it('lists changed versions first, then what B adds, then what it drops, with the bytes of each', () => {
    const diff = diffPackages(
      [pkg('libc6', '2.36-9', 10_000), pkg('curl', '7.88'), pkg('bash', '5.2')],
      [pkg('libc6', '2.36-9+deb12u7', 11_000), pkg('bash', '5.2'), pkg('jq', '1.6', 400)],
    );
    expect(diff.same).toBe(1);
    expect(diff.rows.map((row) => [row.kind, row.name, row.a, row.b, row.sizeDelta])).toEqual([
      ['changed', 'libc6', '2.36-9', '2.36-9+deb12u7', 1_000],
      ['added', 'jq', null, '1.6', 400],
      ['removed', 'curl', '7.88', null, -1_000],
    ]);
  });

  it('keeps a dpkg and an apk package of one name apart', () => {
    expect(diffPackages([pkg('curl', '1')], [pkg('curl', '1', 1000, 'apk')]).rows.map((row) => [row.kind, row.type])).toEqual([
      ['added', 'apk'],
      ['removed', 'deb'],
    ]);
  });
});
