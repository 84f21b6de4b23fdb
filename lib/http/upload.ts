// The start of every upload route (after the screen `handle(…, { upload: true })` runs, see
// lib/security/guard.ts): the declared size, and the upload's body as a Node stream with a byte limit.
import 'server-only';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { batchChunks } from '@/lib/http/batch-chunks';
import { StrataError } from '@/lib/api/errors';
import { limitUpload } from '@/lib/http/upload-limits';

const ARCHIVE_TYPES = [
  'application/x-tar',
  'application/tar',
  'application/octet-stream',
  'application/gzip',
  'application/x-gzip',
  'application/x-bzip2',
  'application/x-xz',
];

/** A raw archive body (load, import), counted against the upload limit as it streams. */
export function archiveBody(req: Request): Readable {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!ARCHIVE_TYPES.includes(type)) {
    throw new StrataError(
      'invalid_input',
      'Send the archive itself as the body, with Content-Type: application/x-tar (or application/octet-stream).',
    );
  }
  if (!req.body) throw new StrataError('invalid_input', 'The request has no archive in its body.');
  const limit = limitUpload();
  const source = Readable.fromWeb(req.body as unknown as NodeWebStream<Uint8Array>);
  const batched = batchChunks();
  source.on('error', (error) => batched.destroy(error));
  batched.on('error', (error) => limit.destroy(error));
  return source.pipe(batched).pipe(limit);
}

/** When an upload fails, its own cause (too large, cut off) explains it better than the engine's. */
export function uploadFailure(body: Readable, error: unknown): unknown {
  return body.errored instanceof StrataError ? body.errored : error;
}
