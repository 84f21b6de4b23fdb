import { handle } from '@/lib/http/handle';
import { ndjsonResponse } from '@/lib/http/ndjson';
import { imageRefParam } from '@/lib/api/references';
import { StrataError } from '@/lib/api/errors';
import type { AnalysisEvent } from '@/lib/api/analysis';
import { analyseImage } from '@/lib/docker/analysis/analyse';
import { platformOf, type PlatformSpec } from '@/lib/api/platform';
import { choosePlatform } from '@/lib/docker/images/platform-choice';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function* withErrors(ref: string, signal: AbortSignal, platform: PlatformSpec | null): AsyncGenerator<AnalysisEvent> {
  try {
    yield* analyseImage(ref, signal, platform);
  } catch (error) {
    yield error instanceof StrataError
      ? { kind: 'error', code: error.code, message: error.message }
      : { kind: 'error', code: 'internal', message: 'The analysis failed.' };
  }
}

/** NDJSON: progress lines while the export streams, then the result (or an error line). */
export const GET = handle<{ ref: string }>(async (req, { params }) => {
  const ref = imageRefParam.parse((await params).ref);
  const platform = platformOf(req);
  // An unknown image (or a platform it lacks, or holds no content of) is a plain 4xx, before any stream starts.
  await choosePlatform(ref, platform);
  return ndjsonResponse(req, (signal) => withErrors(ref, signal, platform));
});
