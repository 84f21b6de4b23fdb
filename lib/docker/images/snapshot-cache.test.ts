import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// A fake event hub: the test decides when the engine "reports a change" and whether it is connected.
const hub = vi.hoisted(() => ({ listeners: [] as Array<() => void>, connected: true }));
vi.mock('@/lib/docker/events/subscription', () => ({
  subscribe: (listener: () => void) => {
    hub.listeners.push(listener);
    return () => undefined;
  },
  engineStatus: () => ({ connected: hub.connected, message: null }),
}));

const { snapshotCache } = await import('@/lib/docker/images/snapshot-cache');

let name = 0;
function counter() {
  let loads = 0;
  const load = vi.fn(async () => ++loads);
  return { load, cache: snapshotCache(`test-${++name}`, load) };
}
const engineChanged = () => hub.listeners.forEach((listener) => listener());

describe('snapshotCache', () => {
  beforeEach(() => {
    process.env.STRATA_SNAPSHOT_CACHE = 'on';
    hub.connected = true;
  });
  afterEach(() => {
    process.env.STRATA_SNAPSHOT_CACHE = 'off';
  });

  it('answers repeated requests from one load', async () => {
    const { load, cache } = counter();
    expect(await cache.get()).toBe(1);
    expect(await cache.get()).toBe(1);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads again after the engine reports a change', async () => {
    const { load, cache } = counter();
    await cache.get();
    engineChanged();
    expect(await cache.get()).toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not trust the cache while the event stream is down', async () => {
    const { load, cache } = counter();
    await cache.get();
    hub.connected = false;
    expect(await cache.get()).toBe(2);
    expect(await cache.get()).toBe(3);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('shares one load between concurrent requests', async () => {
    const { load, cache } = counter();
    const results = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(results).toEqual([1, 1, 1]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not keep a result when a change arrived while it was loading', async () => {
    let release: (value: string) => void = () => undefined;
    const load = vi.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const cache = snapshotCache(`test-${++name}`, load);
    const first = cache.get();
    await new Promise((resolve) => setImmediate(resolve));
    engineChanged();
    release('old');
    expect(await first).toBe('old');
    const second = cache.get();
    await new Promise((resolve) => setImmediate(resolve));
    release('new');
    expect(await second).toBe('new');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('can be switched off', async () => {
    process.env.STRATA_SNAPSHOT_CACHE = 'off';
    const { load, cache } = counter();
    await cache.get();
    await cache.get();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
