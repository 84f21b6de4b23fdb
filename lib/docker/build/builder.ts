// Builds with the engine's classic builder (`POST /build?version=1`, what dockerode's buildImage
// drives), step by step, with each step's cache outcome and — after the build — why the cache broke.
// Closing the stream (the page's Cancel, or the tab going away) aborts the request, and the engine
// then stops the build and removes its intermediate container.
import 'server-only';
import type { Readable } from 'node:stream';
import type { BuildEvent, BuildOptions, BuildStep } from '@/lib/api/build';
import { cacheBreak, type BuildRecord } from '@/lib/docker/build/cache-report';
import { packContext, type BuildUpload } from '@/lib/docker/build/context';
import { BuildOutputReader, type RawBuildLine } from '@/lib/docker/build/output-reader';
import { previousBuild, rememberBuild } from '@/lib/docker/build/records';
import { engine, getConnection } from '@/lib/docker/engine/client';
import { invalidateImages } from '@/lib/docker/images/list';
import { jsonLines } from '@/lib/docker/engine/json-lines';

export async function* build(upload: BuildUpload, options: BuildOptions, signal: AbortSignal): AsyncGenerator<BuildEvent> {
  const started = Date.now();
  const { apiVersion } = await getConnection();
  const builder = `classic builder (Engine API ${apiVersion})`;
  const context = await packContext(upload.dir, options.dockerfilePath, upload.dockerfile);
  const tags = options.tags.map((tag) => tag.familiar);
  yield { kind: 'context', bytes: 0, files: upload.received, ignored: 0, builder };

  let stream: Readable;
  try {
    stream = (await engine(
      (docker) =>
        docker.buildImage(
          context.stream as unknown as NodeJS.ReadableStream,
          {
            t: tags,
            dockerfile: options.dockerfilePath,
            buildargs: options.buildArgs,
            ...(options.target ? { target: options.target } : {}),
            nocache: options.noCache,
            rm: true,
            forcerm: true,
            // `1` is the classic builder; BuildKit (`2`) needs a session the API alone cannot provide.
            version: '1',
            abortSignal: signal,
          } as unknown as Parameters<typeof docker.buildImage>[1],
        ),
      // A build lasts as long as its steps do: no limit but the person's Cancel.
      { stream: true },
    )) as unknown as Readable;
  } catch (error) {
    context.stream.destroy();
    yield { kind: 'error', step: null, message: error instanceof Error ? error.message : 'The engine refused the build.' };
    return;
  }

  const reader = new BuildOutputReader();
  const stop = () => stream.destroy();
  signal.addEventListener('abort', stop);
  try {
    // A line that is not JSON is still something the build printed.
    for await (const raw of jsonLines<RawBuildLine>(stream, (line) => ({ stream: `${line}\n` }))) yield* reader.push(raw);
    yield* reader.finish();
  } finally {
    signal.removeEventListener('abort', stop);
    stream.destroy();
    invalidateImages();
  }
  if (signal.aborted) return;

  await addLayerFacts(reader.steps);
  for (const step of reader.steps) yield { kind: 'step', step: { ...step, output: [] } };

  const key = tags[0] ?? `untagged:${options.dockerfilePath}`;
  const current: BuildRecord = {
    steps: reader.steps.map((step) => ({ instruction: step.instruction })),
    files: context.stats.hashes,
    buildArgs: options.buildArgs,
  };
  const breakInfo = cacheBreak(reader.steps, current, await previousBuild(key), options.noCache);
  if (breakInfo) {
    for (const step of reader.steps) {
      if (step.number === breakInfo.step) step.cacheReason = breakInfo.reason;
      else if (breakInfo.rebuilt.includes(step.number))
        step.cacheReason = `Rebuilt because an earlier step (${breakInfo.step}) was rebuilt: each layer's cache key includes the layer below it.`;
      if (step.cacheReason) yield { kind: 'step', step: { ...step, output: [] } };
    }
  }
  if (!reader.failure) await rememberBuild(key, current);

  const fullId =
    reader.finalId && !reader.failure
      ? await engine((docker) => docker.getImage(reader.finalId as string).inspect()).then(
          (image) => image.Id,
          () => reader.finalId,
        )
      : null;
  yield {
    kind: 'done',
    summary: {
      builder,
      imageId: fullId,
      tags: reader.failure ? [] : reader.tags,
      steps: reader.steps.length,
      cached: reader.steps.filter((step) => step.status === 'cached').length,
      built: reader.steps.filter((step) => step.status === 'built').length,
      cacheBreak: breakInfo,
      contextBytes: context.stats.bytes,
      contextFiles: context.stats.files,
      ignoredFiles: context.stats.ignored,
      durationMs: Date.now() - started,
    },
  };
}

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
