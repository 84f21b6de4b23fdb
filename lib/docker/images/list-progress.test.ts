import { describe, expect, it } from 'vitest';
import { beginCounting, isPartial, wholeOrFirstRows } from '@/lib/docker/images/list-progress';
import type { ImageLayers } from '@/lib/docker/images/layer-facts';
import type { ListedImage } from '@/lib/docker/engine/mappers';
import type { Snapshot } from '@/lib/docker/images/summaries';

const image = (id: string) => ({ id }) as ListedImage;
const facts = { diffIds: [], chainIds: [], sizes: [], history: [], layerFlags: [], mapping: 'history' } as ImageLayers;
const listed = (ids: string[], known: string[] = []): Snapshot => ({
  listed: ids.map(image),
  layers: new Map(known.map((id) => [id, facts])),
  containers: new Map(),
  store: 'classic',
  engineDiskUsed: null,
});
const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('wholeOrFirstRows', () => {
  it('answers with the whole snapshot when it comes before any first rows', async () => {
    const whole = listed(['a']);
    expect(await wholeOrFirstRows(Promise.resolve(whole))).toBe(whole);
  });

  it('answers with the first rows when the layer facts take longer, and counts them as they come', async () => {
    const whole = later(5_000, listed(['a', 'b', 'c']));
    const counting = beginCounting(listed(['a', 'b', 'c'], ['a']), 2);
    try {
      const first = await wholeOrFirstRows(whole);
      expect(isPartial(first) && first.counting).toEqual({ done: 1, total: 3 });
      counting.fetched('b', facts);
      counting.fetched('c', null);
      const second = await wholeOrFirstRows(whole);
      if (!isPartial(second)) throw new Error('expected the first rows again');
      expect(second.counting).toEqual({ done: 3, total: 3 });
      // An image whose facts could not be read is counted but has none.
      expect([...second.snapshot.layers.keys()].sort()).toEqual(['a', 'b']);
    } finally {
      counting.finish();
    }
  });

  it('waits a moment for the whole snapshot once the first rows are there', async () => {
    const whole = listed(['a']);
    const counting = beginCounting(listed(['a']), 1);
    const answer = wholeOrFirstRows(later(50, whole));
    expect(await answer).toBe(whole);
    counting.finish();
  });

  it('wakes a list that was waiting when a load publishes its rows', async () => {
    let counting: ReturnType<typeof beginCounting> | null = null;
    const whole = new Promise<Snapshot>(() => undefined);
    setTimeout(() => (counting = beginCounting(listed(['a', 'b']), 2)), 20);
    const first = await wholeOrFirstRows(whole);
    expect(isPartial(first) && first.counting).toEqual({ done: 0, total: 2 });
    counting!.finish();
  });

  it('fails as the whole load fails', async () => {
    const counting = beginCounting(listed(['a']), 1);
    counting.finish();
    await expect(wholeOrFirstRows(Promise.reject(new Error('engine gone')))).rejects.toThrow('engine gone');
  });
});
