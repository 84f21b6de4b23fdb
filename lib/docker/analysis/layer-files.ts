// Every path in every layer, read by streaming the image export once: each layer blob is sniffed
// (gzip → gunzip; a tar as it is), hashed while it is parsed — the hash of the uncompressed tar IS its
// diff ID, so layers are identified without trusting file names — and never held in memory or written
// to disk. Works for the legacy layout (`<id>/layer.tar`) and the OCI layout (`blobs/sha256/…`).
import 'server-only';
import { createHash } from 'node:crypto';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import { extract } from 'tar-stream';
import type { EntryType, LayerEntry } from '@/lib/api/analysis';
import { openExport } from '@/lib/docker/images/platform-export';
import { rememberBlob } from '@/lib/docker/analysis/blob-names';
import { CAPTURE_LIMITS, addCapturedFile, captureKind, emptyDatabases, type LayerDatabases } from '@/lib/packages/capture';

const normalize = (name: string) => name.replace(/^\.\//, '').replace(/\/+$/, '');

function typeOf(type: string | null | undefined): EntryType {
  if (type === 'file' || type === 'contiguous-file') return 'file';
  if (type === 'directory') return 'directory';
  if (type === 'symlink') return 'symlink';
  if (type === 'link') return 'hardlink';
  return 'other';
}

/** What one layer holds: every path, and what its OS release files and package databases say. */
export interface ParsedLayer {
  entries: LayerEntry[];
  databases: LayerDatabases;
}

/**
 * Parses one (uncompressed) layer tar, hashing it as it goes; resolves its diff ID, entries and the
 * databases it writes (the bytes of those few files are kept, within their limits, in the same pass).
 */
function parseLayer(tar: Readable): Promise<{ diffId: string } & ParsedLayer> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const entries: LayerEntry[] = [];
    const databases = emptyDatabases();
    // Bytes of captured files by path, for a hard link to one later in the same tar.
    const captured = new Map<string, Buffer>();
    const inner = extract();
    inner.on('entry', (header, stream, next) => {
      const full = normalize(header.name);
      const slash = full.lastIndexOf('/');
      const base = full.slice(slash + 1);
      const parent = slash >= 0 ? full.slice(0, slash) : '';
      const entry: LayerEntry = {
        path: full,
        type: typeOf(header.type),
        size: header.type === 'file' || header.type === 'contiguous-file' ? (header.size ?? 0) : 0,
        mode: header.mode ?? 0,
        uid: header.uid ?? 0,
        gid: header.gid ?? 0,
        hash: null,
        linkTarget: header.linkname ?? null,
        removes: false,
        opaque: false,
      };
      if (base === '.wh..wh..opq') Object.assign(entry, { path: parent, type: 'directory', opaque: true });
      else if (base.startsWith('.wh.'))
        Object.assign(entry, { path: parent ? `${parent}/${base.slice(4)}` : base.slice(4), type: 'other', removes: true });
      const content = entry.type === 'file' && !entry.removes ? createHash('sha256') : null;
      const kind = entry.removes || entry.opaque ? null : captureKind(entry.path);
      if (kind === 'rpm' && entry.type !== 'directory') databases.unread.push({ path: entry.path, reason: 'rpm' });
      const keep = kind && kind !== 'rpm' ? kind : null;
      if (keep && entry.type === 'hardlink') {
        const target = captured.get(normalize(entry.linkTarget ?? ''));
        if (target) addCapturedFile(databases, entry.path, keep, target);
      }
      let chunks: Buffer[] | null = keep && entry.type === 'file' ? [] : null;
      if (chunks && keep && entry.size > CAPTURE_LIMITS[keep]) {
        databases.unread.push({ path: entry.path, reason: 'too-large' });
        chunks = null;
      }
      stream.on('data', (chunk) => {
        content?.update(chunk as Buffer);
        chunks?.push(chunk as Buffer);
      });
      stream.on('end', () => {
        if (content) entry.hash = content.digest('hex');
        if (chunks && keep) {
          const bytes = Buffer.concat(chunks);
          captured.set(entry.path, bytes);
          addCapturedFile(databases, entry.path, keep, bytes);
        }
        if (entry.path) entries.push(entry);
        next();
      });
      stream.resume();
    });
    inner.on('finish', () => resolve({ diffId: `sha256:${hash.digest('hex')}`, entries, databases }));
    inner.on('error', reject);
    tar.on('error', reject);
    tar.on('data', (chunk: Buffer) => hash.update(chunk));
    tar.pipe(inner);
  });
}

