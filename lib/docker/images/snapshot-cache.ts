// A value read from the engine (the image and container lists), kept between requests and kept true
// by the engine's events. With a `patch`, the image and container events that arrive are applied to
// the kept value at the next read (inspect one image, drop one, move a tag); what a patch cannot
// explain, and any cache without one, loads the whole value again. Trusted only while the event stream
// is connected (a missed event could otherwise leave it stale) and never for longer than MAX_AGE_MS
// since the last whole load, as a safety net. Concurrent requests share one load or patch.
// STRATA_SNAPSHOT_CACHE=off disables it; STRATA_SNAPSHOT_PATCH=off drops the value on every event, as
// before patches (both for the benchmarks, which report each).
import 'server-only';
import type { StrataEvent } from '@/lib/api/engine';
import { perEngine } from '@/lib/docker/engine/scope';
import { engineStatus, subscribe } from '@/lib/docker/events/subscription';

const MAX_AGE_MS = 30_000;
// Past this many waiting events one whole load is cheaper than inspecting what each names.
const MAX_PENDING = 200;

/** Applies events to a kept value: the new value, or null when the events cannot be explained. */
export type SnapshotPatch<T> = (value: T, events: readonly StrataEvent[]) => Promise<T | null>;

export interface SnapshotStats {
  loads: number;
  patches: number;
  /** Patches that could not explain their events, so a whole load followed. */
  fallbacks: number;
}

export interface SnapshotCache<T> {
  get(): Promise<T>;
  invalidate(): void;
  stats(): SnapshotStats;
}

interface Slot<T> {
  value: T | null;
  /** When the kept value was last loaded whole (a patch does not renew it). */
  at: number;
  generation: number;
  loading: Promise<T> | null;
  watching: boolean;
  /** Image and container events not yet applied to the value. */
  pending: StrataEvent[];
  stats: SnapshotStats;
}

const enabled = () => process.env.STRATA_SNAPSHOT_CACHE !== 'off';
const patching = () => process.env.STRATA_SNAPSHOT_PATCH !== 'off';

function newSlot<T>(): Slot<T> {
  return { value: null, at: 0, generation: 0, loading: null, watching: false, pending: [], stats: { loads: 0, patches: 0, fallbacks: 0 } };
}

function invalidateSlot(s: Slot<unknown>): void {
  s.value = null;
  s.loading = null;
  s.pending = [];
  s.generation += 1;
}

const CONNECT_WAIT_MS = 1_000;

/** Resolves when the event stream says the engine is connected or not, or after CONNECT_WAIT_MS. */
function connectedSoon(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      resolve();
    };
    const timer = setTimeout(done, CONNECT_WAIT_MS);
    const stop = subscribe((event) => event.kind === 'engine' && done());
  });
}

/** One named cache per engine (perEngine keeps it across Next's module reloads in development). */
export function snapshotCache<T>(name: string, load: () => Promise<T>, patch?: SnapshotPatch<T>): SnapshotCache<T> {
  const slot = () => perEngine(`snapshot:${name}`, newSlot<T>);
  const invalidate = () => invalidateSlot(slot());

  const heard = (s: Slot<T>, event: StrataEvent) => {
    // The engine came or went: events may have been missed. Without a patch, any change drops the value.
    if (event.kind === 'engine' || !patch || !patching() || s.pending.length >= MAX_PENDING) return invalidateSlot(s);
    // Kept even while a load runs: its answer may predate the event, and applying it again is harmless.
    s.pending.push(event);
  };

  /** Runs a load or a patch as the slot's one job, keeping its value unless the slot was dropped meanwhile. */
  const run = (s: Slot<T>, job: () => Promise<{ value: T; loaded: boolean }>): Promise<T> => {
    const generation = s.generation;
    const loading = job().then(({ value, loaded }) => {
      if (generation === s.generation) {
        s.value = value;
        if (loaded) s.at = Date.now();
      }
      return value;
    });
    s.loading = loading;
    const settle = () => s.loading === loading && (s.loading = null);
    loading.then(settle, settle);
    return loading;
  };

  const loadWhole = async (s: Slot<T>) => {
    s.stats.loads += 1;
    // Events up to now are in what the engine is about to answer.
    s.pending = [];
    return { value: await load(), loaded: true };
  };

  const get = async (): Promise<T> => {
    if (!enabled()) return load();
    const s = slot();
    if (!s.watching) {
      s.watching = true;
      // Any image event, container change, or change in the engine's reachability, on this engine.
      subscribe((event) => heard(s, event));
      // The first load waits (briefly) for the event stream: a load that started before it connected
      // would be dropped by its "connected", and a cold start would list everything twice.
      if (!engineStatus().connected) await connectedSoon();
    }
    // Let events already waiting on the socket be handled first, so a change made just before this
    // request is never answered from the cache as it was.
    await new Promise((resolve) => setImmediate(resolve));
    if (s.loading) return s.loading;
    const kept = s.value;
    if (kept === null || !engineStatus().connected || Date.now() - s.at >= MAX_AGE_MS) return run(s, () => loadWhole(s));
    if (s.pending.length === 0) return kept;
    const events = s.pending;
    s.pending = [];
    return run(s, async () => {
      s.stats.patches += 1;
      const patched = await patch!(kept, events).catch(() => null);
      if (patched !== null) return { value: patched, loaded: false };
      s.stats.fallbacks += 1;
      return loadWhole(s);
    });
  };

  return { get, invalidate, stats: () => ({ ...slot().stats }) };
}
