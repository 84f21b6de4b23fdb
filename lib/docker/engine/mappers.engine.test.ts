import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { containersByImage, detectImageStore, mapEngineInfo, mapEvent } from '@/lib/docker/engine/mappers';
import type { RawContainer, RawEvent, RawInfo, RawVersion } from '@/lib/docker/engine/raw-types';

const fixture = <T>(dir: 'api-1.41' | 'api-1.51-containerd', name: string): T =>
  JSON.parse(readFileSync(path.join(__dirname, '..', '__fixtures__', dir, `${name}.json`), 'utf8')) as T;

const v141 = {
  info: fixture<RawInfo>('api-1.41', 'info'),
  version: fixture<RawVersion>('api-1.41', 'version'),
  containers: fixture<RawContainer[]>('api-1.41', 'containers_json_all_1'),
};
const v151 = {
  info: fixture<RawInfo>('api-1.51-containerd', 'info'),
  version: fixture<RawVersion>('api-1.51-containerd', 'version'),
  containers: fixture<RawContainer[]>('api-1.51-containerd', 'containers_json_all_1'),
  events: fixture<RawEvent[]>('api-1.51-containerd', 'events'),
};
const APP_151 = 'sha256:5ee029686c245754c8608ac32baedbe7ff4dafec9ed664ae029beba9e6a2baea';
const OLD_151 = 'sha256:c763dca0455c3d5eaab5b048e949d7b6824c89e8666cb8500ece1356ba163f73';

describe('containersByImage', () => {
  it('groups the recorded 1.41 container under its image ID without the leading slash', () => {
    const map = containersByImage(v141.containers);
    expect([...map.keys()]).toEqual(['sha256:4dd3af5bb4ef667d8b8781c860efe1d95246e3a0130e328034fd0af345f3932a']);
    expect(map.get('sha256:4dd3af5bb4ef667d8b8781c860efe1d95246e3a0130e328034fd0af345f3932a')).toEqual([
      { id: '9bbe367c1d11ad3f6d93ef8013438d3c902673704b2414d6b766c3e2c7254c05', name: 'strata-fixture-used', state: 'created' },
    ]);
  });

  it('keys containerd-store containers by the manifest-digest image ID', () => {
    expect(
      containersByImage(v151.containers)
        .get(APP_151)
        ?.map((c) => `${c.name}:${c.state}`),
    ).toEqual(['strata-fixture-used:exited']);
  });

  it('collects several containers per image, skips ones without ImageID, defaults name and state', () => {
    const map = containersByImage([
      { Id: 'aaaaaaaaaaaaaaaa', Names: ['/one'], ImageID: 'sha256:x', State: 'running' },
      { Id: 'bbbbbbbbbbbbbbbb', Names: null, ImageID: 'sha256:x' },
      { Id: 'cccccccccccccccc', Names: ['/orphan'] },
    ]);
    expect(map.size).toBe(1);
    expect(map.get('sha256:x')).toEqual([
      { id: 'aaaaaaaaaaaaaaaa', name: 'one', state: 'running' },
      { id: 'bbbbbbbbbbbbbbbb', name: 'bbbbbbbbbbbb', state: 'unknown' },
    ]);
  });
});