/** zstd → plain bytes, streamed (Node 20 has no zstd of its own; fzstd is a small pure-JS decoder). */
function zstdDecoder(): Transform {
  // The decoder pushes into the transform, and the transform feeds the decoder: tie them after both exist.
  const holder: { decoder: Decompress | null } = { decoder: null };
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        holder.decoder!.push(chunk);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        holder.decoder!.push(new Uint8Array(0), true);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
  holder.decoder = new Decompress((data) => transform.push(Buffer.from(data)));
  return transform;
}

/** First bytes of a stream without consuming them. */
async function sniff(stream: PassThrough): Promise<Buffer> {
  for (;;) {
    const head = stream.read(4) as Buffer | null;
    if (head) {
      stream.unshift(head);
      return head;
    }
    if (stream.readableEnded) return Buffer.alloc(0);
    await new Promise((resolve) => stream.once('readable', resolve).once('end', resolve));
  }
}

/**
 * A layer blob of an export as its uncompressed tar: gzip, zstd or plain, told by magic bytes, never
 * file names (gzip 1f 8b, zstd 28 b5 2f fd). Null for a JSON member (a config or manifest), drained.
 */
export async function layerTar(member: Readable): Promise<Readable | null> {
  const body = new PassThrough();
  member.pipe(body);
  const head = await sniff(body);
  if (head[0] === 0x7b) {
    body.resume();
    await new Promise((done) => body.on('end', done));
    return null;
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const zstd = head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd;
  return gzip ? body.pipe(createGunzip()) : zstd ? body.pipe(zstdDecoder()) : body;
}

export interface ReadProgress {
  bytesRead: number;
}

/**
 * Parses an image export (legacy or OCI layout) and returns the entries of the layers whose diff IDs
 * are in `wanted`. `onProgress` hears the bytes read so far; `onBlob` which archive member held which
 * layer (a later single-file read goes straight to it).
 */
export async function parseExport(
  archive: Readable,
  wanted: ReadonlySet<string>,
  onProgress: (progress: ReadProgress) => void = () => undefined,
  onBlob: (blob: string, diffId: string) => void = () => undefined,
): Promise<Map<string, ParsedLayer>> {
  const found = new Map<string, ParsedLayer>();
  let bytesRead = 0;
  archive.on('data', (chunk: Buffer) => {
    bytesRead += chunk.length;
    onProgress({ bytesRead });
  });
  const outer = extract();
  await new Promise<void>((resolve, reject) => {
    outer.on('entry', (header, stream, next) => {
      const name = header.name;
      const candidate =
        header.type === 'file' && (name.endsWith('/layer.tar') || name.startsWith('blobs/sha256/')) && (header.size ?? 0) > 0;
      if (!candidate || found.size === wanted.size) {
        stream.on('end', () => next());
        stream.resume();
        return;
      }
      layerTar(stream as unknown as Readable)
        .then(async (tar) => {
          if (!tar) return;
          const layer = await parseLayer(tar);
          onBlob(name, layer.diffId);
          if (wanted.has(layer.diffId)) found.set(layer.diffId, { entries: layer.entries, databases: layer.databases });
        })
        .then(
          () => next(),
          (error) => reject(error),
        );
    });
    outer.on('finish', () => resolve());
    outer.on('error', reject);
    archive.on('error', reject);
    archive.pipe(outer);
  });
  return found;
}

/**
 * Streams `docker save` of one image (or, with a platform `query`, of that platform of it) through
 * `parseExport`; `signal` stops the export.
 */
export async function readLayerFiles(
  id: string,
  wanted: ReadonlySet<string>,
  onProgress: (progress: ReadProgress) => void,
  signal: AbortSignal,
  query: Record<string, string> = {},
): Promise<Map<string, ParsedLayer>> {
  const archive = await openExport(id, query);
  const stop = () => archive.destroy(new Error('cancelled'));
  signal.addEventListener('abort', stop);
  try {
    return await parseExport(archive, wanted, onProgress, rememberBlob);
  } finally {
    signal.removeEventListener('abort', stop);
    archive.destroy();
  }
}
