import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanNames, mapInspect, mapListItem, realCount } from '@/lib/docker/engine/mappers';
import type { RawImageInspect, RawImageListItem } from '@/lib/docker/engine/raw-types';

const fixture = <T>(dir: 'api-1.41' | 'api-1.51-containerd', name: string): T =>
  JSON.parse(readFileSync(path.join(__dirname, '..', '__fixtures__', dir, `${name}.json`), 'utf8')) as T;

const v141 = {
  list: fixture<RawImageListItem[]>('api-1.41', 'images_json'),
  inspect: fixture<RawImageInspect>('api-1.41', 'images_strata-fixture_app_1.0_json'),
};
const v151 = {
  list: fixture<RawImageListItem[]>('api-1.51-containerd', 'images_json'),
  inspect: fixture<RawImageInspect>('api-1.51-containerd', 'images_strata-fixture_app_1.0_json'),
};
const APP_141 = 'sha256:444089671c213d48cf0e1ece0e543fbd1b30715634cffc8b0339f9bd8c05c22c';
const APP_151 = 'sha256:5ee029686c245754c8608ac32baedbe7ff4dafec9ed664ae029beba9e6a2baea';
const OLD_151 = 'sha256:c763dca0455c3d5eaab5b048e949d7b6824c89e8666cb8500ece1356ba163f73';

describe('cleanNames and realCount', () => {
  it('drops the pre-1.43 <none> placeholders and empty names, keeps real ones in order', () => {
    expect(cleanNames(['<none>:<none>'])).toEqual([]);
    expect(cleanNames(['<none>@<none>', '', 'a/b@sha256:00'])).toEqual(['a/b@sha256:00']);
    expect(cleanNames(['b:1', 'a:1'])).toEqual(['b:1', 'a:1']);
    expect(cleanNames(null)).toEqual([]);
    expect(cleanNames(undefined)).toEqual([]);
  });

  it('turns -1 and missing counts into null but keeps 0', () => {
    expect(realCount(-1)).toBeNull();
    expect(realCount(undefined)).toBeNull();
    expect(realCount(0)).toBe(0);
    expect(realCount(3)).toBe(3);
  });
});

