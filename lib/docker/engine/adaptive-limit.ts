// How many engine calls to keep in flight when many are needed (the layer facts of thousands of images on
// a cold start). A fixed number is wrong somewhere: a local classic engine answers in a millisecond and
// gains from more at once, a containerd store or an engine over ssh slows down as the queue grows. The
// limit follows latency, as a gradient controller does: while answers come back as fast as the fastest
// seen, it grows by one per round (a round: as many answers as the limit); when they slow down past a
// tolerance (the engine is queueing them), it shrinks in proportion. Pure, so its behaviour is tested without an engine.

export interface AdaptiveLimitOptions {
  initial?: number;
  min?: number;
  max?: number;
  /** How much slower than the fastest answer still counts as "not queueing". */
  tolerance?: number;
}

export interface AdaptiveLimit {
  /** Calls that may be in flight now (at least 1). */
  current(): number;
  /** One call's time from start to answer. */
  sample(latencyMs: number): void;
}

const SMOOTHING = 0.2;
// Answers before the smoothed latency means anything (the first few may be odd: a cache, a cold start).
const WARM_UP = 10;

export function adaptiveLimit({ initial = 8, min = 2, max = 32, tolerance = 1.5 }: AdaptiveLimitOptions = {}): AdaptiveLimit {
  let limit = initial;
  // Recent latency, smoothed so one slow answer does not halve the limit, and its lowest value: the
  // engine's latency when not queueing. (The lowest single answer would do worse: one answer from a
  // cache, a thousand times faster, would read as queueing ever after.)
  let recent: number | null = null;
  let fastest = Infinity;
  let samples = 0;
  return {
    current: () => Math.max(1, Math.floor(limit)),
    sample(latencyMs) {
      const latency = Math.max(latencyMs, 0.01);
      recent = recent === null ? latency : recent * (1 - SMOOTHING) + latency * SMOOTHING;
      if (++samples < WARM_UP) return;
      fastest = Math.min(fastest, recent);
      const gradient = Math.min(1, Math.max(0.5, (fastest * tolerance) / recent));
      // Each answer moves the limit a fraction of the way, so a round of `limit` answers moves it whole.
      const target = limit * gradient + 1;
      limit = Math.min(max, Math.max(min, limit + (target - limit) / limit));
    },
  };
}
