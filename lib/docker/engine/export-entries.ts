// Reading an image export (`docker save`) as it streams: the small entries a reader wants (manifests,
// configs) are read whole, layer bodies are drained as they pass, never held in memory or written to
// disk. The stream is closed as soon as the reader has its answer, on any error, and after a time limit
// (a huge image on a slow disk must not hold a request forever).
import 'server-only';
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';

/** One file entry of the export; `body` only for the entries the reader asked to keep. */
export interface ExportEntry {
  name: string;
  size: number;
  body: Buffer | null;
}

export interface ReadExportOptions<T> {
  timeoutMs: number;
  /** Which file entries to read whole; every other one is drained unread (and still passed to onEntry). */
  keep(name: string, size: number): boolean;
  /** Each file entry in archive order; an answer other than undefined ends the read with it. */
  onEntry(entry: ExportEntry): T | undefined;
  /** The answer when the archive ends without onEntry having given one. */
  atEnd(): T;
}

async function readWhole(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Follows an export stream to the reader's answer; rejects on a stream error or the time limit. Closes the stream. */
export function readExportEntries<T>(archive: Readable, { timeoutMs, keep, onEntry, atEnd }: ReadExportOptions<T>): Promise<T> {
  const tar = extract();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(new Error('reading the image export took too long')), timeoutMs);
    const close = () => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      archive.unpipe(tar);
      archive.destroy();
      tar.destroy();
      return true;
    };
    const done = (value: T) => close() && resolve(value);
    const fail = (error: unknown) => close() && reject(error);

    tar.on('entry', (header, stream, next) => {
      const name = header.name;
      const size = header.size ?? 0;
      const answer = (body: Buffer | null) => {
        try {
          const value = onEntry({ name, size, body });
          if (value !== undefined) return done(value);
        } catch (error) {
          return fail(error);
        }
        next();
      };
      if (header.type === 'file' && keep(name, size)) {
        readWhole(stream).then(answer, fail);
        return;
      }
      stream.on('end', () => (header.type === 'file' ? answer(null) : next()));
      stream.resume();
    });
    tar.on('finish', () => {
      try {
        done(atEnd());
      } catch (error) {
        fail(error);
      }
    });
    tar.on('error', fail);
    archive.on('error', fail);
    archive.pipe(tar);
  });
}
