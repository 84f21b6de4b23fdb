// The cross-engine part of the inventory, pure: rows per image content, drift per tag.
import 'server-only';
import { createHash } from 'node:crypto';
import type { InventoryDrift, InventoryPlacement, InventoryRow } from '@/lib/api/inventory';

/** One engine's image, with what identifies its content. */
export interface EngineImage extends InventoryPlacement {
  created: string;
  /** Its layers' diff IDs, oldest first; null when the engine did not say (then it matches nothing). */
  diffIds: string[] | null;
  /** True when the engine's ID is the config digest (the classic store). */
  idIsConfig: boolean;
}

/**
 * The same content on any store: image IDs differ (classic: config digest; containerd: manifest or index
 * digest), but the layers and the config's creation time are the content's own. An image whose layers
 * are unknown stays its own row.
 */
export function contentKey(image: EngineImage): string {
  if (!image.diffIds) return `${image.engine}/${image.imageId}`;
  const hash = createHash('sha256').update(image.created).update('\n').update(image.diffIds.join('\n')).digest('hex');
  return `content:${hash}`;
}

export function mergeRows(images: readonly EngineImage[]): InventoryRow[] {
  const rows = new Map<string, InventoryRow>();
  for (const image of images) {
    const key = contentKey(image);
    let row = rows.get(key);
    if (!row) {
      row = {
        contentKey: key,
        configDigest: null,
        created: image.created,
        layers: image.diffIds?.length ?? 0,
        tags: [],
        placements: [],
        size: 0,
      };
      rows.set(key, row);
    }
    if (image.idIsConfig) row.configDigest = image.imageId;
    const { engine, imageId, tags, containers, size } = image;
    row.placements.push({ engine, imageId, tags, containers, size });
    row.size = Math.max(row.size, size);
  }
  for (const row of rows.values()) {
    row.tags = [...new Set(row.placements.flatMap((placement) => placement.tags))].sort();
    row.placements.sort((a, b) => a.engine.localeCompare(b.engine));
  }
  // Most widely held first, then newest: what a person looks for across hosts.
  return [...rows.values()].sort((a, b) => b.placements.length - a.placements.length || b.created.localeCompare(a.created));
}

/** Tags that name different content on different engines. */
export function findDrift(rows: readonly InventoryRow[]): InventoryDrift[] {
  const byTag = new Map<string, Map<string, { engines: string[]; imageIds: string[] }>>();
  for (const row of rows) {
    for (const placement of row.placements) {
      for (const tag of placement.tags) {
        const variants = byTag.get(tag) ?? new Map();
        byTag.set(tag, variants);
        const variant = variants.get(row.contentKey) ?? { engines: [], imageIds: [] };
        variants.set(row.contentKey, variant);
        variant.engines.push(placement.engine);
        variant.imageIds.push(placement.imageId);
      }
    }
  }
  const drift: InventoryDrift[] = [];
  for (const [tag, variants] of byTag) {
    if (variants.size < 2) continue;
    drift.push({ tag, variants: [...variants].map(([contentKey, variant]) => ({ contentKey, ...variant })) });
  }
  return drift.sort((a, b) => a.tag.localeCompare(b.tag));
}
