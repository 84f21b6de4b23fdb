// Test images with the creation time a test chooses (retention rules rank and age images by it), made
// as a `docker save` archive and loaded: a config JSON with `created`, and layers of known bytes. Two
// images given the same layer content share that layer on the engine, as images built on one base do.
import { createHash } from 'node:crypto';
import { pack } from 'tar-stream';
import { dockerLoad, imageId } from './sandbox';

export interface DatedImage {
  tag: string;
  created: Date;
  /** Layer contents by name: the same name and size make the same layer (shared between images). */
  layers: { name: string; bytes: number }[];
  labels?: Record<string, string>;
  /** Another engine than the sandbox (a `unix://` address). */
  host?: string;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Bytes that do not compress (the containerd store keeps content as it came, and sizes should be real). */
function content(name: string, bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let block = createHash('sha256').update(name).digest();
  for (let offset = 0; offset < bytes; offset += block.length) {
    block.copy(out, offset);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

async function tarOf(entries: { name: string; data: Buffer }[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => archive.on('end', () => resolve()));
  // A fixed mtime: the same layer content must give the same layer tar, and so the same diff ID.
  for (const entry of entries) archive.entry({ name: entry.name, size: entry.data.length, mtime: new Date(0), mode: 0o644 }, entry.data);
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Loads the image on the sandbox engine (or `host`) and returns its ID (the tag, on another host). */
export async function loadDatedImage(image: DatedImage): Promise<string> {
  const layers = await Promise.all(
    image.layers.map((layer) => tarOf([{ name: `data/${layer.name}`, data: content(layer.name, layer.bytes) }])),
  );
  const diffIds = layers.map((layer) => `sha256:${sha256(layer)}`);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: image.created.toISOString(),
      config: { Labels: image.labels ?? {}, Cmd: ['/bin/sh'] },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: image.layers.map((layer) => ({ created: image.created.toISOString(), created_by: `ADD ${layer.name}` })),
    }),
  );
  const configName = `blobs/sha256/${sha256(config)}`;
  const layerNames = layers.map((layer) => `blobs/sha256/${sha256(layer)}`);
  const manifest = Buffer.from(JSON.stringify([{ Config: configName, RepoTags: [image.tag], Layers: layerNames }]));
  const unique = new Map(layers.map((layer, i) => [layerNames[i]!, layer]));
  const archive = await tarOf([
    { name: 'manifest.json', data: manifest },
    { name: configName, data: config },
    ...[...unique].map(([name, data]) => ({ name, data })),
  ]);
  dockerLoad(archive, image.host);
  return image.host ? image.tag : imageId(image.tag);
}
