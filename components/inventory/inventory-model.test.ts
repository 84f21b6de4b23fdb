import { describe, expect, it } from 'vitest';
import type { InventoryRow } from '@/lib/api/inventory';
import { filterInventory } from '@/components/inventory/inventory-model';

const row = (contentKey: string, tags: string[], engines: string[]): InventoryRow => ({
  contentKey,
  configDigest: null,
  created: '2026-01-01T00:00:00Z',
  layers: 1,
  tags,
  size: 1,
  placements: engines.map((engine) => ({ engine, imageId: `sha256:${contentKey}${engine}`, tags, containers: 0, size: 1 })),
});

describe('filterInventory', () => {
  const rows = [row('a', ['app:1'], ['laptop', 'prod']), row('b', ['app:1'], ['lab']), row('c', ['db:2'], ['lab'])];
  const drift = [
    {
      tag: 'app:1',
      variants: [
        { contentKey: 'a', engines: ['laptop', 'prod'], imageIds: [] },
        { contentKey: 'b', engines: ['lab'], imageIds: [] },
      ],
    },
  ];

  it('keeps rows on several engines, or in drift, or matching the text in a tag, an ID or an engine', () => {
    expect(filterInventory(rows, drift, '', 'several').map((r) => r.contentKey)).toEqual(['a']);
    expect(filterInventory(rows, drift, '', 'drift').map((r) => r.contentKey)).toEqual(['a', 'b']);
    expect(filterInventory(rows, drift, 'DB', 'all').map((r) => r.contentKey)).toEqual(['c']);
    expect(filterInventory(rows, drift, 'prod', 'all').map((r) => r.contentKey)).toEqual(['a']);
  });
});
