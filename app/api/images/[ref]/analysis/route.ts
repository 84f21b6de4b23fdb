import { handle } from '@/lib/http/handle';
import { ndjsonResponse } from '@/lib/http/ndjson';
import { imageRefParam } from '@/lib/api/references';
import { StrataError } from '@/lib/api/errors';
import { analyseImage, type AnalysisEvent } from '@/lib/docker/analysis/analyse';
import { inspectImage } from '@/lib/docker/images/list';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function* withErrors(ref: string, signal: AbortSignal): AsyncGenerator<AnalysisEvent> {
  try {
    yield* analyseImage(ref, signal);
  } catch (error) {
    yield { kind: 'error', message: error instanceof StrataError ? error.message : 'The analysis failed.' };
  }
}

/** NDJSON: progress lines while the export streams, then the result (or an error line). */
export const GET = handle<{ ref: string }>(async (req, { params }) => {
  const ref = imageRefParam.parse((await params).ref);
  // An unknown image is a plain 404, before any stream starts.
  await inspectImage(ref);
  return ndjsonResponse(req, (signal) => withErrors(ref, signal));
});
