// Layer facts per image ID. An image ID names immutable content, so its layers and their sizes never
// change: fetch them once (inspect + history), keep them, and a list of thousands of images costs one
// engine call per request instead of two per image. Bounded, least-recently-used eviction.
import 'server-only';
import { adaptiveLimit } from '@/lib/docker/engine/adaptive-limit';
import { engine } from '@/lib/docker/engine/client';
import { perEngine } from '@/lib/docker/engine/scope';
import { chainIds } from '@/lib/docker/engine/mappers';
import { layerFlags, type ConfigHistoryEntry } from '@/lib/docker/history/decode';
import { readImageConfig } from '@/lib/docker/images/config';
import type { RawHistoryItem, RawImageInspect } from '@/lib/docker/engine/raw-types';
import type { PlatformFacts } from '@/lib/docker/images/platforms';

export interface ImageLayers {
  diffIds: string[];
  chainIds: string[];
  /** Per-layer bytes, oldest first; null when no source could pair steps with layers. */
  sizes: number[] | null;
  /** The engine's history, newest first, as it came (its Tags are refreshed elsewhere). */
  history: RawHistoryItem[];
  /** Per step, oldest first: did it make a layer? Null when unknown. */
  layerFlags: boolean[] | null;
  /** Where layerFlags came from: the history API alone, or the image config's empty_layer flags. */
  mapping: 'history' | 'config' | 'unknown';
  /** The image's own os/architecture from the inspect that found its layers, when that was this cache. */
  platform?: PlatformFacts;
}

const MAX_ENTRIES = 20_000;
// Calls in flight for a cold list: starts where a fixed 8 used to be, and follows the engine from there.
const INITIAL_CONCURRENCY = 8;
const MIN_CONCURRENCY = 4;
const MAX_CONCURRENCY = 32;

interface CacheState {
  entries: Map<string, ImageLayers>;
  inflight: Map<string, Promise<ImageLayers | null>>;
}

// One per engine (an image's history and platform are that engine's answer), kept across Next's
// module reloads in development.
const cacheState = (): CacheState => perEngine('layer-facts', () => ({ entries: new Map(), inflight: new Map() }));

function remember(id: string, layers: ImageLayers): void {
  cacheState().entries.delete(id);
  cacheState().entries.set(id, layers);
  if (cacheState().entries.size > MAX_ENTRIES) {
    const oldest = cacheState().entries.keys().next().value;
    if (oldest !== undefined) cacheState().entries.delete(oldest);
  }
}

export function buildImageLayers(diffIds: string[], history: RawHistoryItem[], config?: ConfigHistoryEntry[] | null): ImageLayers {
  const flags = layerFlags(history, diffIds.length, config);
  const oldestFirst = [...history].reverse();
  return {
    diffIds,
    chainIds: chainIds(diffIds),
    sizes: flags ? oldestFirst.filter((_, i) => flags[i]).map((step) => step.Size) : null,
    history,
    layerFlags: flags,
    mapping: flags ? (config ? 'config' : 'history') : 'unknown',
  };
}

/** From the API alone when it is unambiguous; otherwise from the image config in the export. */
export async function resolveImageLayers(
  id: string,
  diffIds: string[],
  history: RawHistoryItem[],
  readConfig = () => readImageConfig(id),
): Promise<ImageLayers> {
  const fromApi = buildImageLayers(diffIds, history);
  if (fromApi.layerFlags) return fromApi;
  try {
    const config = await readConfig();
    return config ? buildImageLayers(diffIds, history, config.history) : fromApi;
  } catch {
    // No export (content missing on the containerd store, a broken archive): the API's guess stands,
    // marked unknown, rather than the image vanishing from the list.
    return fromApi;
  }
}

async function fetchLayers(id: string): Promise<ImageLayers | null> {
  try {
    const [inspect, history] = await Promise.all([
      engine((docker) => docker.getImage(id).inspect() as Promise<RawImageInspect>),
      engine((docker) => docker.getImage(id).history() as Promise<RawHistoryItem[]>),
    ]);
    const layers: ImageLayers = {
      ...(await resolveImageLayers(id, inspect.RootFS?.Layers ?? [], history)),
      platform: { os: inspect.Os || 'unknown', architecture: inspect.Architecture || 'unknown', variant: inspect.Variant || null },
    };
    remember(id, layers);
    return layers;
  } catch (error) {
    // Deleted between list and inspect, or content missing on the containerd store: that image is
    // reported without layer facts (its sizes become estimates) rather than failing the whole list.
    const code = (error as { code?: string }).code;
    if (code === 'engine_unreachable' || code === 'engine_timeout') throw error;
    return null;
  }
}

/** What the cache holds for `id`, without asking the engine (a platform manifest is no image name). */
export function cachedLayers(id: string): ImageLayers | undefined {
  return cacheState().entries.get(id);
}

/** Seeds the cache from an inspect the caller already made (the detail page), saving a round trip. */
export function rememberLayers(id: string, layers: ImageLayers): void {
  remember(id, layers);
}

export async function getLayers(id: string): Promise<ImageLayers | null> {
  const hit = cacheState().entries.get(id);
  if (hit) return hit;
  let pending = cacheState().inflight.get(id);
  if (!pending) {
    pending = fetchLayers(id).finally(() => cacheState().inflight.delete(id));
    cacheState().inflight.set(id, pending);
  }
  return pending;
}

/**
 * Layers for many images, fetching the missing ones with as many calls in flight as the engine keeps
 * up with (lib/docker/engine/adaptive-limit.ts), so it is neither flooded nor left idle. `onFetched`
 * hears each image as its facts arrive (the list's first rows fill in from it).
 */
export async function getManyLayers(
  ids: readonly string[],
  onFetched?: (id: string, layers: ImageLayers | null) => void,
): Promise<Map<string, ImageLayers>> {
  const result = new Map<string, ImageLayers>();
  const missing: string[] = [];
  for (const id of ids) {
    const hit = cacheState().entries.get(id);
    if (hit) result.set(id, hit);
    else missing.push(id);
  }
  const limit = adaptiveLimit({ initial: INITIAL_CONCURRENCY, min: MIN_CONCURRENCY, max: MAX_CONCURRENCY });
  let next = 0;
  let inFlight = 0;
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const pump = () => {
      if (failed) return;
      if (next >= missing.length && inFlight === 0) return resolve();
      while (inFlight < limit.current() && next < missing.length) {
        const id = missing[next++]!;
        const started = performance.now();
        // Another list already fetching this image answers it: no measure of the engine's latency.
        const shared = cacheState().inflight.has(id);
        inFlight += 1;
        getLayers(id).then(
          (layers) => {
            if (!shared) limit.sample(performance.now() - started);
            inFlight -= 1;
            if (layers) result.set(id, layers);
            onFetched?.(id, layers);
            pump();
          },
          (error: unknown) => {
            failed = true;
            reject(error);
          },
        );
      }
    };
    pump();
  });
  return result;
}
