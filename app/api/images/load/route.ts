// POST /api/images/load (body: an image archive from `docker save`) → the engine's output as JSON lines,
// ending with the loaded tags. A file that is not an image archive is a 400 before anything streams.
import { handle } from '@/lib/http/handle';
import { ndjsonResponse } from '@/lib/http/ndjson';
import { archiveBody, uploadFailure } from '@/lib/http/upload';
import { archiveTagGate } from '@/lib/docker/transfer/archive-tags';
import { checkDeclaredLength } from '@/lib/http/upload-limits';
import { loadArchive } from '@/lib/docker/transfer/archives';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(
  async (req) => {
    checkDeclaredLength(req);
    const controller = new AbortController();
    req.signal.addEventListener('abort', () => controller.abort());
    // A bad tag stops the upload before the engine has it whole, so the engine keeps nothing.
    const gate = archiveTagGate();
    const body = archiveBody(req);
    body.on('error', (error) => gate.destroy(error));
    gate.on('error', () => controller.abort());
    const events = await loadArchive(body.pipe(gate), controller.signal).catch((error: unknown) => {
      throw gate.problem ?? uploadFailure(body, error);
    });
    return ndjsonResponse(req, async function* () {
      yield* events;
    });
  },
  { upload: true },
);
