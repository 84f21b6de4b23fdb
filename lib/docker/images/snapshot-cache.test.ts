import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StrataEvent } from '@/lib/api/engine';

// A fake event hub: the test decides when the engine "reports a change" and whether it is connected.
const hub = vi.hoisted(() => ({ listeners: [] as Array<(event: StrataEvent) => void>, connected: true }));
vi.mock('@/lib/docker/events/subscription', () => ({
  subscribe: (listener: (event: StrataEvent) => void) => {
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
const tagged = (id: string): StrataEvent => ({ kind: 'image', action: 'tag', id, name: `x:${id}`, time: '' });
const engineChanged = (event: StrataEvent = tagged('a')) => hub.listeners.forEach((listener) => listener(event));
const settled = () => new Promise((resolve) => setImmediate(resolve));

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

  describe('with a patch', () => {
    function patched(answer: (value: string, events: readonly StrataEvent[]) => string | null) {
      let loads = 0;
      const load = vi.fn(async () => `load${++loads}`);
      const patch = vi.fn(async (value: string, events: readonly StrataEvent[]) => answer(value, events));
      return { load, patch, cache: snapshotCache(`test-${++name}`, load, patch) };
    }
    const ids = (events: readonly StrataEvent[]) => events.map((event) => (event.kind === 'image' ? event.id : '?')).join(',');

    it('applies the events that arrived to the kept value instead of loading again', async () => {
      const { load, patch, cache } = patched((value, events) => `${value}+${ids(events)}`);
      expect(await cache.get()).toBe('load1');
      engineChanged(tagged('a'));
      engineChanged(tagged('b'));
      expect(await cache.get()).toBe('load1+a,b');
      expect(await cache.get()).toBe('load1+a,b');
      expect(load).toHaveBeenCalledTimes(1);
      expect(patch).toHaveBeenCalledTimes(1);
      expect(cache.stats()).toEqual({ loads: 1, patches: 1, fallbacks: 0 });
    });

    it('loads the whole value when the patch cannot explain the events', async () => {
      const { load, cache } = patched(() => null);
      await cache.get();
      engineChanged();
      expect(await cache.get()).toBe('load2');
      expect(load).toHaveBeenCalledTimes(2);
      expect(cache.stats()).toEqual({ loads: 2, patches: 1, fallbacks: 1 });
    });

    it('keeps a load that an event overtook, and applies that event to it next', async () => {
      let release: (value: string) => void = () => undefined;
      const load = vi.fn(() => new Promise<string>((resolve) => (release = resolve)));
      const cache = snapshotCache(`test-${++name}`, load, async (value, events) => `${value}+${ids(events)}`);
      const first = cache.get();
      await settled();
      engineChanged(tagged('c'));
      release('old');
      expect(await first).toBe('old');
      expect(await cache.get()).toBe('old+c');
      expect(load).toHaveBeenCalledTimes(1);
    });

    it('drops the value when the engine connection changes: events may have been missed', async () => {
      const { load, patch, cache } = patched((value) => `${value}+patched`);
      await cache.get();
      engineChanged({ kind: 'engine', state: 'connected', message: null, time: '' });
      expect(await cache.get()).toBe('load2');
      expect(patch).not.toHaveBeenCalled();
      expect(load).toHaveBeenCalledTimes(2);
    });

    it('drops the value on every event when patches are switched off (the benchmark’s before)', async () => {
      process.env.STRATA_SNAPSHOT_PATCH = 'off';
      try {
        const { load, patch, cache } = patched((value) => `${value}+patched`);
        await cache.get();
        engineChanged();
        expect(await cache.get()).toBe('load2');
        expect(patch).not.toHaveBeenCalled();
        expect(load).toHaveBeenCalledTimes(2);
      } finally {
        delete process.env.STRATA_SNAPSHOT_PATCH;
      }
    });
  });
});
