// Pull and push with live progress. The engine streams NDJSON; each line is mapped (lib/docker/transfer/progress)
// and handed on. Closing the stream (the browser went away, or pressed Cancel) closes the engine's
// request, which stops the transfer on the engine's side.
import 'server-only';
import type { Readable } from 'node:stream';
import type { TransferEvent } from '@/lib/api/transfer';
import { StrataError } from '@/lib/api/errors';
import { platformString, type PlatformSpec } from '@/lib/api/platform';
import { engine } from '@/lib/docker/engine/client';
import { invalidateImages } from '@/lib/docker/images/list';
import { forgetRepository } from '@/lib/registries/tags';
import { forgetUpdate } from '@/lib/registries/updates';
import { jsonLines } from '@/lib/docker/engine/json-lines';
import { pulledPlatformNote } from '@/lib/docker/transfer/pull-platform';
import { explainTransferError, mapProgress, type RawProgress } from '@/lib/docker/transfer/progress';
import { familiarRepository, type ParsedReference } from '@/lib/reference';
import { authConfigFor } from '@/lib/registries/store';

async function* relay(stream: Readable, signal: AbortSignal): AsyncGenerator<TransferEvent, string | null> {
  const stop = () => stream.destroy();
  signal.addEventListener('abort', stop);
  let digest: string | null = null;
  try {
    for await (const raw of jsonLines<RawProgress>(stream)) {
      const event = mapProgress(raw);
      if (!event) continue;
      if (event.kind === 'error') {
        yield { kind: 'error', ...explainTransferError(event.message) };
        return null;
      }
      if (event.kind === 'digest') digest = event.digest;
      yield event;
    }
  } catch (error) {
    // We destroyed the stream because the browser left: an ending, not a failure to log.
    if (signal.aborted) return null;
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
    stream.destroy();
  }
  return digest ?? '';
}

function engineRef(ref: ParsedReference): string {
  const repo = familiarRepository(ref.domain, ref.path);
  return ref.digest ? `${repo}@${ref.digest}` : `${repo}:${ref.tag ?? 'latest'}`;
}

/**
 * The transfer did not start: the registry's failure as the engine passed it on, or the engine's own
 * (unreachable, timed out), whose code stands whatever its words resemble.
 */
function failure(error: unknown): TransferEvent {
  if (!(error instanceof StrataError)) return { kind: 'error', code: 'internal', message: 'The transfer failed.' };
  const explained = explainTransferError(error.message.replace(/^The Docker engine reported an error: /, ''), error.code);
  const engineDown = error.code === 'engine_unreachable' || error.code === 'engine_timeout';
  return { kind: 'error', code: engineDown ? error.code : explained.code, message: explained.message };
}

/** `platform`: pull only that platform (the engine's `platform` query on POST /images/create, `os/arch[/variant]`). */
export async function* pull(
  ref: ParsedReference,
  signal: AbortSignal,
  platform: PlatformSpec | null = null,
): AsyncGenerator<TransferEvent> {
  const name = engineRef(ref);
  let stream: Readable;
  try {
    const authconfig = await authConfigFor(ref.domain);
    const options = { authconfig, ...(platform ? { platform: platformString(platform) } : {}) };
    stream = (await engine((docker) => docker.pull(name, options), { stream: true })) as unknown as Readable;
  } catch (error) {
    yield failure(error);
    return;
  }
  const result = yield* relay(stream, signal);
  invalidateImages();
  if (result === null || signal.aborted) return;
  const note = platform ? await pulledPlatformNote(name, platform) : null;
  if (note) yield { kind: 'status', message: note };
  const imageId = await engine((docker) => docker.getImage(name).inspect()).then(
    (image) => (image as { Id: string }).Id,
    () => null,
  );
  yield { kind: 'done', ref: name, digest: result || null, imageId };
}

export async function* push(ref: ParsedReference, signal: AbortSignal): AsyncGenerator<TransferEvent> {
  const repo = familiarRepository(ref.domain, ref.path);
  const tag = ref.tag ?? 'latest';
  let stream: Readable;
  try {
    // Without an X-Registry-Auth header, Engine 1.41 refuses a push: anonymous is `{}`.
    const authconfig = await authConfigFor(ref.domain);
    stream = (await engine((docker) => docker.getImage(repo).push({ tag, authconfig }), { stream: true })) as unknown as Readable;
  } catch (error) {
    yield failure(error);
    return;
  }
  const result = yield* relay(stream, signal);
  // What the registry's tag points at has changed: the update check asks again.
  forgetUpdate(ref.domain, ref.path, tag);
  forgetRepository(ref.domain, ref.path);
  if (result === null || signal.aborted) return;
  yield { kind: 'done', ref: `${repo}:${tag}`, digest: result || null, imageId: null };
}
