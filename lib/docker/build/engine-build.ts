// Starts `POST /build` for either builder with the options both share; a refusal becomes the build's
// error event. A build lasts as long as its steps do: no limit but the person's Cancel.
import 'server-only';
import type { Readable } from 'node:stream';
import type { BuildEvent } from '@/lib/api/build';
import type { BuilderInput } from '@/lib/docker/build/run';
import { engine, translateEngineError } from '@/lib/docker/engine/client';

export async function* startEngineBuild(input: BuilderInput, extra: Record<string, unknown>): AsyncGenerator<BuildEvent, Readable | null> {
  const { context, options, tags, signal } = input;
  try {
    return (await engine(
      (docker) =>
        docker.buildImage(
          context.stream as unknown as NodeJS.ReadableStream,
          {
            t: tags,
            dockerfile: options.dockerfilePath,
            buildargs: options.buildArgs,
            ...(options.target ? { target: options.target } : {}),
            nocache: options.noCache,
            ...(input.noNetwork ? { networkmode: 'none' } : {}),
            ...extra,
            abortSignal: signal,
          } as unknown as Parameters<typeof docker.buildImage>[1],
        ),
      { stream: true },
    )) as unknown as Readable;
  } catch (error) {
    context.stream.destroy();
    const refused = translateEngineError(error);
    yield { kind: 'error', code: refused.code, step: null, message: refused.message };
    return null;
  }
}
