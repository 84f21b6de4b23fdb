// What the inventory table shows: rows filtered by text and by "on several engines" / "drift".
import type { InventoryDrift, InventoryRow } from '@/lib/api/inventory';

export type InventoryShow = 'all' | 'several' | 'drift';
export const INVENTORY_SHOWS: readonly InventoryShow[] = ['all', 'several', 'drift'];

export function enginesOf(row: InventoryRow): string[] {
  return [...new Set(row.placements.map((placement) => placement.engine))];
}

export function filterInventory(
  rows: readonly InventoryRow[],
  drift: readonly InventoryDrift[],
  text: string,
  show: InventoryShow,
): InventoryRow[] {
  const needle = text.trim().toLowerCase();
  const drifting = new Set(drift.flatMap((entry) => entry.variants.map((variant) => variant.contentKey)));
  return rows.filter((row) => {
    if (show === 'several' && enginesOf(row).length < 2) return false;
    if (show === 'drift' && !drifting.has(row.contentKey)) return false;
    if (!needle) return true;
    return (
      row.tags.some((tag) => tag.toLowerCase().includes(needle)) ||
      row.placements.some((placement) => placement.imageId.includes(needle) || placement.engine.toLowerCase().includes(needle))
    );
  });
}