describe('detectImageStore and mapEngineInfo', () => {
  it('tells the classic overlay2 store from the containerd snapshotter', () => {
    expect(detectImageStore(v141.info)).toBe('classic');
    expect(detectImageStore(v151.info)).toBe('containerd');
    expect(detectImageStore({ DriverStatus: null })).toBe('classic');
  });

  it('maps the recorded 20.10 engine', () => {
    const facts = { address: 'unix:///tmp/strata-sbx/docker.sock', sandbox: true, apiVersion: '1.41' };
    expect(mapEngineInfo(v141.version, v141.info, facts)).toEqual({
      address: 'unix:///tmp/strata-sbx/docker.sock',
      sandbox: true,
      readOnly: false,
      version: '20.10.24+dfsg1',
      apiVersion: '1.41',
      maxApiVersion: '1.41',
      minApiVersion: '1.12',
      os: 'linux',
      arch: 'amd64',
      kernelVersion: '6.18.44-fc-v657',
      operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
      storageDriver: 'overlay2',
      imageStore: 'classic',
      dockerRootDir: '/tmp/strata-sbx/data',
      name: 'vm',
      cpus: 2,
      memoryBytes: 25276510208,
      containers: { total: 1, running: 0, paused: 0, stopped: 1 },
      images: 44,
    });
  });

  it('maps a containerd-store 28.x engine', () => {
    const info = mapEngineInfo(v151.version, v151.info, { address: 'unix:///var/run/docker.sock', sandbox: false, apiVersion: '1.51' });
    expect(info).toMatchObject({
      version: '28.5.2',
      maxApiVersion: '1.51',
      minApiVersion: '1.24',
      storageDriver: 'overlayfs',
      imageStore: 'containerd',
      images: 3,
    });
  });

  it('derives stopped containers and falls back to facts when version fields are missing', () => {
    const info = mapEngineInfo(
      {},
      { Containers: 5, ContainersRunning: 2, ContainersPaused: 1, OSType: 'linux' },
      { address: 'tcp://h:2375', sandbox: false, apiVersion: '1.44' },
    );
    expect(info.containers).toEqual({ total: 5, running: 2, paused: 1, stopped: 2 });
    expect([info.version, info.maxApiVersion, info.minApiVersion, info.os, info.storageDriver]).toEqual([
      'unknown',
      '1.44',
      'unknown',
      'linux',
      'unknown',
    ]);
  });
});

describe('mapEvent', () => {
  // The live 1.41 tag event from engine-and-hub-api.md §1.10, with the legacy status/id fields.
  const tag141: RawEvent = {
    status: 'tag',
    id: 'sha256:4922',
    Type: 'image',
    Action: 'tag',
    Actor: { ID: 'sha256:4922', Attributes: { name: 'localhost:5000/demo/app:v1', app: 'demo', tier: 'web' } },
    time: 1795954361,
    timeNano: 1795954361081623148,
  };

  it('maps a 1.41 image event with millisecond time from timeNano', () => {
    expect(mapEvent(tag141)).toEqual({
      kind: 'image',
      action: 'tag',
      id: 'sha256:4922',
      name: 'localhost:5000/demo/app:v1',
      time: '2026-11-29T12:12:41.081Z',
    });
  });

  it('maps 1.52 events that have no status, id or from', () => {
    const [tag, untag, pull, create, network] = v151.events.map(mapEvent);
    expect(tag).toEqual({ kind: 'image', action: 'tag', id: APP_151, name: 'strata-fixture/app:latest', time: '2026-11-29T13:50:10.123Z' });
    expect(untag).toMatchObject({ kind: 'image', action: 'untag', id: OLD_151, name: OLD_151 });
    expect(pull).toMatchObject({ kind: 'image', action: 'pull', id: 'localhost:5555/team/app:1.0' });
    expect(create).toEqual({
      kind: 'container',
      action: 'create',
      id: '0633c13ce0ec0b43827b5210d6aa439c7c722bc55f0e4cff98d6d376e12ec64f',
      image: 'strata-fixture/app:1.0',
      time: '2026-11-29T13:51:40.000Z',
    });
    expect(network).toBeNull();
  });

  it('falls back to the legacy fields and to seconds when newer ones are missing', () => {
    expect(mapEvent({ Type: 'container', status: 'die', id: 'c1', from: 'busybox:1', time: 1795954361 })).toEqual({
      kind: 'container',
      action: 'die',
      id: 'c1',
      image: 'busybox:1',
      time: '2026-11-29T12:12:41.000Z',
    });
  });

  it('returns null for unknown or missing types', () => {
    expect(mapEvent({ ...tag141, Type: 'volume' })).toBeNull();
    expect(mapEvent({ Action: 'tag', time: 1 })).toBeNull();
  });
});
