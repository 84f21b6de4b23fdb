// POST /api/images/load (body: an image archive from `docker save`) → the engine's output as JSON lines,
// ending with the loaded tags. A file that is not an image archive is a 400 before anything streams.
import { handle } from '@/lib/api/handle';
import { ndjsonResponse } from '@/lib/api/ndjson';
import { archiveBody, uploadFailure } from '@/lib/api/upload';
import { checkDeclaredLength } from '@/lib/build/upload-limits';
import { loadArchive } from '@/lib/docker/archives';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(async (req) => {
  checkDeclaredLength(req);
  const body = archiveBody(req);
  const controller = new AbortController();
  req.signal.addEventListener('abort', () => controller.abort());
  const events = await loadArchive(body, controller.signal).catch((error: unknown) => {
    throw uploadFailure(body, error);
  });
  return ndjsonResponse(req, async function* () {
    yield* events;
  });
}, { upload: true });
