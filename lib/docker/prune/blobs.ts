// The blobs each image references on the containerd store (manifest or index, config, layers) with
// their sizes: half of what LayersSize counts there, and nothing in the API lists them. An image's
// export (`docker save`) holds exactly its present blobs, so one export of all images still unread is
// streamed once: entry sizes come from the tar headers, manifests are parsed, layer bodies are drained,
// never kept. An image ID names immutable content, so what was read is kept for the process.
import 'server-only';
import type { Readable } from 'node:stream';
import { readExportEntries } from '@/lib/docker/engine/export-entries';
import { engine } from '@/lib/docker/engine/client';
import { perEngine } from '@/lib/docker/engine/scope';
import type { PlanBlob, PlanImage } from '@/lib/docker/prune/plan';

/** What the export said: every blob's size, and the JSON of the small ones (manifests, indexes, configs). */
export interface ExportBlobs {
  sizes: Map<string, number>;
  json: Map<string, unknown>;
}

interface Descriptor {
  digest?: string;
  mediaType?: string;
}

const MAX_JSON_BYTES = 1024 * 1024;
const EXPORT_TIMEOUT_MS = 120_000;
const BLOB = /^blobs\/([a-z0-9]+)\/([a-f0-9]+)$/;
// One request names this many images (the query string grows with each).
const BATCH = 100;
const MAX_ENTRIES = 20_000;

// Per engine: the same image ID can hold other blobs on another engine (a platform pulled there only).
const blobCache = (): Map<string, PlanBlob[]> => perEngine('prune-blobs', () => new Map<string, PlanBlob[]>());

/**
 * The blobs image `id` reaches, as moby's walkPresentChildren does: the index or manifest the ID names,
 * then (present) child manifests, configs and layers. Layers pair with `diffIds` by position when the
 * image has one manifest. Null when the export did not hold the image's own blob.
 */
export function blobsFromExport(id: string, diffIds: readonly string[], exported: ExportBlobs): PlanBlob[] | null {
  const out = new Map<string, PlanBlob>();
  const manifests: { digest: string; layers: Descriptor[] }[] = [];
  const visit = (digest: string, kind: PlanBlob['kind']) => {
    const size = exported.sizes.get(digest);
    if (size === undefined || out.has(digest)) return;
    const json = exported.json.get(digest) as { manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] } | undefined;
    const realKind = kind === 'manifest' && Array.isArray(json?.manifests) ? 'index' : kind;
    out.set(digest, { digest, size, kind: realKind, diffId: null });
    if (realKind === 'index') for (const child of json?.manifests ?? []) if (child.digest) visit(child.digest, 'manifest');
    if (realKind === 'manifest') {
      if (json?.config?.digest) visit(json.config.digest, 'config');
      manifests.push({ digest, layers: json?.layers ?? [] });
    }
  };
  visit(id, 'manifest');
  if (!out.has(id)) return null;
  for (const manifest of manifests) {
    manifest.layers.forEach((layer, i) => {
      const size = layer.digest ? exported.sizes.get(layer.digest) : undefined;
      if (!layer.digest || size === undefined || out.has(layer.digest)) return;
      out.set(layer.digest, { digest: layer.digest, size, kind: 'layer', diffId: manifests.length === 1 ? (diffIds[i] ?? null) : null });
    });
  }
  return [...out.values()];
}

/** Streams one export of `ids`, keeping blob sizes and small JSON bodies. */
async function readExport(ids: readonly string[]): Promise<ExportBlobs> {
  // `GET /images/get?names=…`: dockerode has it, its types do not.
  const exportMany = (docker: object) =>
    (docker as { getImages(opts: { names: readonly string[] }): Promise<Readable> }).getImages({ names: ids });
  const archive = await engine((docker) => exportMany(docker), { stream: true });
  const exported: ExportBlobs = { sizes: new Map(), json: new Map() };
  return readExportEntries(archive, {
    timeoutMs: EXPORT_TIMEOUT_MS,
    keep: (name, size) => BLOB.test(name) && size <= MAX_JSON_BYTES,
    onEntry: ({ name, size, body }) => {
      const match = BLOB.exec(name);
      if (!match) return undefined;
      const digest = `${match[1]}:${match[2]}`;
      exported.sizes.set(digest, size);
      if (body?.[0] === 0x7b /* { */) {
        try {
          exported.json.set(digest, JSON.parse(body.toString('utf8')));
        } catch {
          // A small non-JSON blob (a tiny layer): its size is all that counts.
        }
      }
      return undefined;
    },
    atEnd: () => exported,
  });
}

export interface ReadBlobsOptions {
  /** Give up (and leave the bytes an estimate) when the images to read hold more than this. */
  limitBytes: number;
}

/** Fills in `blobs` for the given images, reading the export of those not read before. */
export async function attachBlobs(
  images: readonly PlanImage[],
  wanted: ReadonlySet<string>,
  { limitBytes }: ReadBlobsOptions,
): Promise<PlanImage[]> {
  const cache = blobCache();
  const missing = images.filter((image) => wanted.has(image.id) && !cache.has(image.id));
  // The list's Size (content + unpacked) bounds what the export streams.
  const streamed = missing.reduce((sum, image) => sum + image.size, 0);
  if (missing.length > 0 && streamed <= limitBytes) {
    for (let i = 0; i < missing.length; i += BATCH) {
      const batch = missing.slice(i, i + BATCH);
      try {
        const exported = await readExport(batch.map((image) => image.id));
        for (const image of batch) {
          const blobs = blobsFromExport(image.id, image.diffIds, exported);
          if (blobs) cache.set(image.id, blobs);
        }
      } catch (error) {
        // Gone since the list, or content missing: those images stay unread and the bytes say so.
        const code = (error as { code?: string }).code;
        if (code === 'engine_unreachable') throw error;
      }
    }
    while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return images.map((image) => (cache.has(image.id) ? { ...image, blobs: cache.get(image.id)! } : image));
}
