import { describe, expect, it } from 'vitest';
import type { LoadEvent } from '@/lib/api/build';
import { applyLoadEvent, initialLoad } from '@/lib/queries/archives';

describe('applyLoadEvent', () => {
  it('collects the engine output lines and the images loaded', () => {
    const events: LoadEvent[] = [
      { kind: 'progress', id: 'abc', status: 'Loading layer', current: 1, total: 2 },
      { kind: 'output', line: 'Loaded image: app:1' },
      { kind: 'output', line: 'Loaded image ID: sha256:0123' },
      { kind: 'done', loaded: ['app:1', 'sha256:0123'] },
    ];
    expect(events.reduce(applyLoadEvent, initialLoad)).toEqual({
      lines: ['Loaded image: app:1', 'Loaded image ID: sha256:0123'],
      loaded: ['app:1', 'sha256:0123'],
    });
  });
});
