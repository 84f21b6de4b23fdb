// POST /api/build (multipart: `dockerfile`, `options` JSON, and the context as `context` (.tar) or
// `files` (a folder's files, named by relative path)) → the build as a stream of JSON lines.
import { StrataError } from '@/lib/api/errors';
import { handle } from '@/lib/http/handle';
import { buildOptions } from '@/lib/api/build';
import { ndjsonResponse } from '@/lib/http/ndjson';
import { checkDeclaredLength } from '@/lib/http/upload-limits';
import { receiveBuildUpload } from '@/lib/docker/build/context';
import { build } from '@/lib/docker/build/builder';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

function parseOptions(raw: string | null) {
  let value: unknown = {};
  if (raw) {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new StrataError('invalid_input', 'The options field is not valid JSON.');
    }
  }
  return buildOptions.parse(value);
}

export const POST = handle(
  async (req) => {
    checkDeclaredLength(req);
    const upload = await receiveBuildUpload(req);
    try {
      const options = parseOptions(upload.options);
      if (upload.dockerfile !== null && upload.dockerfile.trim() === '') throw new StrataError('invalid_input', 'The Dockerfile is empty.');
      if (upload.dockerfile === null && upload.received === 0)
        throw new StrataError('invalid_input', 'Send a Dockerfile, a build context, or both.');
      return ndjsonResponse(req, async function* (signal) {
        try {
          yield* build(upload, options, signal);
        } finally {
          await upload.cleanup();
        }
      });
    } catch (error) {
      await upload.cleanup();
      throw error;
    }
  },
  { upload: true },
);
