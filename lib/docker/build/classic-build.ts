// The engine's classic builder (`POST /build?version=1`, what dockerode's buildImage drives): its JSON
// stream read step by step (lib/docker/build/output-reader.ts), then each step's layer from the history.
// Closing the stream (the page's Cancel, or the tab going away) aborts the request, and the engine then
// stops the build and removes its intermediate container.
import 'server-only';
import type { BuildStep } from '@/lib/api/build';
import { BuildOutputReader, type RawBuildLine } from '@/lib/docker/build/output-reader';
import type { BuilderRunner } from '@/lib/docker/build/run';
import { startEngineBuild } from '@/lib/docker/build/engine-build';
import { engine } from '@/lib/docker/engine/client';
import { jsonLines } from '@/lib/docker/engine/json-lines';

export const runClassicBuild: BuilderRunner = async function* (input) {
  const stream = yield* startEngineBuild(input, { version: '1', rm: true, forcerm: true });
  if (!stream) return null;
  const reader = new BuildOutputReader();
  const stop = () => stream.destroy();
  input.signal.addEventListener('abort', stop);
  try {
    // A line that is not JSON is still something the build printed.
    for await (const raw of jsonLines<RawBuildLine>(stream, (line) => ({ stream: `${line}\n` }))) yield* reader.push(raw);
    yield* reader.finish();
  } finally {
    input.signal.removeEventListener('abort', stop);
    stream.destroy();
  }
  if (input.signal.aborted) return null;
  await addLayerFacts(reader.steps);
  return {
    steps: reader.steps,
    finalId: reader.finalId,
    tags: reader.tags,
    failure: reader.failure,
    record: { steps: reader.steps.map((step) => ({ instruction: step.instruction })) },
  };
};

/** Each step's layer size, from the history of the last image the build produced. */
async function addLayerFacts(steps: BuildStep[]): Promise<void> {
  const last = [...steps].reverse().find((step) => step.imageId);
  if (!last?.imageId) return;
  const history = await engine((docker) => docker.getImage(last.imageId as string).history()).catch(
    () => [] as { Id: string; Size: number }[],
  );
  for (const step of steps) {
    if (!step.imageId || step.status === 'base') continue;
    const entry = (history as { Id: string; Size: number }[]).find((item) =>
      item.Id.replace(/^sha256:/, '').startsWith(step.imageId as string),
    );
    if (!entry) continue;
    step.layerSize = entry.Size;
    // The classic builder commits a layer for RUN, COPY and ADD only; the rest change the config.
    step.emptyLayer = !/^(RUN|COPY|ADD)\b/i.test(step.instruction);
  }
}
