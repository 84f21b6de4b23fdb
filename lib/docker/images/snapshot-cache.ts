// A value read from the engine (the image and container lists), kept between requests and dropped the
// moment the engine reports a change. Trusted only while the event stream is connected (a missed event
// could otherwise leave it stale) and never for longer than MAX_AGE_MS, as a safety net. Concurrent
// requests share one load. STRATA_SNAPSHOT_CACHE=off disables it (the benchmark reports both).
import 'server-only';
import { perEngine } from '@/lib/docker/engine/scope';
import { engineStatus, subscribe } from '@/lib/docker/events/subscription';

const MAX_AGE_MS = 30_000;

export interface SnapshotCache<T> {
  get(): Promise<T>;
  invalidate(): void;
}

interface Slot<T> {
  value: T | null;
  at: number;
  generation: number;
  loading: Promise<T> | null;
  watching: boolean;
}

const enabled = () => process.env.STRATA_SNAPSHOT_CACHE !== 'off';

function newSlot<T>(): Slot<T> {
  return { value: null, at: 0, generation: 0, loading: null, watching: false };
}

function invalidateSlot(s: Slot<unknown>): void {
  s.value = null;
  s.loading = null;
  s.generation += 1;
}

/** One named cache per engine (perEngine keeps it across Next's module reloads in development). */
export function snapshotCache<T>(name: string, load: () => Promise<T>): SnapshotCache<T> {
  const slot = () => perEngine(`snapshot:${name}`, newSlot<T>);
  const invalidate = () => invalidateSlot(slot());

  const get = async (): Promise<T> => {
    if (!enabled()) return load();
    const s = slot();
    if (!s.watching) {
      s.watching = true;
      // Any image event, container change, or change in the engine's reachability, on this engine.
      subscribe(() => invalidateSlot(s));
    }
    // Let events already waiting on the socket be handled first, so a change made just before this
    // request is never answered from the cache.
    await new Promise((resolve) => setImmediate(resolve));
    if (s.value !== null && engineStatus().connected && Date.now() - s.at < MAX_AGE_MS) return s.value;
    if (s.loading) return s.loading;
    const generation = s.generation;
    const loading = load().then((value) => {
      // A change that arrived while loading makes this result suspect: return it, but do not keep it.
      if (generation === s.generation) {
        s.value = value;
        s.at = Date.now();
      }
      return value;
    });
    s.loading = loading;
    loading.then(
      () => s.loading === loading && (s.loading = null),
      () => s.loading === loading && (s.loading = null),
    );
    return loading;
  };

  return { get, invalidate };
}
