// How much an upload (a build context, an image archive, a root filesystem) may be. Uploads stream
// to disk or to the engine, never into memory, so the limit guards the disk and the engine, not Node.
import 'server-only';
import { Transform } from 'node:stream';
import { StrataError } from '@/lib/api/errors';
import { formatBytes } from '@/lib/format';

const DEFAULT_LIMIT = 8 * 1024 ** 3;

export function uploadLimit(): number {
  const configured = Number(process.env.STRATA_UPLOAD_LIMIT_BYTES);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_LIMIT;
}

export function tooLarge(limit = uploadLimit()): StrataError {
  return new StrataError(
    'too_large',
    `The upload is larger than Strata accepts (${formatBytes(limit)}; set STRATA_UPLOAD_LIMIT_BYTES to change it).`,
  );
}

/** Refuses at once when the client says its body is too big; streams are counted as they arrive too. */
export function checkDeclaredLength(req: Request, limit = uploadLimit()): void {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > limit) throw tooLarge(limit);
}

/**
 * Counts an upload as it streams and stops it at the limit. Parts of one upload (the files of a folder)
 * pass a shared `tally`, so the limit is on the whole upload, not on each part.
 */
export function limitUpload(limit = uploadLimit(), tally = { bytes: 0 }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      tally.bytes += chunk.length;
      if (tally.bytes > limit) done(tooLarge(limit));
      else done(null, chunk);
    },
  });
}
