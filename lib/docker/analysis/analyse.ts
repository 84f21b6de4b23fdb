// An image's layer file analysis: cached layers are read from disk; the rest come from one streamed
// export, are cached by diff ID, and the whole stack is analysed (lib/analysis/waste.ts).
import 'server-only';
import type { AnalysisEvent, LayerEntry } from '@/lib/api/analysis';
import type { PlatformChoice } from '@/lib/docker/images/platform-choice';
import { readLayerFiles, type ParsedLayer } from '@/lib/docker/analysis/layer-files';
import { imagePackages } from '@/lib/packages/image-packages';
import { rememberOs } from '@/lib/docker/analysis/os-index';
import { StrataError } from '@/lib/api/errors';
import { analyseLayers } from '@/lib/analysis/waste';
import { readCachedLayer, writeCachedLayer } from '@/lib/docker/analysis/layer-file-cache';
import type { PlatformSpec } from '@/lib/api/platform';
import { choosePlatform } from '@/lib/docker/images/platform-choice';
import { buildTree, filesystemAt, isDirectory } from '@/lib/analysis/tree';

export async function* analyseImage(ref: string, signal: AbortSignal, wanted: PlatformSpec | null = null): AsyncGenerator<AnalysisEvent> {
  // A chosen platform's layers come from an export of that platform only (a foreign one works too:
  // the engine exports content it never unpacked).
  const choice = await choosePlatform(ref, wanted);
  const { raw, query } = choice;
  const diffIds = raw.RootFS?.Layers ?? [];
  const cached = new Map<string, ParsedLayer>();
  for (const diffId of new Set(diffIds)) {
    const layer = await readCachedLayer(diffId);
    if (layer) cached.set(diffId, layer);
  }
  const missing = new Set(diffIds.filter((diffId) => !cached.has(diffId)));
  // The export's length is not known ahead: the image's size is the estimate, and the tar around the
  // layers (headers, padding, config, manifests) makes it longer. The total grows to what was read, so
  // the bar never passes 100 % and the figure shown is the one counted against; the last event is exact.
  const estimate = Math.max(1, raw.Size ?? 1);
  let totalBytes = estimate;
  yield { kind: 'progress', bytesRead: 0, totalBytes, cachedLayers: cached.size, layers: new Set(diffIds).size };

  if (missing.size > 0) {
    // The export is one stream; progress is pushed to the generator through a small queue.
    let latest = 0;
    let wake: (() => void) | null = null;
    let finished = false;
    const reading = readLayerFiles(
      query.platform ? ref : raw.Id,
      missing,
      ({ bytesRead }) => {
        latest = bytesRead;
        wake?.();
      },
      signal,
      query,
    ).finally(() => {
      finished = true;
      wake?.();
    });
    let reported = 0;
    while (!finished) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 250);
      });
      if (latest - reported >= 1024 * 1024 || finished) {
        reported = latest;
        totalBytes = finished ? Math.max(1, latest) : Math.max(totalBytes, latest);
        yield { kind: 'progress', bytesRead: latest, totalBytes, cachedLayers: cached.size, layers: new Set(diffIds).size };
      }
    }
    const parsed = await reading;
    for (const [diffId, layer] of parsed) {
      cached.set(diffId, layer);
      await writeCachedLayer(diffId, layer);
    }
  }
  const absent = diffIds.filter((diffId) => !cached.has(diffId));
  if (absent.length > 0) {
    throw new StrataError(
      'upstream_failed',
      `${absent.length} layer(s) could not be found in the image export: none of its blobs hashed to their diff IDs.`,
    );
  }
  const layers = diffIds.map((diffId) => cached.get(diffId)!);
  const packages = { imageId: raw.Id, ...imagePackages(diffIds, layers) };
  await rememberOs(choice, packages.os);
  yield {
    kind: 'result',
    analysis: analyseLayers(
      diffIds,
      layers.map((layer) => layer.entries),
    ),
    packages,
  };
}

/** Every layer of the image (or one platform of it), parsed: from the cache, or by running the analysis. */
export async function imageLayers(
  ref: string,
  signal: AbortSignal,
  wanted: PlatformSpec | null = null,
): Promise<{ choice: PlatformChoice; diffIds: string[]; layers: ParsedLayer[] }> {
  const choice = await choosePlatform(ref, wanted);
  const diffIds = choice.raw.RootFS?.Layers ?? [];
  const read = async () => Promise.all(diffIds.map((diffId) => readCachedLayer(diffId)));
  let layers = await read();
  if (layers.some((layer) => !layer)) {
    for await (const event of analyseImage(ref, signal, wanted))
      if (event.kind === 'error') throw new StrataError(event.code ?? 'internal', event.message);
    layers = await read();
  }
  if (layers.some((layer) => !layer))
    throw new StrataError('upstream_failed', 'The image’s layers could not be kept to read them: try again.');
  return { choice, diffIds, layers: layers as ParsedLayer[] };
}

export interface DirectoryListing {
  diffId: string;
  position: number;
  view: 'changes' | 'filesystem';
  path: string;
  entries: {
    name: string;
    path: string;
    type: string;
    size: number;
    change: string;
    permissionsOnly: boolean;
    linkTarget?: string;
    directory: boolean;
  }[];
}

/** One directory of one layer, from the per-layer cache: browse big images lazily. */
export async function listLayerDirectory(
  ref: string,
  diffId: string,
  dirPath: string,
  view: 'changes' | 'filesystem',
  wanted: PlatformSpec | null = null,
): Promise<DirectoryListing> {
  const { raw } = await choosePlatform(ref, wanted);
  const diffIds = raw.RootFS?.Layers ?? [];
  const position = diffIds.indexOf(diffId) + 1;
  if (position === 0) throw new StrataError('not_found', `Layer ${diffId} is not part of ${ref}.`);
  const needed = view === 'changes' ? [diffId] : diffIds.slice(0, position);
  const layers: LayerEntry[][] = [];
  for (const id of needed) {
    const layer = await readCachedLayer(id);
    if (!layer)
      throw new StrataError('conflict', 'This image has not been analysed yet: run the analysis first (GET /api/images/{ref}/analysis).');
    layers.push(layer.entries);
  }
  const analysis = analyseLayers(needed, layers);
  const changes = view === 'changes' ? (analysis.changes[0] ?? []) : filesystemAt(analysis.changes, needed.length);
  let node = buildTree(changes);
  for (const part of dirPath.split('/').filter(Boolean)) {
    const child = node.children.find((candidate) => candidate.name === part);
    if (!child) throw new StrataError('not_found', `No directory ${dirPath} in this view of layer ${position}.`);
    node = child;
  }
  return {
    diffId,
    position,
    view,
    path: node.path,
    entries: node.children
      .map((child) => ({
        name: child.name,
        path: child.path,
        type: child.type,
        size: child.size,
        change: child.change,
        permissionsOnly: child.permissionsOnly,
        ...(child.linkTarget ? { linkTarget: child.linkTarget } : {}),
        directory: isDirectory(child),
      }))
      .sort((a, b) => b.size - a.size || a.name.localeCompare(b.name)),
  };
}
