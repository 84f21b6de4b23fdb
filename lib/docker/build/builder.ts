// A build from the page, with the builder the person chose or the engine's default (BuildKit where the
// engine says so): the context is packed, the builder's run streams its steps, and then — the same for
// both builders — why the cache broke (against the previous build with the same builder, first tag and
// target), a record for the next build, and a summary.
import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildEvent, BuildOptions, BuilderKind } from '@/lib/api/build';
import { builderFacts } from '@/lib/docker/build/builders';
import { runBuildKit } from '@/lib/docker/build/buildkit-build';
import { cacheBreak, type BuildRecord } from '@/lib/docker/build/cache-report';
import { runClassicBuild } from '@/lib/docker/build/classic-build';
import { packContext, type BuildUpload } from '@/lib/docker/build/context';
import { previousBuild, rememberBuild } from '@/lib/docker/build/records';
import { engine, getConnection } from '@/lib/docker/engine/client';
import { invalidateImages } from '@/lib/docker/images/list';

const MAX_DOCKERFILE_BYTES = 1024 * 1024;

export async function* build(upload: BuildUpload, options: BuildOptions, signal: AbortSignal): AsyncGenerator<BuildEvent> {
  const started = Date.now();
  const [{ apiVersion }, facts] = await Promise.all([getConnection(), builderFacts()]);
  const kind: BuilderKind = options.builder ?? facts.default;
  if (!facts.available.includes(kind)) {
    yield { kind: 'error', code: 'invalid_input', step: null, message: 'This engine has no BuildKit: build with the classic builder.' };
    return;
  }
  const builder = `${kind === 'buildkit' ? 'BuildKit' : 'classic builder'} (Engine API ${apiVersion})`;
  const noNetwork = kind === 'buildkit' && !facts.bridge;
  const context = await packContext(upload.dir, options.dockerfilePath, upload.dockerfile);
  const dockerfile = upload.dockerfile ?? (await readDockerfile(upload.dir, options.dockerfilePath));
  const tags = options.tags.map((tag) => tag.familiar);
  yield { kind: 'context', bytes: 0, files: upload.received, ignored: 0, builder };

  const runner = kind === 'buildkit' ? runBuildKit : runClassicBuild;
  let run;
  try {
    run = yield* runner({ context, options, tags, dockerfile, noNetwork, signal });
  } finally {
    invalidateImages();
  }
  if (!run || signal.aborted) return;
  for (const step of run.steps) yield { kind: 'step', step: { ...step, output: [] } };

  // The previous build of the same image, target and builder: the two builders count steps differently.
  const key = [kind, tags[0] ?? `untagged:${options.dockerfilePath}`, options.target].filter(Boolean).join(' ');
  const current: BuildRecord = { ...run.record, files: context.stats.hashes, buildArgs: options.buildArgs };
  const breakInfo = cacheBreak(run.steps, current, await previousBuild(key), options.noCache);
  if (breakInfo) {
    for (const step of run.steps) {
      if (step.number === breakInfo.step) step.cacheReason = breakInfo.reason;
      else if (breakInfo.rebuilt.includes(step.number))
        step.cacheReason = `Rebuilt because an earlier step (${breakInfo.step}) was rebuilt: each layer's cache key includes the layer below it.`;
      if (step.cacheReason) yield { kind: 'step', step: { ...step, output: [] } };
    }
  }
  if (!run.failure) await rememberBuild(key, current);

  const finalId = run.finalId;
  const fullId =
    finalId && !run.failure
      ? await engine((docker) => docker.getImage(finalId).inspect()).then(
          (image) => image.Id,
          () => finalId,
        )
      : null;
  const count = (status: string) => run.steps.filter((step) => step.status === status).length;
  yield {
    kind: 'done',
    summary: {
      builder,
      builderKind: kind,
      networkNote: noNetwork
        ? 'RUN steps had no network: this engine has no bridge network, so the build ran with networkmode=none.'
        : null,
      imageId: fullId,
      tags: run.failure ? [] : run.tags,
      steps: run.steps.length,
      cached: count('cached'),
      built: count('built'),
      skipped: count('skipped'),
      cacheBreak: breakInfo,
      contextBytes: context.stats.bytes,
      contextFiles: context.stats.files,
      ignoredFiles: context.stats.ignored,
      durationMs: Date.now() - started,
    },
  };
}

/** The Dockerfile from the context (the page sent no text of its own); its path was checked to stay inside. */
async function readDockerfile(dir: string, dockerfilePath: string): Promise<string> {
  const text = await readFile(path.join(dir, dockerfilePath), 'utf8').catch(() => '');
  return text.slice(0, MAX_DOCKERFILE_BYTES);
}
