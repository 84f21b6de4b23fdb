// Copy an image to another engine: engine A's `docker save` streamed straight into engine B's
// `docker load`, as `docker save | docker -c B load` does. Nothing is held in memory beyond the
// stream's own buffers or written to disk; the tags travel in the archive; Cancel stops both ends.
import 'server-only';
import { Transform, type Readable } from 'node:stream';
import type { CopyEvent } from '@/lib/api/engines';
import { StrataError } from '@/lib/api/errors';
import { engine } from '@/lib/docker/engine/client';
import { jsonLines } from '@/lib/docker/engine/json-lines';
import { engineSpec } from '@/lib/docker/engine/engines';
import { activeEngine, onEngine } from '@/lib/docker/engine/scope';
import { imageWrite } from '@/lib/docker/engine/write-lock';
import { inspectImage, invalidateImages } from '@/lib/docker/images/list';
import { saveImages, toLoadEvent, type RawLoadLine } from '@/lib/docker/transfer/archives';

const PROGRESS_MS = 250;

export interface CopyPlan {
  from: string;
  to: string;
  /** The image's tags (so the copy has them too), or its ID when it has none. */
  names: string[];
}

/** Checks both ends before any byte moves: the image exists here, the other engine is another one. */
export async function planCopy(ref: string, to: string): Promise<CopyPlan> {
  const from = activeEngine().name;
  if (to === from) throw new StrataError('invalid_input', `The image is already on engine "${from}": choose another engine to copy it to.`);
  engineSpec(to); // an unknown engine is a 404 now, before anything starts
  const image = await inspectImage(ref);
  const tags = (image.RepoTags ?? []).filter((tag) => tag && tag !== '<none>:<none>');
  return { from, to, names: tags.length > 0 ? tags : [image.Id] };
}

/** Counts the bytes going by, without holding them. */
function byteCounter(): { tap: Transform; bytes: () => number } {
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { tap, bytes: () => bytes };
}

/** Events pushed by the copy's work and pulled by the response: the work runs in its own engine's scope. */
function channel<T>() {
  const queued: T[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  const poke = () => {
    wake?.();
    wake = null;
  };
  return {
    push(item: T) {
      queued.push(item);
      poke();
    },
    close() {
      closed = true;
      poke();
    },
    async *drain(): AsyncGenerator<T> {
      for (;;) {
        while (queued.length > 0) yield queued.shift()!;
        if (closed) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

export async function* copyImage(plan: CopyPlan, signal: AbortSignal): AsyncGenerator<CopyEvent> {
  const source = await onEngine(plan.from, () => saveImages(plan.names));
  const counter = byteCounter();
  const archive = source.stream.pipe(counter.tap);
  source.stream.on('error', (error) => archive.destroy(error));
  const stop = () => {
    source.stream.destroy();
    archive.destroy();
  };
  // Cancelled while the save was starting: the listener below would never hear it.
  if (signal.aborted) {
    stop();
    return;
  }
  signal.addEventListener('abort', stop, { once: true });
  const events = channel<CopyEvent>();
  events.push({ kind: 'start', from: plan.from, to: plan.to, names: plan.names, estimatedBytes: source.estimatedBytes });
  const progress = () => events.push({ kind: 'progress', bytes: counter.bytes(), estimatedBytes: source.estimatedBytes });
  const ticker = setInterval(progress, PROGRESS_MS);
  // The destination takes it as any other image write there: refused while a prune runs on it.
  void onEngine(plan.to, () => imageWrite(() => loadInto(archive, signal, events.push)))
    .then((loaded) => {
      progress();
      if (loaded) events.push({ kind: 'done', loaded, bytes: counter.bytes() });
    })
    .catch((cause: unknown) => {
      const error =
        cause instanceof StrataError ? cause : new StrataError('internal', 'The copy failed on the server; its log has the details.');
      if (error.code === 'internal') console.error('[strata] copy failed', cause);
      if (!signal.aborted) events.push({ kind: 'error', code: error.code, message: error.message });
    })
    .finally(() => {
      clearInterval(ticker);
      signal.removeEventListener('abort', stop);
      stop();
      events.close();
    });
  try {
    yield* events.drain();
  } finally {
    // The reader went away (the response was cancelled): both ends stop, whatever the signal said.
    stop();
  }
}

/** The load side, on the destination engine: its lines as events; the names loaded, or null after an error line. */
async function loadInto(archive: Readable, signal: AbortSignal, push: (event: CopyEvent) => void): Promise<string[] | null> {
  const loaded: string[] = [];
  try {
    const response = (await engine(
      (docker) => docker.loadImage(archive as unknown as NodeJS.ReadableStream, { quiet: false, abortSignal: signal } as unknown as object),
      { stream: true },
    )) as unknown as Readable;
    for await (const raw of jsonLines<RawLoadLine>(response)) {
      const event = toLoadEvent(raw, loaded);
      if (event?.kind === 'error') {
        push({ kind: 'error', code: 'upstream_failed', message: event.message });
        return null;
      }
      if (event?.kind === 'output') push(event);
    }
    return loaded;
  } finally {
    invalidateImages();
  }
}
