// `docker save`, `docker load` and `docker import` through the engine's own endpoints, streamed end to
// end: an archive goes from the engine to the browser (or from the browser to the engine) without ever
// being held whole in Strata's memory or written to its disk.
import 'server-only';
import type { Readable } from 'node:stream';
import type { ImportResult, LoadEvent } from '@/lib/api/build';
import { StrataError } from '@/lib/api/errors';
import { engine } from '@/lib/docker/engine/client';
import { imageIdOf, inspectImage, invalidateImages } from '@/lib/docker/images/list';
import { jsonLines } from '@/lib/docker/engine/json-lines';

export interface SaveSource {
  stream: Readable;
  /** The images' sizes added up: the archive is about this big (layers shared between them once). */
  estimatedBytes: number;
  names: string[];
}

/** Checks every image exists first (a clear 404 before any byte is sent), then opens the engine's tar. */
export async function saveImages(refs: string[]): Promise<SaveSource> {
  const inspected = await Promise.all(refs.map((ref) => inspectImage(ref)));
  // Inspect's own Size is what an archive holds on either store: the uncompressed layers on the classic
  // store, the content (compressed blobs as stored) on the containerd store.
  const estimatedBytes = inspected.reduce((sum, image) => sum + (image.Size ?? 0), 0);
  // A name keeps its tags in the archive (`docker load` restores them); an ID alone does not.
  const names = refs;
  const stream = (await engine(
    (docker) =>
      names.length === 1
        ? docker.getImage(names[0] as string).get()
        : // Several images in one archive: GET /images/get?names=…&names=… (dockerode's typings lack it).
          new Promise((resolve, reject) =>
            docker.modem.dial(
              {
                path: '/images/get?',
                method: 'GET',
                isStream: true,
                statusCodes: { 200: true, 404: 'not found', 500: 'server error' },
                options: { names },
              },
              (error: unknown, data: unknown) => (error ? reject(error) : resolve(data)),
            ),
          ),
    { stream: true },
  )) as unknown as Readable;
  return { stream, estimatedBytes, names };
}

