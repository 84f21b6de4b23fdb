// BuildKit through the engine (`POST /build?version=2`, no client session: the engine reads the context
// from the request body). Progress comes as `moby.buildkit.trace` lines whose `aux` is a protobuf
// StatusResponse (lib/docker/build/buildkit/status-proto.ts), the image as a `moby.image.id` line, a
// failure as an `errorDetail` line. Closing the request (Cancel) makes the engine cancel the solve.
import 'server-only';
import type { BuildStep } from '@/lib/api/build';
import { decodeStatus } from '@/lib/docker/build/buildkit/status-proto';
import { planSteps } from '@/lib/docker/build/buildkit/step-plan';
import { BuildKitTraceReader } from '@/lib/docker/build/buildkit/trace-reader';
import { startEngineBuild } from '@/lib/docker/build/engine-build';
import type { BuilderRunner } from '@/lib/docker/build/run';
import { engine } from '@/lib/docker/engine/client';
import { jsonLines } from '@/lib/docker/engine/json-lines';
import { buildModel } from '@/lib/dockerfile/model';

interface RawBuildKitLine {
  id?: string;
  aux?: unknown;
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

export const runBuildKit: BuilderRunner = async function* (input) {
  const plan = planSteps(input.dockerfile);
  const reader = new BuildKitTraceReader(plan);
  const stream = yield* startEngineBuild(input, { version: '2' });
  if (!stream) return null;
  yield* reader.start();
  const stop = () => stream.destroy();
  input.signal.addEventListener('abort', stop);
  try {
    for await (const raw of jsonLines<RawBuildKitLine>(stream, () => ({}))) {
      if (raw.id === 'moby.buildkit.trace' && typeof raw.aux === 'string') {
        let update;
        try {
          update = decodeStatus(raw.aux);
        } catch {
          continue; // a message this BuildKit writes that Strata cannot read: the next one carries on
        }
        yield* reader.push(update);
      } else if (raw.id === 'moby.image.id') reader.finalId = (raw.aux as { ID?: string } | undefined)?.ID ?? null;
      else if (raw.errorDetail || raw.error) yield* reader.fail(raw.errorDetail?.message ?? raw.error ?? 'The build failed.');
    }
    yield* reader.finish();
  } finally {
    input.signal.removeEventListener('abort', stop);
    stream.destroy();
  }
  if (input.signal.aborted) return null;
  if (reader.finalId && !reader.failure) await addLayerSizes(reader.steps, reader.finalId, input.dockerfile, input.options.target);
  const bases: Record<string, string> = {};
  for (const step of reader.steps)
    if (/^FROM\s/i.test(step.instruction) && step.status === 'base') bases[step.stage ?? ''] = step.instruction;
  return {
    steps: reader.steps,
    finalId: reader.finalId,
    tags: reader.failure ? [] : input.tags,
    failure: reader.failure,
    record: { steps: plan.map((planned) => ({ instruction: planned.instruction })), bases },
  };
};

const LAYER_STEP = /^(RUN|COPY|ADD|WORKDIR)\b/i;

/**
 * Each shipped step's layer, from the image's history: BuildKit writes one entry per instruction
 * (`RUN /bin/sh -c … # buildkit`, `COPY a /b/ # buildkit`, `WORKDIR /app`, and 0-byte ENV, LABEL …), newest
 * first, so the shipped steps are matched from the last one back, each to the next entry of its keyword.
 */
async function addLayerSizes(steps: BuildStep[], imageId: string, dockerfile: string, target: string | undefined): Promise<void> {
  const history = (await engine((docker) => docker.getImage(imageId).history()).catch(() => [])) as { CreatedBy?: string; Size: number }[];
  const { built, stages } = buildModel(dockerfile, { target });
  const multiStage = stages.length > 1;
  const labels = [...built].reverse().map((stage) => (multiStage ? (stage.name ?? `stage-${stage.index}`) : ''));
  const shipped = labels.flatMap((label) => steps.filter((step) => (step.stage ?? '') === label && LAYER_STEP.test(step.instruction)));
  let entry = 0;
  for (const step of shipped.reverse()) {
    const keyword = step.instruction.split(/\s/, 1)[0]?.toUpperCase() ?? '';
    while (entry < history.length && !(history[entry]?.CreatedBy ?? '').trim().toUpperCase().startsWith(keyword)) entry++;
    const found = history[entry];
    if (!found) return;
    step.layerSize = found.Size;
    step.emptyLayer = false;
    entry++;
  }
}
