// A build request's context: a multipart upload (the editor's Dockerfile, an options field, and the
// context as a .tar or as a folder's files) is streamed to a private temporary directory, then sent to
// the engine as a tar that leaves out what `.dockerignore` excludes — as the Docker CLI does, since the
// classic builder sends everything it is given into the build.
import 'server-only';
import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import dockerignore from '@balena/dockerignore';
import Busboy from 'busboy';
import tarFs from 'tar-fs';
import { StrataError } from '@/lib/api/errors';
import { createFileInside, readRegularFile, unpackContextTar, verifyContextTree, writeFileInside } from '@/lib/docker/build/context-tree';
import { limitUpload, tooLarge, uploadLimit } from '@/lib/http/upload-limits';

export interface BuildUpload {
  dir: string;
  dockerfile: string | null;
  options: string | null;
  /** Files received (folder upload) or unpacked (tar upload). */
  received: number;
  cleanup(): Promise<void>;
}

const MAX_FILES = 50_000;
const MAX_FIELD_BYTES = 1024 * 1024;

/** A relative path from the browser (`src/index.js`), or null when it would leave the context. */
export function safeRelativePath(raw: string): string | null {
  const clean = raw.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!clean || clean.includes('\0') || clean.startsWith('/') || /^[a-zA-Z]:/.test(clean)) return null;
  const normal = path.posix.normalize(clean);
  if (normal === '.' || normal.startsWith('../') || normal === '..') return null;
  return normal;
}

/** Streams the multipart body to a temporary directory; the caller must call `cleanup()`. */
export async function receiveBuildUpload(req: Request): Promise<BuildUpload> {
  const contentType = req.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new StrataError(
      'invalid_input',
      'Send the build as multipart/form-data: a `dockerfile` field, an `options` field and the context files.',
    );
  }
  if (!req.body) throw new StrataError('invalid_input', 'The build request has no body.');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-build-'));
  const contextDir = path.join(dir, 'context');
  await mkdir(contextDir, { mode: 0o700 });
  const upload: BuildUpload = {
    dir: contextDir,
    dockerfile: null,
    options: null,
    received: 0,
    cleanup: () => rm(dir, { recursive: true, force: true, maxRetries: 3 }),
  };
  try {
    await parseMultipart(req, contentType, upload);
    // Links are judged on the finished tree, where every earlier link is in place.
    await verifyContextTree(contextDir);
    return upload;
  } catch (error) {
    await upload.cleanup();
    throw error;
  }
}

async function parseMultipart(req: Request, contentType: string, upload: BuildUpload): Promise<void> {
  const limit = uploadLimit();
  const busboy = Busboy({
    headers: { 'content-type': contentType },
    preservePath: true,
    limits: { fileSize: limit, files: MAX_FILES, fieldSize: MAX_FIELD_BYTES, fields: 10 },
  });
  const writes: Promise<void>[] = [];
  let failure: StrataError | null = null;
  const tally = { bytes: 0 };
  // A tar and loose files in one request would be two writers racing on one tree: one or the other.
  const kinds = new Set<string>();
  const source = Readable.fromWeb(req.body as import('node:stream/web').ReadableStream<Uint8Array>);
  const fail = (error: StrataError) => {
    failure ??= error;
  };
  /**
   * Feeds one file part into a chain that writes it. If the chain fails, the part is still read to
   * its end and dropped: busboy waits for each part to be consumed, and destroying it mid-parse hangs
   * or crashes the parser. The rest of the upload is read and dropped the same way.
   */
  const consume = (file: Readable, write: (input: Readable) => Promise<void>) => {
    const input = new PassThrough();
    file.on('error', () => undefined);
    file.pipe(input);
    writes.push(
      write(input).catch((error: unknown) => {
        file.unpipe(input);
        file.resume();
        fail(asUploadError(error));
      }),
    );
  };

  busboy.on('field', (name, value, info) => {
    if (info.valueTruncated) fail(new StrataError('too_large', `The ${name} field is larger than 1 MiB.`));
    else if (name === 'dockerfile') upload.dockerfile = value;
    else if (name === 'options') upload.options = value;
  });
  busboy.on('file', (name, file, info) => {
    const counted = limitUpload(limit, tally);
    file.on('limit', () => fail(tooLarge(limit)));
    file.on('error', () => undefined);
    if (failure) {
      file.resume();
      return;
    }
    const second = name === 'context' && kinds.has('context');
    if (name === 'context' || name === 'files') kinds.add(name);
    if (kinds.size > 1 || second) {
      fail(new StrataError('invalid_input', 'Send the build context as one .tar or as a folder’s files, not both (and one .tar at most).'));
      file.resume();
      return;
    }
    if (name === 'context') consume(file, (input) => unpackContext(input, counted, upload));
    else if (name === 'files') {
      const relative = safeRelativePath(info.filename ?? '');
      if (!relative) {
        fail(new StrataError('invalid_input', `“${info.filename}” is not a path inside the build context.`));
        file.resume();
        return;
      }
      upload.received++;
      consume(file, async (input) => {
        const handle = await createFileInside(upload.dir, relative);
        await pipeline(input, counted, handle.createWriteStream());
      });
    } else file.resume();
  });
  busboy.on('filesLimit', () =>
    fail(new StrataError('too_large', `A build context may hold ${MAX_FILES.toLocaleString('en-US')} files at most.`)),
  );

  try {
    await pipeline(source, busboy);
  } catch (error) {
    fail(asUploadError(error));
  }
  await Promise.all(writes);
  if (failure) throw failure;
}

