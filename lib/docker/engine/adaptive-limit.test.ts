import { describe, expect, it } from 'vitest';
import { adaptiveLimit } from '@/lib/docker/engine/adaptive-limit';

/** An engine that answers in `base` ms until `capacity` calls are in flight, then queues the rest. */
const latencyAt = (inFlight: number, base: number, capacity: number) => base * Math.max(1, inFlight / capacity);

function settle(capacity: number, rounds = 80) {
  const limit = adaptiveLimit();
  const seen: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const inFlight = limit.current();
    for (let i = 0; i < inFlight; i++) limit.sample(latencyAt(inFlight, 2, capacity));
    seen.push(limit.current());
  }
  return seen;
}

describe('adaptiveLimit', () => {
  it('grows to its maximum while answers stay as fast as the fastest', () => {
    const seen = settle(1000);
    expect(seen.at(-1)).toBe(32);
    // Step by step, not all at once.
    expect(seen[0]).toBeLessThan(12);
  });

  it('settles near what the engine can take when it starts queueing', () => {
    const seen = settle(6);
    const last = seen.slice(-20);
    // Latency passes 1.5× the fastest (the tolerance) at 9 in flight: the limit swings about there,
    // never far into the queue (at 32 every call would wait 5× as long).
    expect(Math.min(...last)).toBeGreaterThanOrEqual(7);
    expect(Math.max(...last)).toBeLessThanOrEqual(14);
  });

  it('backs off when the engine slows down under the same load', () => {
    const limit = adaptiveLimit({ initial: 16 });
    for (let i = 0; i < 50; i++) limit.sample(2);
    const before = limit.current();
    for (let i = 0; i < 50; i++) limit.sample(20);
    expect(limit.current()).toBeLessThan(before / 2);
    expect(limit.current()).toBeGreaterThanOrEqual(2);
  });

  it('is not fooled by one answer far faster than the rest', () => {
    const limit = adaptiveLimit();
    limit.sample(0.01);
    for (let i = 0; i < 1000; i++) limit.sample(2);
    expect(limit.current()).toBe(32);
  });

  it('keeps to its bounds', () => {
    const low = adaptiveLimit({ initial: 4, min: 3, max: 5 });
    for (let i = 0; i < 200; i++) low.sample(i < 50 ? 1 : 100);
    expect(low.current()).toBe(3);
    const high = adaptiveLimit({ initial: 4, min: 3, max: 5 });
    for (let i = 0; i < 100; i++) high.sample(1);
    expect(high.current()).toBe(5);
  });
});
