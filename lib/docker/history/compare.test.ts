import { describe, expect, it } from 'vitest';
import type { HistoryStep } from '@/lib/api/history';
import { alignSteps } from '@/lib/docker/history/compare';

const step = (createdBy: string, size = 0, diffId: string | null = null): HistoryStep => ({
  index: 0,
  instruction: createdBy.split(' ')[0]!,
  createdBy,
  created: '',
  size,
  emptyLayer: diffId === null,
  diffId,
  layerIndex: diffId ? 0 : null,
  imageId: null,
  tags: [],
  comment: '',
  sharedWith: [],
  fromBase: false,
});

describe('alignSteps', () => {
  it('lines up the steps both builds ran and shows what changed between them', () => {
    const a = [
      step('IMPORT x', 100, 'sha256:base'),
      step('COPY file:old in /app', 10, 'sha256:old'),
      step('RUN make', 5, 'sha256:make1'),
      step('CMD ["app"]'),
    ];
    const b = [
      step('IMPORT x', 100, 'sha256:base'),
      step('COPY file:new in /app', 12, 'sha256:new'),
      step('RUN make', 7, 'sha256:make2'),
      step('RUN rm -rf /tmp', 0, 'sha256:rm'),
      step('CMD ["app"]'),
    ];
    const rows = alignSteps(a, b);
    expect(rows.map((row) => row.kind)).toEqual(['same', 'changed', 'changed', 'only-b', 'same']);
    expect(rows[1]!.a!.createdBy).toBe('COPY file:old in /app');
    expect(rows[1]!.b!.createdBy).toBe('COPY file:new in /app');
    expect(rows[1]!.delta).toBe(2);
    // Same command, different layer: rebuilt because an earlier step changed.
    expect(rows[2]!.delta).toBe(2);
    expect(rows[3]!.a).toBeNull();
  });

  it('marks steps only one side has', () => {
    const rows = alignSteps([step('IMPORT x', 1, 'sha256:1'), step('RUN a', 3, 'sha256:a')], [step('IMPORT x', 1, 'sha256:1')]);
    expect(rows.map((row) => [row.kind, row.delta])).toEqual([
      ['same', 0],
      ['only-a', -3],
    ]);
  });
});
