// One file of an image, as the filesystem shows it at one layer, streamed out of the export: the path
// is resolved over the cached layer entries first (whiteouts, opaque folders, symlinks, hard links),
// then the export is read only up to the member that holds it, and closed as soon as the file is sent.
// The bytes are checked against the hash the analysis recorded: the last chunk is held back until
// the hash matches, so a wrong file never arrives whole.
import 'server-only';
import { createHash } from 'node:crypto';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { StrataError } from '@/lib/api/errors';
import { FILE_DOWNLOAD_LIMIT } from '@/lib/api/packages';
import type { PlatformSpec } from '@/lib/api/platform';
import { LayerFilesystem } from '@/lib/analysis/resolve-path';
import { imageLayers } from '@/lib/docker/analysis/analyse';
import { blobsOf, rememberBlob } from '@/lib/docker/analysis/blob-names';
import { layerTar, parseExport } from '@/lib/docker/analysis/layer-files';
import { openExport } from '@/lib/docker/images/platform-export';

export interface LayerFile {
  /** The path asked for, and the one its bytes come from after symlinks. */
  path: string;
  resolvedPath: string;
  /** 1-based position of the layer whose tar holds the bytes. */
  layer: number;
  size: number;
  body: Readable;
  /** Bytes of the export read so far (the export is closed once the file is sent). */
  exportBytes: () => number;
}

const normalize = (name: string) => name.replace(/^\.\//, '').replace(/\/+$/, '');

export async function openLayerFile(
  ref: string,
  diffId: string,
  path: string,
  wanted: PlatformSpec | null,
  signal: AbortSignal,
): Promise<LayerFile> {
  const { choice, diffIds, layers } = await imageLayers(ref, signal, wanted);
  const position = diffIds.indexOf(diffId) + 1;
  if (position === 0) throw new StrataError('not_found', `Layer ${diffId} is not part of ${ref}.`);
  const resolved = new LayerFilesystem(layers.slice(0, position).map((layer) => layer.entries)).resolve(path);
  if (resolved.kind === 'directory') throw new StrataError('invalid_input', `/${path} is a folder, not a file: open a file in it.`);
  if (resolved.kind === 'missing') {
    const why =
      resolved.reason === 'deleted'
        ? `was deleted by layer ${position} or one below it`
        : resolved.reason === 'loop'
          ? 'is a loop of symbolic links'
          : resolved.reason === 'not-a-file'
            ? 'is not a regular file'
            : 'is not in the image';
    throw new StrataError('not_found', `/${resolved.path} ${why} (as of layer ${position}).`);
  }
  if (resolved.size > FILE_DOWNLOAD_LIMIT)
    throw new StrataError('too_large', `/${resolved.path} is ${resolved.size} bytes; files up to ${FILE_DOWNLOAD_LIMIT} bytes are sent.`);
  const holder = diffIds[resolved.layer]!;
  const expected = layers[resolved.layer]!.entries.find((entry) => entry.path === resolved.memberPath)?.hash ?? null;
  const name = choice.query.platform ? ref : choice.raw.Id;
  let members = await blobsOf(holder);
  if (members.size === 0) {
    // This image's layers were analysed through another image: learn which member is which, once.
    const archive = await openExport(name, choice.query);
    try {
      await parseExport(archive, new Set([holder]), undefined, rememberBlob);
    } finally {
      archive.destroy();
    }
    members = await blobsOf(holder);
  }
  if (members.size === 0) throw new StrataError('upstream_failed', `The engine’s export of ${ref} has no layer ${holder}.`);
  const body = await streamMember(await openExport(name, choice.query), members, resolved.memberPath, expected, signal);
  return { path, resolvedPath: resolved.path, layer: resolved.layer + 1, size: resolved.size, ...body };
}

/** Holds the last chunk back until the bytes hash to `expected` (when the analysis recorded one). */
function verified(expected: string | null): Transform {
  const hash = createHash('sha256');
  let held: Buffer | null = null;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      if (held) this.push(held);
      held = chunk;
      done();
    },
    flush(done) {
      if (expected && hash.digest('hex') !== expected) return done(new Error('The file’s bytes differ from what the analysis read.'));
      if (held) this.push(held);
      done();
    },
  });
}

function streamMember(
  archive: Readable,
  members: ReadonlySet<string>,
  memberPath: string,
  expected: string | null,
  signal: AbortSignal,
): Promise<Omit<LayerFile, 'path' | 'resolvedPath' | 'layer' | 'size'>> {
  let bytes = 0;
  archive.on('data', (chunk: Buffer) => (bytes += chunk.length));
  const stop = () => archive.destroy();
  signal.addEventListener('abort', stop, { once: true });
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      stop();
      reject(
        error instanceof StrataError
          ? error
          : new StrataError('upstream_failed', `Reading the file from the export failed: ${String(error)}`),
      );
    };
    const outer = extract();
    outer.on('entry', (header, member, next) => {
      if (!members.has(header.name)) {
        member.on('end', () => next());
        member.resume();
        return;
      }
      layerTar(member as unknown as Readable).then((tar) => {
        if (!tar) return next();
        const inner = extract();
        let sent = false;
        inner.on('entry', (file, content, nextFile) => {
          if (sent || normalize(file.name) !== memberPath || (file.type !== 'file' && file.type !== 'contiguous-file')) {
            content.on('end', () => nextFile());
            content.resume();
            return;
          }
          sent = true;
          const out = new PassThrough();
          const check = verified(expected);
          content.pipe(check).pipe(out);
          check.on('error', (error) => out.destroy(error));
          // The file is all that was wanted: close the export as soon as its last byte is out.
          out.on('end', stop);
          out.on('close', () => {
            stop();
            signal.removeEventListener('abort', stop);
          });
          resolve({ body: out, exportBytes: () => bytes });
        });
        inner.on('finish', () => {
          if (!sent) fail(new StrataError('upstream_failed', `Layer member ${header.name} has no ${memberPath}.`));
        });
        inner.on('error', fail);
        tar.pipe(inner);
      }, fail);
    });
    outer.on('finish', () => fail(new StrataError('upstream_failed', 'The export ended before the file was found.')));
    outer.on('error', fail);
    archive.on('error', (error) => {
      if (!signal.aborted) fail(error);
    });
    archive.pipe(outer);
  });
}
