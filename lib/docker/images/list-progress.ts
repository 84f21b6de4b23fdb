// A cold start's first rows. The whole image snapshot needs every image's layer facts (one inspect and
// one history each, seconds at 5,000 images), but names, tags, IDs and the engine's sizes are in the
// first /images/json answer. While a whole load reads those facts it publishes what it has here, and
// the list route answers from it when the whole snapshot is not ready soon after: rows at once, the
// sizes marked pending and the totals "counting…" until the facts are in.
import 'server-only';
import type { ListCounting } from '@/lib/api/images';
import { perEngine } from '@/lib/docker/engine/scope';
import type { ImageLayers } from '@/lib/docker/images/layer-facts';
import type { Snapshot } from '@/lib/docker/images/summaries';

/** How long after the first rows are there a list still waits for the whole snapshot: a warm engine's
 * facts are usually all cached and arrive within this, so the answer is exact without a second request.
 * Counted from when the rows came, so the page's later polls answer at once. */
const GRACE_MS = 100;

export interface PartialSnapshot {
  snapshot: Snapshot;
  counting: ListCounting;
}

interface Counting {
  listed: Snapshot;
  since: number;
  total: number;
  done: number;
}

interface ProgressState {
  current: Counting | null;
  waiters: Set<() => void>;
}

const state = () => perEngine('image-list-progress', (): ProgressState => ({ current: null, waiters: new Set() }));

export interface CountingHandle {
  fetched(id: string, layers: ImageLayers | null): void;
  diskUsed(bytes: number | null): void;
  finish(): void;
}

/** Called by a whole load once it has the lists: from here on the list route may answer from `listed`. */
export function beginCounting(listed: Snapshot, missing: number): CountingHandle {
  const s = state();
  const counting: Counting = {
    listed: { ...listed, layers: new Map(listed.layers) },
    since: Date.now(),
    total: listed.listed.length,
    done: listed.listed.length - missing,
  };
  s.current = counting;
  for (const wake of s.waiters) wake();
  return {
    fetched(id, layers) {
      counting.done += 1;
      if (layers) counting.listed.layers.set(id, layers);
    },
    diskUsed(bytes) {
      counting.listed = { ...counting.listed, engineDiskUsed: bytes };
    },
    finish() {
      if (s.current === counting) s.current = null;
    },
  };
}

function partial(counting: Counting): PartialSnapshot {
  return {
    snapshot: { ...counting.listed, listed: [...counting.listed.listed], layers: new Map(counting.listed.layers) },
    counting: { done: counting.done, total: counting.total },
  };
}

/**
 * The whole snapshot if it comes in time, else the first rows of the load in progress: whichever a
 * list should answer with now. Rejects as the whole load does.
 */
export async function wholeOrFirstRows(whole: Promise<Snapshot>): Promise<Snapshot | PartialSnapshot> {
  const s = state();
  let wake!: () => void;
  const counting = new Promise<void>((resolve) => (wake = resolve));
  if (s.current) wake();
  else s.waiters.add(wake);
  try {
    const first = await Promise.race([whole.then(() => 'whole' as const), counting.then(() => 'counting' as const)]);
    if (first === 'whole') return whole;
    const left = GRACE_MS - (Date.now() - (s.current?.since ?? 0));
    const timer = new Promise<'grace'>((resolve) => setTimeout(() => resolve('grace'), Math.max(0, left)).unref());
    if ((await Promise.race([whole.then(() => 'whole' as const), timer])) === 'whole') return whole;
    // The load may have finished between the race and now: then the whole snapshot is there.
    return s.current ? partial(s.current) : whole;
  } finally {
    s.waiters.delete(wake);
  }
}

export const isPartial = (value: Snapshot | PartialSnapshot): value is PartialSnapshot => 'counting' in value;
