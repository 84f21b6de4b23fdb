// The image config JSON (history with empty_layer flags, rootfs diff IDs) read from `docker save`,
// for when the history API alone cannot say which step made which layer. The export is streamed with
// tar-stream: layer tars are drained as they pass, never held in memory or written to disk, and the
// stream is closed as soon as the config is known. Works with the legacy layout (`<id>.json`) and the
// OCI layout of Docker 25+ and the containerd store (`blobs/sha256/…`, via manifest.json).
import 'server-only';
import type { Readable } from 'node:stream';
import { readExportEntries } from '@/lib/docker/engine/export-entries';
import { engine } from '@/lib/docker/engine/client';
import type { ConfigHistoryEntry } from '@/lib/docker/history/decode';

export interface ImageConfigFile {
  history: ConfigHistoryEntry[];
  diffIds: string[];
}

// JSON entries worth keeping while streaming; anything larger is a layer, not metadata.
const MAX_JSON_BYTES = 4 * 1024 * 1024;
const EXPORT_TIMEOUT_MS = 60_000;

interface ManifestEntry {
  Config?: string;
}

function parseConfig(text: string): ImageConfigFile | null {
  try {
    const json = JSON.parse(text) as { history?: ConfigHistoryEntry[]; rootfs?: { diff_ids?: string[] } };
    if (!json.rootfs) return null;
    return { history: json.history ?? [], diffIds: json.rootfs.diff_ids ?? [] };
  } catch {
    return null;
  }
}

/** Reads the config of image `id` from its export. Resolves null if the archive has none. */
export async function readImageConfig(id: string): Promise<ImageConfigFile | null> {
  const archive = (await engine((docker) => docker.getImage(id).get(), { stream: true })) as unknown as Readable;
  return configFromArchive(archive, id);
}

/** The config of image `id` from an export stream of it (any of the layouts above); closes the stream. */
export function configFromArchive(archive: Readable, id: string): Promise<ImageConfigFile | null> {
  const hex = id.replace(/^sha256:/, '');
  // The config is named after the image ID on the classic store; elsewhere manifest.json says which.
  const likelyNames = new Set([`${hex}.json`, `blobs/sha256/${hex}`]);
  const small = new Map<string, Buffer>();

  // The containerd store's export of an image *ID* has no manifest.json, only the OCI layout: the ID
  // names the manifest (or index) blob, and index.json points at it too. Follow it to the config.
  const blobJson = (digest: unknown): { config?: { digest?: string }; manifests?: { digest?: string }[] } | null => {
    const body = typeof digest === 'string' ? small.get(`blobs/sha256/${digest.replace(/^sha256:/, '')}`) : undefined;
    if (!body) return null;
    try {
      return JSON.parse(body.toString('utf8'));
    } catch {
      return null;
    }
  };
  const fromLayout = (): ImageConfigFile | null | undefined => {
    let node = blobJson(hex);
    if (!node) {
      try {
        const index = small.get('index.json');
        node = index ? (JSON.parse(index.toString('utf8')) as { manifests?: { digest?: string }[] }) : null;
      } catch {
        node = null;
      }
    }
    // An index: its first platform manifest that the archive holds.
    for (let depth = 0; node && !node.config && node.manifests && depth < 2; depth++) {
      node = node.manifests.map((entry) => blobJson(entry.digest)).find((entry) => entry !== null) ?? null;
    }
    const config = blobJson(node?.config?.digest);
    return config ? parseConfig(JSON.stringify(config)) : undefined;
  };

  const fromManifest = (): ImageConfigFile | null | undefined => {
    const manifest = small.get('manifest.json');
    if (!manifest) return undefined;
    try {
      const entries = JSON.parse(manifest.toString('utf8')) as ManifestEntry[];
      const name = entries[0]?.Config;
      const config = name ? small.get(name) : undefined;
      return config ? parseConfig(config.toString('utf8')) : null;
    } catch {
      return null;
    }
  };

  return readExportEntries<ImageConfigFile | null>(archive, {
    timeoutMs: EXPORT_TIMEOUT_MS,
    keep: (name, size) => size <= MAX_JSON_BYTES && (name.endsWith('.json') || name.startsWith('blobs/')),
    onEntry: ({ name, body }) => {
      // JSON objects ({), and manifest.json, which is an array ([).
      if (!body || (body[0] !== 0x7b && body[0] !== 0x5b)) return undefined;
      small.set(name, body);
      if (likelyNames.has(name)) {
        const config = parseConfig(body.toString('utf8'));
        if (config) return config;
      }
      return name === 'manifest.json' ? (fromManifest() ?? undefined) : undefined;
    },
    atEnd: () => fromManifest() ?? fromLayout() ?? null,
  });
}