/** A context sent as one .tar (or .tar.gz): unpacked so that no entry can land or point outside. */
async function unpackContext(file: Readable, counted: Transform, upload: BuildUpload): Promise<void> {
  await unpackContextTar(file.pipe(counted), upload.dir, () => upload.received++);
}

function asUploadError(error: unknown): StrataError {
  if (error instanceof StrataError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/symlink|hardlink|invalid tar|header|unexpected end|incorrect header check|Unexpected end of data/i.test(message)) {
    return new StrataError(
      'invalid_input',
      `The context archive could not be read: ${message.replace(/\/tmp\/[^\s]+/g, '…')}. Send a .tar or .tar.gz of the folder.`,
    );
  }
  return new StrataError('invalid_input', 'The build context upload was cut off or malformed.');
}

export interface PackedContext {
  stream: Readable;
  /** Filled in while the stream is read: what went to the engine. */
  stats: { bytes: number; files: number; ignored: number; hashes: Record<string, string> };
}

/** Writes the editor's Dockerfile into the context, then packs it, leaving out `.dockerignore`d paths. */
export async function packContext(dir: string, dockerfilePath: string, dockerfile: string | null): Promise<PackedContext> {
  // Only to a path proven inside: every folder on the way a real one, the file itself replaced.
  if (dockerfile !== null) await writeFileInside(dir, dockerfilePath, dockerfile);
  const rules = (await readRegularFile(dir, '.dockerignore')) ?? '';
  const matcher = dockerignore({ ignorecase: false }).add(rules);
  // `!pattern` can re-include a path below an excluded directory, so excluded directories are walked.
  const mayReinclude = /^\s*!/m.test(rules);
  const alwaysSent = new Set([dockerfilePath, '.dockerignore']);
  const stats: PackedContext['stats'] = { bytes: 0, files: 0, ignored: 0, hashes: {} };

  const pack = tarFs.pack(dir, {
    ignore: (name) => {
      const relative = path.relative(dir, name).split(path.sep).join('/');
      if (!relative || alwaysSent.has(relative)) return false;
      if (!matcher.ignores(relative)) return false;
      return !mayReinclude || !isDirectorySync(name) ? (stats.ignored++, true) : false;
    },
    mapStream: (fileStream, header) => {
      stats.files++;
      const hash = createHash('sha256').update(`${header.mode ?? 0}:`);
      const tap = tapChunks(
        (chunk) => hash.update(chunk),
        () => (stats.hashes[header.name] = hash.digest('hex')),
      );
      // tar-fs only reads from what it gets back; its typing asks for a ReadStream, a PassThrough does.
      return fileStream.pipe(tap) as unknown as typeof fileStream;
    },
  });
  const counter = tapChunks((chunk) => (stats.bytes += chunk.length));
  pack.on('error', (error) => counter.destroy(error));
  return { stream: pack.pipe(counter), stats };
}

/**
 * Passes chunks on unchanged, telling `onChunk` of each. A Transform, not a `data` listener: a listener
 * would set the stream flowing before its reader is attached, and whatever flowed by then (the tar's
 * first headers, while the build still reads the Dockerfile) would be lost.
 */
function tapChunks(onChunk: (chunk: Buffer) => void, onEnd?: () => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onChunk(chunk);
      done(null, chunk);
    },
    flush(done) {
      onEnd?.();
      done();
    },
  });
}

function isDirectorySync(name: string): boolean {
  try {
    return lstatSync(name).isDirectory();
  } catch {
    return false;
  }
}
