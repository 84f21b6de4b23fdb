import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listImages, getImageDetail } from '@/lib/docker/images';
import { getConnection } from '@/lib/docker/client';
import { StrataError } from '@/lib/api/errors';
import { buildImage, docker, engineGet, requireSandbox } from './sandbox';

const EXTRA_TAG = 'strata-test/extra:1';

describe('images on the sandbox engine', () => {
  beforeAll(() => requireSandbox());
  afterAll(() => {
    try {
      docker('rmi', EXTRA_TAG);
    } catch {
      // already gone
    }
  });

  it('negotiates the engine’s own API version instead of pinning one', async () => {
    const connection = await getConnection();
    expect(connection.apiVersion).toBe((engineGet<{ ApiVersion: string }>('/version')).ApiVersion);
  });

  it('counts disk use as the engine does: every distinct layer once', async () => {
    const { totals } = await listImages();
    const df = engineGet<{ LayersSize: number; Images: unknown[] }>('/system/df');
    expect(totals.diskUsed).toBe(df.LayersSize);
    expect(totals.exact).toBe(true);
    expect(totals.naiveSum).toBeGreaterThan(totals.diskUsed);
  });

  it('splits every image’s size into shared and unique parts that add up', async () => {
    const { images } = await listImages();
    const raw = engineGet<{ Id: string; Size: number }[]>('/images/json');
    expect(images.map((image) => image.id).sort()).toEqual(raw.map((image) => image.Id).sort());
    for (const image of images) {
      expect(image.sharedSize + image.uniqueSize).toBe(image.size);
      expect(image.repoTags).not.toContain('<none>:<none>');
      expect(image.repoDigests).not.toContain('<none>@<none>');
    }
  });

  it('knows which bytes belong to one image only', async () => {
    const { images } = await listImages();
    const app = images.find((image) => image.repoTags.includes('strata-fixture/app:1.0'))!;
    // Its own layers: WORKDIR (0 B), the run script (35 B) and 256 KiB of data; the base is shared.
    expect(app.uniqueSize).toBe(35 + 256 * 1024);
    expect(app.repoTags).toEqual(
      expect.arrayContaining(['strata-fixture/app:latest', 'localhost:5555/team/app:1.0', 'registry.example.com/team/app:1.0']),
    );
    const base = images.find((image) => image.repoTags.includes('strata-fixture/base:1'))!;
    expect(base.uniqueSize).toBe(0);
    expect(base.sharedSize).toBe(base.size);
  });

  it('counts containers and dangling images like the engine', async () => {
    const { images, totals } = await listImages();
    expect(images.find((image) => image.repoTags.includes('strata-fixture/used:1'))!.containers).toBe(1);
    const dangling = engineGet<{ Id: string }[]>(`/images/json?filters=${encodeURIComponent('{"dangling":["true"]}')}`);
    expect(images.filter((image) => image.dangling).map((image) => image.id).sort()).toEqual(dangling.map((image) => image.Id).sort());
    expect(totals.dangling).toBe(dangling.length);
  });

  it('sees a newly built image, with its new layer unique and the base shared', async () => {
    const before = await listImages();
    const id = buildImage(EXTRA_TAG, 'FROM strata-fixture/base:1\nRUN dd if=/dev/zero of=/extra.bin bs=1000 count=100 2>/dev/null\n');
    const after = await listImages();
    const extra = after.images.find((image) => image.id === id)!;
    expect(extra.repoTags).toEqual([EXTRA_TAG]);
    expect(extra.uniqueSize).toBe(100_000);
    expect(after.totals.diskUsed - before.totals.diskUsed).toBe(100_000);
  });

  it('finds one image by full ID, short ID and name, all the same', async () => {
    const id = docker('image', 'inspect', '--format', '{{.Id}}', 'strata-fixture/many:1');
    const byName = await getImageDetail('strata-fixture/many:1');
    const byId = await getImageDetail(id);
    const byShort = await getImageDetail(id.slice(7, 19));
    expect(byName.id).toBe(id);
    expect(byId.id).toBe(id);
    expect(byShort.id).toBe(id);
    expect(byName.layers).toHaveLength(23);
    expect(byName.config.cmd).toEqual(['ls', '/']);
    expect(byName.labels.app).toBe('many');
  });

  it('never calls an intermediate build image dangling', async () => {
    const appParent = docker('image', 'inspect', '--format', '{{.Parent}}', 'strata-fixture/app:1.0');
    const detail = await getImageDetail(appParent);
    expect(detail.repoTags).toEqual([]);
    expect(detail.dangling).toBe(false);
    expect(detail.sharedSize + detail.uniqueSize).toBe(detail.size);
  });

  it('reports an unknown image as not_found', async () => {
    await expect(getImageDetail('strata-fixture/nope:9')).rejects.toMatchObject({ code: 'not_found', message: 'No image named strata-fixture/nope:9 on this engine.' });
    await expect(getImageDetail('strata-fixture/nope:9')).rejects.toBeInstanceOf(StrataError);
  });
});