export interface RawLoadLine {
  stream?: string;
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

/** Engine paths (its data root) say nothing useful to a user and something about the host: dropped. */
function cleanEngineMessage(message: string): string {
  // The containerd store wraps a tar error in the layer it was unpacking and the mount it used.
  const tarError = /archive\/tar: [^:]+$/.exec(message);
  if (tarError) return tarError[0];
  return message.replace(/(open|stat|lstat) \/\S+\/(docker-import-\d+|tmp)\/?/g, '$1 ').replace(/\/\S*\/docker-import-\d+\/?/g, '');
}

export function explainArchiveError(message: string, what: 'load' | 'import'): string {
  // The classic store looks for the legacy files by name; the containerd store finds no layout at all.
  if (/(repositories|manifest\.json|\/json|VERSION): no such file|unrecognized image format/.test(message)) {
    return 'This archive is not an image archive (it has no manifest.json or repositories file). A root filesystem tarball is brought in with Import, not Load.';
  }
  if (/invalid tar header|unexpected EOF|archive\/tar/.test(message)) {
    return `The file is not a valid tar archive${what === 'import' ? ' (tar, tar.gz, tar.bz2 or tar.xz)' : ''}: ${cleanEngineMessage(message)}.`;
  }
  return cleanEngineMessage(message);
}

export function toLoadEvent(raw: RawLoadLine, loaded: string[]): LoadEvent | null {
  if (raw.error || raw.errorDetail)
    return {
      kind: 'error',
      message: explainArchiveError(raw.errorDetail?.message ?? raw.error ?? 'The engine could not load the archive.', 'load'),
    };
  if (raw.stream) {
    const line = raw.stream.trim();
    const match = /^Loaded image(?: ID)?: (.+)$/.exec(line);
    if (match?.[1]) loaded.push(match[1]);
    return line ? { kind: 'output', line } : null;
  }
  if (raw.status && raw.progressDetail?.total)
    return {
      kind: 'progress',
      id: raw.id ?? '',
      status: raw.status,
      current: raw.progressDetail.current ?? 0,
      total: raw.progressDetail.total,
    };
  if (raw.status) return { kind: 'output', line: raw.status };
  return null;
}

/**
 * Sends an uploaded archive to the engine. Resolves once the engine has read it and said its first
 * word, so a malformed archive is a 400 rather than a stream that fails; the rest streams.
 */
export async function loadArchive(body: Readable, signal: AbortSignal): Promise<AsyncGenerator<LoadEvent>> {
  // The engine answers once it has read the whole archive: as long as the upload takes, so no limit.
  const stream = (await engine(
    (docker) => docker.loadImage(body as unknown as NodeJS.ReadableStream, { quiet: false, abortSignal: signal } as unknown as object),
    { stream: true },
  )) as unknown as Readable;
  const lines = jsonLines<RawLoadLine>(stream);
  const loaded: string[] = [];
  const first = await lines.next().catch((error: unknown) => {
    stream.destroy();
    throw error instanceof StrataError ? error : new StrataError('invalid_input', 'The engine could not read the archive.');
  });
  const firstEvent = first.done ? null : toLoadEvent(first.value, loaded);
  if (firstEvent?.kind === 'error') {
    stream.destroy();
    throw new StrataError('invalid_input', firstEvent.message);
  }
  return (async function* () {
    try {
      if (firstEvent) yield firstEvent;
      for await (const raw of lines) {
        const event = toLoadEvent(raw, loaded);
        if (event) yield event;
        if (event?.kind === 'error') return;
      }
      yield { kind: 'done', loaded };
    } finally {
      stream.destroy();
      invalidateImages();
    }
  })();
}

/**
 * A failed import must change nothing, but the containerd store (Docker 28) tags a half-made image with
 * the name before it finds the layer unreadable, and leaves it there. Remove that image and give the name
 * back to the image it named before, if any.
 */
async function undoFailedImport(name: string, before: string | null): Promise<void> {
  const now = await imageIdOf(name).catch(() => null);
  if (now === null || now === before) return;
  await engine((docker) => docker.getImage(name).remove({ force: true }));
  if (before) {
    const colon = name.lastIndexOf(':');
    await engine((docker) => docker.getImage(before).tag({ repo: name.slice(0, colon), tag: name.slice(colon + 1) }));
  }
}

/** `docker import`: a root filesystem tarball becomes a one-layer image, with optional config changes. */
export async function importRootfs(
  body: Readable,
  options: { repo?: string; tag?: string; message?: string; changes: string[] },
): Promise<ImportResult> {
  const query: Record<string, unknown> = { ...(options.repo ? { repo: options.repo, tag: options.tag ?? 'latest' } : {}) };
  if (options.message) query.message = options.message;
  if (options.changes.length > 0) query.changes = options.changes;
  const name = options.repo ? `${options.repo}:${options.tag ?? 'latest'}` : null;
  const before = name ? await imageIdOf(name) : null;
  const fail = async (error: unknown): Promise<never> => {
    if (name) await undoFailedImport(name, before).catch(() => undefined);
    invalidateImages();
    throw error;
  };
  let stream: Readable;
  try {
    stream = (await engine((docker) => docker.importImage(body as unknown as NodeJS.ReadableStream, query), {
      stream: true,
    })) as unknown as Readable;
  } catch (error) {
    if (error instanceof StrataError && /tar|archive|gzip|compress/i.test(error.message)) {
      return fail(
        new StrataError(
          'invalid_input',
          explainArchiveError(error.message.replace(/^The Docker engine reported an error: /, ''), 'import'),
        ),
      );
    }
    return fail(error);
  }
  let id: string | null = null;
  try {
    for await (const raw of jsonLines<RawLoadLine>(stream)) {
      if (raw.error || raw.errorDetail)
        throw new StrataError('invalid_input', explainArchiveError(raw.errorDetail?.message ?? raw.error ?? '', 'import'));
      if (raw.status && /^sha256:[0-9a-f]{64}$/.test(raw.status)) id = raw.status;
    }
  } catch (error) {
    return await fail(error);
  } finally {
    invalidateImages();
  }
  if (!id) throw new StrataError('upstream_failed', 'The engine did not say which image the import made.');
  const image = await inspectImage(id);
  return { id, tags: image.RepoTags ?? [] };
}
