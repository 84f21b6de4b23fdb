// The engine's image and container lists, kept between requests and dropped the moment the engine
// reports a change. Trusted only while the event stream is connected (a missed event could otherwise
// leave it stale) and never for longer than MAX_AGE_MS, as a safety net. STRATA_SNAPSHOT_CACHE=off
// disables it (the benchmark uses that to report the uncached figure too).
import 'server-only';
import { engineStatus, subscribe } from '@/lib/docker/events';

const MAX_AGE_MS = 30_000;

interface CacheState<T> {
  value: T | null;
  at: number;
  generation: number;
  watching: boolean;
}

const state: CacheState<unknown> = ((globalThis as { __strataSnapshotCache?: CacheState<unknown> }).__strataSnapshotCache ??= {
  value: null,
  at: 0,
  generation: 0,
  watching: false,
});

export function invalidateSnapshot(): void {
  state.value = null;
  state.generation += 1;
}

function watch(): void {
  if (state.watching) return;
  state.watching = true;
  // Any image event, container create/destroy/commit, or a change in the engine's reachability.
  subscribe(() => invalidateSnapshot());
}

const enabled = () => process.env.STRATA_SNAPSHOT_CACHE !== 'off';

export async function cachedSnapshot<T>(load: () => Promise<T>): Promise<T> {
  if (!enabled()) return load();
  watch();
  // Let events already waiting on the socket be handled first, so a change made just before this
  // request is never answered from the cache.
  await new Promise((resolve) => setImmediate(resolve));
  if (state.value !== null && engineStatus().connected && Date.now() - state.at < MAX_AGE_MS) return state.value as T;
  const generation = state.generation;
  const value = await load();
  // A change that arrived while loading makes this result suspect: return it, but do not keep it.
  if (generation === state.generation) {
    state.value = value;
    state.at = Date.now();
  }
  return value;
}
