import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { configFromArchive } from '@/lib/docker/images/config';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');
const config = JSON.stringify({
  rootfs: { type: 'layers', diff_ids: ['sha256:aa'] },
  history: [{ created_by: 'IMPORT' }, { created_by: 'RUN true', empty_layer: true }],
});
const expected = { diffIds: ['sha256:aa'], history: [{ created_by: 'IMPORT' }, { created_by: 'RUN true', empty_layer: true }] };

/** A tar in entry order, as `docker save` streams it (sorted: blobs before index.json and manifest.json). */
function archive(entries: [string, string | Buffer][]): Readable {
  const tar = pack();
  for (const [name, body] of entries) tar.entry({ name }, body);
  tar.finalize();
  // The engine's export arrives as a Node stream.
  return Readable.from(tar as AsyncIterable<Buffer>);
}

describe('configFromArchive', () => {
  const configHex = digest(config);
  const layer = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
  const manifest = JSON.stringify({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { digest: `sha256:${configHex}` },
    layers: [{ digest: 'sha256:bb' }],
  });
  const manifestHex = digest(manifest);

  it('reads the legacy layout, where the config is named after the image ID (classic store)', async () => {
    const id = `sha256:${configHex}`;
    await expect(
      configFromArchive(
        archive([
          ['abc/layer.tar', 'x'],
          [`${configHex}.json`, config],
          ['manifest.json', '[]'],
        ]),
        id,
      ),
    ).resolves.toEqual(expected);
  });

  it('follows manifest.json to the config blob (Docker 25+, containerd store by name)', async () => {
    const entries: [string, string | Buffer][] = [
      [`blobs/sha256/${configHex}`, config],
      [`blobs/sha256/${manifestHex}`, manifest],
      ['blobs/sha256/bb', layer],
      ['manifest.json', JSON.stringify([{ Config: `blobs/sha256/${configHex}`, Layers: ['blobs/sha256/bb'] }])],
    ];
    await expect(configFromArchive(archive(entries), `sha256:${manifestHex}`)).resolves.toEqual(expected);
  });

  it('follows the image ID’s manifest blob when there is no manifest.json (containerd store, export by ID)', async () => {
    const entries: [string, string | Buffer][] = [
      ['blobs/sha256/bb', layer],
      [`blobs/sha256/${manifestHex}`, manifest],
      [`blobs/sha256/${configHex}`, config],
      ['index.json', JSON.stringify({ manifests: [{ digest: `sha256:${manifestHex}` }] })],
      ['oci-layout', '{"imageLayoutVersion":"1.0.0"}'],
    ];
    await expect(configFromArchive(archive(entries), `sha256:${manifestHex}`)).resolves.toEqual(expected);
  });

  it('goes through an index to the platform manifest it holds', async () => {
    const index = JSON.stringify({
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ digest: 'sha256:not-here' }, { digest: `sha256:${manifestHex}` }],
    });
    const entries: [string, string | Buffer][] = [
      [`blobs/sha256/${digest(index)}`, index],
      [`blobs/sha256/${manifestHex}`, manifest],
      [`blobs/sha256/${configHex}`, config],
      ['index.json', JSON.stringify({ manifests: [{ digest: `sha256:${digest(index)}` }] })],
    ];
    await expect(configFromArchive(archive(entries), `sha256:${digest(index)}`)).resolves.toEqual(expected);
  });

  it('resolves null for an archive with no config at all', async () => {
    await expect(configFromArchive(archive([['hello.txt', 'hi']]), 'sha256:00')).resolves.toBeNull();
  });
});