describe('mapListItem', () => {
  it('maps a tagged 1.41 image: -1 counts become null, RepoDigests null becomes []', () => {
    const app = v141.list.find((raw) => raw.Id === APP_141)!;
    expect(mapListItem(app)).toEqual({
      id: APP_141,
      shortId: '444089671c21',
      repoTags: ['strata-fixture/app:1.0', 'strata-fixture/app:latest', 'localhost:5555/team/app:1.0', 'registry.example.com/team/app:1.0'],
      repoDigests: [],
      created: '2026-11-29T12:51:48.000Z',
      size: 2244633,
      contentSize: null,
      unpackedSize: null,
      engineSharedSize: null,
      engineContainers: null,
      labels: { app: 'demo', 'org.opencontainers.image.title': 'Strata demo app', 'strata.fixture': '1' },
      parentId: 'sha256:6ddefbb2f1438eafb33e73a00f54609781f50a332454efa2e074bd128a380eea',
      platforms: { manifests: [], fallbackSizes: { contentSize: null, unpackedSize: 2244633 } },
    });
  });

  it('maps a containerd-store image with manifests=1: disk usage, content and unpacked (recorded live)', () => {
    const list = JSON.parse(
      readFileSync(path.join(__dirname, '..', '__fixtures__', 'modern', 'images_json_manifests_1.json'), 'utf8'),
    ) as RawImageListItem[];
    const app = list.find((raw) => raw.RepoTags?.includes('strata-fixture/app:1.0'))!;
    expect(mapListItem(app)).toMatchObject({
      size: 3431329,
      contentSize: 1084321,
      unpackedSize: 2347008,
      engineSharedSize: null,
      engineContainers: 0,
    });
    // Without manifests=1 the same engine says only the total.
    expect(mapListItem({ ...app, Manifests: undefined })).toMatchObject({ size: 3431329, contentSize: null, unpackedSize: null });
    // A platform that is not here (Available: false) takes no disk.
    const absent = { ...app.Manifests![0]!, Available: false, Size: { Content: 5, Total: 9 } };
    expect(mapListItem({ ...app, Manifests: [...app.Manifests!, absent] })).toMatchObject({ contentSize: 1084321, unpackedSize: 2347008 });
  });

  it('never lets <none>:<none> or <none>@<none> leak from any image of either engine', () => {
    const all = [...v141.list, ...v151.list].map(mapListItem);
    const names = all.flatMap((image) => [...image.repoTags, ...image.repoDigests]);
    expect(names.filter((name) => name.includes('<none>'))).toEqual([]);
    const untagged141 = mapListItem(v141.list.find((raw) => raw.Id.startsWith('sha256:3d38d41f'))!);
    expect(untagged141.repoTags).toEqual([]);
    expect(untagged141.repoDigests).toEqual([]);
  });

  it('maps a containerd-store image with real SharedSize and Containers and an empty ParentId', () => {
    expect(mapListItem(v151.list[0]!)).toMatchObject({
      id: APP_151,
      shortId: '5ee029686c24',
      repoTags: ['strata-fixture/app:1.0', 'strata-fixture/app:latest'],
      repoDigests: [`strata-fixture/app@${APP_151}`],
      created: '2026-11-29T13:50:08.000Z',
      size: 2297856,
      engineSharedSize: 2015232,
      engineContainers: 1,
      parentId: null,
    });
  });

  it('keeps the digest of an untagged containerd image, with no tags', () => {
    const old = mapListItem(v151.list.find((raw) => raw.Id === OLD_151)!);
    expect(old.repoTags).toEqual([]);
    expect(old.repoDigests).toEqual([`strata-fixture/app@${OLD_151}`]);
    expect(old.engineContainers).toBe(0);
  });

  it('clamps a negative size to 0 and defaults null labels to {}', () => {
    const mapped = mapListItem({ Id: 'sha256:ab', Created: 0, Size: -5, Labels: null });
    expect(mapped.size).toBe(0);
    expect(mapped.labels).toEqual({});
    expect(mapped.created).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('mapInspect', () => {
  it('maps the recorded 1.41 inspect, reading Config and not ContainerConfig', () => {
    const image = mapInspect(v141.inspect);
    expect(image).toMatchObject({
      id: APP_141,
      created: '2026-11-29T12:51:48.149Z',
      parent: 'sha256:6ddefbb2f1438eafb33e73a00f54609781f50a332454efa2e074bd128a380eea',
      architecture: 'amd64',
      os: 'linux',
      variant: null,
      author: '',
      comment: '',
      dockerVersion: '20.10.24+dfsg1',
      size: 2244633,
      repoDigests: [],
    });
    expect(image.config).toEqual({
      cmd: ['/bin/sh', '/app/run.sh'],
      entrypoint: null,
      env: [
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'APP_HOME=/app',
        'GREETING=hello',
        'API_TOKEN=not-a-real-secret',
      ],
      workingDir: '/app',
      user: 'root',
      exposedPorts: ['8080/tcp'],
      volumes: [],
      labels: { app: 'demo', 'org.opencontainers.image.title': 'Strata demo app', 'strata.fixture': '1' },
      stopSignal: null,
    });
    expect(image.diffIds).toHaveLength(4);
    expect(image.diffIds[0]).toBe('sha256:e595545cc8d234938e9a6b54f13d25f155369335f8fd74dba15898471b882029');
  });

  it('defaults Parent and DockerVersion when a 1.51 containerd engine omits them', () => {
    const image = mapInspect(v151.inspect);
    expect(image.parent).toBeNull();
    expect(image.dockerVersion).toBe('');
    expect(image.comment).toBe('buildkit.dockerfile.v0');
    expect(image.size).toBe(1090329);
    expect(image.repoDigests).toEqual([`strata-fixture/app@${APP_151}`]);
    expect(image.diffIds).toHaveLength(4);
  });

  it('reads the empty Parent and Variant that 1.41 sends for a base image as none', () => {
    expect(mapInspect({ Id: 'sha256:34d7', Parent: '', Variant: '' })).toMatchObject({ parent: null, variant: null });
    expect(mapInspect({ Id: 'sha256:34d7', Variant: 'v8' }).variant).toBe('v8');
  });

  it('fills every missing field with a default instead of undefined', () => {
    expect(mapInspect({ Id: 'sha256:ff' })).toEqual({
      id: 'sha256:ff',
      repoTags: [],
      repoDigests: [],
      created: '1970-01-01T00:00:00.000Z',
      parent: null,
      architecture: 'unknown',
      os: 'unknown',
      variant: null,
      author: '',
      comment: '',
      dockerVersion: '',
      size: 0,
      contentSize: null,
      unpackedSize: null,
      config: {
        cmd: null,
        entrypoint: null,
        env: [],
        workingDir: '',
        user: '',
        exposedPorts: [],
        volumes: [],
        labels: {},
        stopSignal: null,
      },
      diffIds: [],
      labels: {},
    });
  });
});
