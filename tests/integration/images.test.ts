import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listImages, getImageDetail } from '@/lib/docker/images/list';
import { getConnection } from '@/lib/docker/engine/client';
import { StrataError } from '@/lib/api/errors';
import { buildImage, docker, engineGet, engineStore, requireSandbox } from '../support/sandbox';

const EXTRA_TAG = 'strata-test/extra:1';

interface Df {
  LayersSize: number;
  Images: { Id: string; Size: number; SharedSize: number }[];
}

/**
 * Strata's list and the engine's df of one engine state: df before and after the list agree, or the
 * engine was still changing (a build or a clean-up an earlier file began can end in the background) and
 * both are read again.
 */
async function listWithDf(): Promise<{ list: Awaited<ReturnType<typeof listImages>>; df: Df }> {
  for (let attempt = 1; ; attempt += 1) {
    const before = JSON.stringify(engineGet<Df>('/system/df').Images);
    const list = await listImages();
    const df = engineGet<Df>('/system/df');
    if (JSON.stringify(df.Images) === before || attempt === 5) return { list, df };
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

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
    expect(connection.apiVersion).toBe(engineGet<{ ApiVersion: string }>('/version').ApiVersion);
  });

  it('counts disk use as the engine does: every distinct layer once', async () => {
    const {
      list: { totals },
      df,
    } = await listWithDf();
    expect(totals.diskUsed).toBe(df.LayersSize);
    expect(totals.exact).toBe(true);
    expect(totals.naiveSum).toBeGreaterThan(totals.diskUsed);
  });

  it('gives every image the size and shared size the engine’s own df gives it', async () => {
    const {
      list: { images },
      df,
    } = await listWithDf();
    expect(images.map((image) => image.id).sort()).toEqual(df.Images.map((image) => image.Id).sort());
    for (const image of images) {
      const entry = df.Images.find((candidate) => candidate.Id === image.id)!;
      expect({ size: image.size, sharedSize: image.sharedSize }, image.repoTags[0] ?? image.id).toEqual({
        size: entry.Size,
        sharedSize: entry.SharedSize,
      });
    }
  });

  it('splits every image’s size into parts that add up, and says which parts the store has', async () => {
    const { images, totals } = await listImages();
    const raw = engineGet<{ Id: string; Size: number }[]>('/images/json');
    expect(images.map((image) => image.id).sort()).toEqual(raw.map((image) => image.Id).sort());
    const tree =
      engineStore() === 'containerd'
        ? engineGet<{ Id: string; Manifests: { Size: { Content: number }; ImageData: { Size: { Unpacked: number } } }[] }[]>(
            '/images/json?manifests=1',
          )
        : [];
    expect(totals.accounting).toBe(engineStore() === 'containerd' ? 'content-and-unpacked' : 'layers');
    for (const image of images) {
      if (engineStore() === 'classic') {
        expect([image.contentSize, image.unpackedSize]).toEqual([null, null]);
        expect(image.sharedSize + image.uniqueSize).toBe(image.size);
      } else {
        // DISK USAGE and CONTENT SIZE of `docker image ls --tree`; shared and unique split the unpacked part.
        const manifest = tree.find((entry) => entry.Id === image.id)!.Manifests[0]!;
        expect([image.contentSize, image.unpackedSize]).toEqual([manifest.Size.Content, manifest.ImageData.Size.Unpacked]);
        expect(image.contentSize! + image.unpackedSize!).toBe(image.size);
        expect(image.sharedSize + image.uniqueSize).toBe(image.unpackedSize);
      }
      expect(image.repoTags).not.toContain('<none>:<none>');
      expect(image.repoDigests).not.toContain('<none>@<none>');
    }
  });

  it('knows which bytes belong to one image only', async () => {
    const { images } = await listImages();
    const app = images.find((image) => image.repoTags.includes('strata-fixture/app:1.0'))!;
    expect(app.repoTags).toEqual(
      expect.arrayContaining(['strata-fixture/app:latest', 'localhost:5555/team/app:1.0', 'registry.example.com/team/app:1.0']),
    );
    const base = images.find((image) => image.repoTags.includes('strata-fixture/base:1'))!;
    expect(base.uniqueSize).toBe(0);
    // Its own layers: WORKDIR (0 B), the run script (35 B) and 256 KiB of data; the base is shared.
    if (engineStore() === 'classic') {
      expect(app.uniqueSize).toBe(35 + 256 * 1024);
      expect(base.sharedSize).toBe(base.size);
    } else {
      // The same layers unpacked, in filesystem blocks (directories count), over the shared base snapshot.
      expect(base.sharedSize).toBe(base.unpackedSize);
      expect(app.sharedSize).toBe(base.unpackedSize);
      expect(app.uniqueSize).toBe(app.unpackedSize! - base.unpackedSize!);
      expect(app.uniqueSize).toBeGreaterThanOrEqual(35 + 256 * 1024);
      expect(app.uniqueSize).toBeLessThan(35 + 256 * 1024 + 3 * 64 * 1024);
    }
  });

  it('counts containers and dangling images like the engine', async () => {
    const { images, totals } = await listImages();
    expect(images.find((image) => image.repoTags.includes('strata-fixture/used:1'))!.containers).toBe(1);
    const dangling = engineGet<{ Id: string }[]>(`/images/json?filters=${encodeURIComponent('{"dangling":["true"]}')}`);
    expect(
      images
        .filter((image) => image.dangling)
        .map((image) => image.id)
        .sort(),
    ).toEqual(dangling.map((image) => image.Id).sort());
    expect(totals.dangling).toBe(dangling.length);
  });

  it('sees a newly built image, with its new layer unique and the base shared, and gets it back when it goes', async () => {
    const before = await listImages();
    const id = buildImage(EXTRA_TAG, 'FROM strata-fixture/base:1\nRUN dd if=/dev/zero of=/extra.bin bs=1000 count=100 2>/dev/null\n');
    const after = await listImages();
    const extra = after.images.find((image) => image.id === id)!;
    const base = after.images.find((image) => image.repoTags.includes('strata-fixture/base:1'))!;
    expect(extra.repoTags).toEqual([EXTRA_TAG]);
    const grew = after.totals.diskUsed - before.totals.diskUsed;
    docker('rmi', EXTRA_TAG);
    const freed = after.totals.diskUsed - (await listImages()).totals.diskUsed;
    if (engineStore() === 'classic') {
      expect(extra.sharedSize).toBe(base.size);
      expect(extra.uniqueSize).toBe(100_000);
      expect(grew).toBe(100_000);
      expect(freed).toBe(extra.uniqueSize);
    } else {
      expect(extra.sharedSize).toBe(base.unpackedSize);
      expect(extra.uniqueSize).toBeGreaterThanOrEqual(100_000);
      // The disk grows by the new unpacked layer and the image's own content (the new layer compressed,
      // config, manifest), never by the base's content again, which its contentSize includes.
      expect(grew).toBeGreaterThanOrEqual(extra.uniqueSize);
      expect(grew).toBeLessThan(extra.uniqueSize + extra.contentSize! - base.contentSize! / 2);
      expect(freed).toBe(grew);
    }
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
    expect(detail.sharedSize + detail.uniqueSize).toBe(detail.unpackedSize ?? detail.size);
    expect(detail.contentSize === null).toBe(engineStore() === 'classic');
  });

  it('reports an unknown image as not_found', async () => {
    await expect(getImageDetail('strata-fixture/nope:9')).rejects.toMatchObject({
      code: 'not_found',
      message: 'No image named strata-fixture/nope:9 on this engine.',
    });
    await expect(getImageDetail('strata-fixture/nope:9')).rejects.toBeInstanceOf(StrataError);
  });
});
