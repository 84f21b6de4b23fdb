import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getImageDetail, listImages } from '@/lib/docker/images/list';
import { docker, engineGet, requireSandbox } from '../support/sandbox';

const TAG = 'strata-test/platforms:1';
const SCRIPT = path.resolve(__dirname, '../../scripts/multi-platform-image.sh');

interface EngineManifest {
  ID: string;
  Kind: string;
  Available: boolean;
  Size: { Content: number };
  ImageData?: { Platform: { os: string; architecture: string; variant?: string }; Size: { Unpacked: number } };
}

/** Only the containerd store holds an index of platforms, and only API 1.47+ describes it. */
function engineKind(): { modern: boolean; why: string } {
  try {
    requireSandbox();
    const { ApiVersion } = engineGet<{ ApiVersion: string }>('/version');
    const info = engineGet<{ DriverStatus?: [string, string][] | null }>('/info');
    const containerd = (info.DriverStatus ?? []).some(
      ([key, value]) => key === 'driver-type' && value.startsWith('io.containerd.snapshotter'),
    );
    const minor = Number(ApiVersion.split('.')[1]);
    return { modern: containerd && minor >= 47, why: `API ${ApiVersion}, ${containerd ? 'containerd' : 'classic'} image store` };
  } catch (error) {
    return { modern: false, why: (error as Error).message };
  }
}

const { modern, why } = engineKind();

describe('platforms on a modern engine (containerd store, API 1.47+)', () => {
  if (!modern) it.skip(`a multi-platform index needs the containerd image store and API 1.47+ (this engine: ${why})`, () => {});

  describe.runIf(modern)('a two-platform index loaded offline', () => {
    let id = '';
    beforeAll(() => {
      requireSandbox();
      id = execFileSync(SCRIPT, [TAG, '--missing'], { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    }, 60_000);
    afterAll(() => {
      try {
        docker('rmi', TAG);
      } catch {
        // already gone
      }
    });

    const engineManifests = (): EngineManifest[] => {
      const filters = encodeURIComponent(JSON.stringify({ reference: [TAG] }));
      const [raw] = engineGet<{ Id: string; Manifests: EngineManifest[] }[]>(`/images/json?manifests=1&filters=${filters}`);
      expect(raw?.Id).toBe(id);
      return raw!.Manifests;
    };

    it('lists one image with its platforms, sizes as the engine reports them, attestation left out', async () => {
      const manifests = engineManifests();
      expect(manifests.map((m) => m.Kind).sort()).toEqual(['attestation', 'image', 'image', 'image']);
      const { images } = await listImages();
      const image = images.find((candidate) => candidate.repoTags.includes(TAG));
      expect(image?.id).toBe(id);
      expect(image?.platforms.map((p) => [p.os, p.architecture, p.variant].filter(Boolean).join('/'))).toEqual([
        'linux/amd64',
        'linux/arm64',
        'linux/arm/v7',
      ]);
      expect(image?.platforms).toEqual(
        manifests
          .filter((m) => m.Kind === 'image')
          .map((m) => ({
            os: m.ImageData!.Platform.os,
            architecture: m.ImageData!.Platform.architecture,
            variant: m.ImageData!.Platform.variant ?? null,
            id: m.ID,
            available: m.Available,
            contentSize: m.Size.Content,
            unpackedSize: m.ImageData!.Size.Unpacked,
          })),
      );
      const [amd64, arm64, armV7] = image!.platforms;
      // What `docker image ls --tree` shows: both present; only the host's platform is unpacked.
      expect(amd64).toMatchObject({ available: true });
      expect(amd64!.unpackedSize).toBeGreaterThan(1_000_000);
      expect(arm64).toMatchObject({ available: true, unpackedSize: 0 });
      // arm64's layer carries 64 KiB of zeros more than amd64's: it gzips to a few hundred bytes more.
      expect(arm64!.contentSize!).toBeGreaterThan(amd64!.contentSize!);
      expect(armV7).toMatchObject({ available: false, contentSize: 0 });
    });

    it('gives the image page the same platforms', async () => {
      const { images } = await listImages();
      const listed = images.find((candidate) => candidate.id === id);
      const detail = await getImageDetail(TAG);
      expect(detail.platforms).toEqual(listed?.platforms);
      expect(detail.platforms).toHaveLength(3);
    });
  });
});

describe('platforms on any engine', () => {
  beforeAll(() => requireSandbox());

  it('gives every image at least one platform, and a single-platform image its own os/architecture', async () => {
    const { images } = await listImages();
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image.platforms.length).toBeGreaterThan(0);
    const app = images.find((image) => image.repoTags.includes('strata-fixture/app:1.0'));
    if (!app) throw new Error('strata-fixture/app:1.0 is missing: run scripts/fixtures.sh');
    const inspect = engineGet<{ Os: string; Architecture: string }>('/images/strata-fixture/app:1.0/json');
    expect(app.platforms).toHaveLength(1);
    expect(app.platforms[0]).toMatchObject({ os: inspect.Os, architecture: inspect.Architecture, available: true });
    // Classic store: the list's Size is the unpacked layers, and no compressed content is kept.
    if (!modern) expect(app.platforms[0]).toMatchObject({ id: app.id, contentSize: null, unpackedSize: app.size });
    else expect((app.platforms[0]?.contentSize ?? 0) + (app.platforms[0]?.unpackedSize ?? 0)).toBe(app.size);
  });

  it('gives an intermediate image (not in the top-level list) one platform, without passing content off as unpacked', async () => {
    const all = engineGet<{ Id: string; ParentId: string; RepoTags: string[] | null }[]>('/images/json?all=1');
    const top = new Set(engineGet<{ Id: string }[]>('/images/json').map((image) => image.Id));
    const intermediate = all.find((image) => !top.has(image.Id) && image.ParentId);
    if (!intermediate) throw new Error('no legacy-build intermediate on the sandbox: run scripts/fixtures.sh');
    const inspect = engineGet<{ Os: string; Architecture: string; Size: number }>(`/images/${intermediate.Id}/json`);
    const detail = await getImageDetail(intermediate.Id);
    expect(detail.platforms).toEqual([
      {
        os: inspect.Os,
        architecture: inspect.Architecture,
        variant: null,
        id: intermediate.Id,
        available: true,
        contentSize: null,
        // Inspect's Size is the unpacked layers on the classic store, the content only on the containerd store.
        unpackedSize: modern ? null : inspect.Size,
      },
    ]);
  });
});
