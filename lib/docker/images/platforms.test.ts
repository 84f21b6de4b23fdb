import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapInspect } from '@/lib/docker/engine/mappers';
import { listedPlatforms, mapManifests, resolvePlatforms } from '@/lib/docker/images/platforms';
import type { RawImageInspect, RawImageListItem } from '@/lib/docker/engine/raw-types';

const fixture = <T>(dir: 'api-1.41' | 'modern', name: string): T =>
  JSON.parse(readFileSync(path.join(__dirname, '..', '__fixtures__', dir, `${name}.json`), 'utf8')) as T;

const byTag = (list: RawImageListItem[], tag: string): RawImageListItem => {
  const found = list.find((image) => image.RepoTags?.includes(tag));
  if (!found) throw new Error(`no ${tag} in the fixture`);
  return found;
};

// An index loaded by scripts/multi-platform-image.sh --missing on Docker 28.5.2 (containerd store):
// amd64 and arm64 present, an attestation manifest for amd64, linux/arm/v7 named but absent.
const [multi] = fixture<RawImageListItem[]>('modern', 'images_json_manifests_1_multi_platform');

describe('mapManifests (modern engine, ?manifests=1)', () => {
  it('gives one entry per platform manifest of a recorded index, attestation left out', () => {
    expect(multi?.Manifests?.map((m) => m.Kind)).toEqual(['image', 'image', 'attestation', 'image']);
    expect(mapManifests(multi?.Manifests)).toEqual([
      {
        os: 'linux',
        architecture: 'amd64',
        variant: null,
        available: true,
        id: 'sha256:c119877f708da841922d407b9b5cb95d1f8c840d70afc863c0481722add4c42b',
        contentSize: 1032422,
        unpackedSize: 1994752,
      },
      {
        // Content present, never unpacked: not the host's platform.
        os: 'linux',
        architecture: 'arm64',
        variant: null,
        available: true,
        id: 'sha256:ff6583606bd4f61aa1765383a3d4b59c24fb86bcec7b01caf34bfaf1ac2f482d',
        contentSize: 1032850,
        unpackedSize: 0,
      },
      {
        os: 'linux',
        architecture: 'arm',
        variant: 'v7',
        available: false,
        id: 'sha256:e2a5930c729c8b54d75837d46fd088fa34efeeaf3976e97ac2ecd6bd47aaa2ac',
        contentSize: 0,
        unpackedSize: 0,
      },
    ]);
  });

  it('maps the single-platform manifest every legacy-built image has', () => {
    const app = byTag(fixture<RawImageListItem[]>('modern', 'images_json_manifests_1'), 'strata-fixture/app:1.0');
    expect(mapManifests(app.Manifests)).toEqual([
      {
        os: 'linux',
        architecture: 'amd64',
        variant: null,
        id: app.Id,
        available: true,
        contentSize: app.Manifests?.[0]?.Size?.Content,
        unpackedSize: app.Manifests?.[0]?.ImageData?.Size?.Unpacked,
      },
    ]);
    // Content + unpacked is the list's Size there (docs/notes/modern-engine.md).
    const [platform] = mapManifests(app.Manifests);
    expect((platform?.contentSize ?? 0) + (platform?.unpackedSize ?? 0)).toBe(app.Size);
  });

  it('falls back to the descriptor platform, and treats missing sizes as unknown', () => {
    expect(
      mapManifests([
        { ID: 'sha256:x', Kind: 'image', Descriptor: { platform: { os: 'windows', architecture: 'amd64' } }, ImageData: null },
      ]),
    ).toEqual([
      { os: 'windows', architecture: 'amd64', variant: null, id: 'sha256:x', available: false, contentSize: null, unpackedSize: null },
    ]);
    expect(mapManifests([{ ID: 'sha256:y', Kind: 'unknown' }])).toEqual([]);
    expect(mapManifests(null)).toEqual([]);
  });
});

describe('resolvePlatforms', () => {
  it('is the manifests when the list has them, whatever inspect says', () => {
    const platforms = resolvePlatforms(multi!.Id, listedPlatforms(multi!), { os: 'linux', architecture: 'amd64', variant: null });
    expect(platforms.map((p) => `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}:${p.available}`)).toEqual([
      'linux/amd64:true',
      'linux/arm64:true',
      'linux/arm/v7:false',
    ]);
  });

  it('on the classic engine (API 1.41) is the image itself, unpacked size = list Size, content unknown', () => {
    const list = fixture<RawImageListItem[]>('api-1.41', 'images_json');
    const app = byTag(list, 'strata-fixture/app:1.0');
    const inspect = mapInspect(fixture<RawImageInspect>('api-1.41', 'images_strata-fixture_app_1.0_json'));
    expect(resolvePlatforms(app.Id, listedPlatforms(app), inspect)).toEqual([
      { os: 'linux', architecture: 'amd64', variant: null, id: app.Id, available: true, contentSize: null, unpackedSize: 2244633 },
    ]);
  });

  it('on a containerd store without manifests (the plain list) knows no sizes rather than guessing', () => {
    const app = byTag(fixture<RawImageListItem[]>('modern', 'images_json'), 'strata-fixture/app:1.0');
    expect(resolvePlatforms(app.Id, listedPlatforms(app), { os: 'linux', architecture: 'amd64', variant: null })).toEqual([
      { os: 'linux', architecture: 'amd64', variant: null, id: app.Id, available: true, contentSize: null, unpackedSize: null },
    ]);
  });

  it('is never empty, even with no inspect data', () => {
    expect(resolvePlatforms('sha256:z', { manifests: [], fallbackSizes: { contentSize: null, unpackedSize: 5 } }, null)).toEqual([
      { os: 'unknown', architecture: 'unknown', variant: null, id: 'sha256:z', available: true, contentSize: null, unpackedSize: 5 },
    ]);
  });
});
