// The cross-engine part of the inventory, pure: rows per image content, drift per tag.
import 'server-only';
import { createHash } from 'node:crypto';
import type { InventoryDrift, InventoryPlacement, InventoryRow } from '@/lib/api/inventory';

/** One engine's image, with what identifies its content. */
export interface EngineImage extends InventoryPlacement {
  created: string;
  /** Its layers' diff IDs, oldest first; null when the engine did not say (then it matches nothing). */
  diffIds: string[] | null;
  /** The config's labels and its history (each step's time, instruction and comment): content, not names. */
  labels: Record<string, string>;
  history: readonly { created: number; createdBy: string; comment: string }[];
  /** True when the engine's ID is the config digest (the classic store). */
  idIsConfig: boolean;
}

/**
 * The same content on any store: image IDs differ (classic: config digest; containerd: manifest or index
 * digest), and neither store tells the other's, but the layers, the config's creation time, its labels and
 * its history are the content's own on both. An image whose layers are unknown stays its own row.
 */
export function contentKey(image: EngineImage): string {
  if (!image.diffIds) return `${image.engine}/${image.imageId}`;
  const labels = Object.entries(image.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256')
    .update(
      JSON.stringify([image.created, image.diffIds, labels, image.history.map((step) => [step.created, step.createdBy, step.comment])]),
    )
    .digest('hex');
  return `content:${hash}`;
}

function newRow(key: string, image: EngineImage): InventoryRow {
  return {
    contentKey: key,
    configDigest: null,
    created: image.created,
    layers: image.diffIds?.length ?? 0,
    tags: [],
    placements: [],
    size: 0,
  };
}

/**
 * The row an image joins. The classic store's ID is the config digest, so two classic images join only by
 * it; otherwise the content hash must point at exactly one row that this engine is not on yet and whose
 * config digest (if known) does not say otherwise. An ambiguous match is no match.
 */
function rowFor(image: EngineImage, byConfig: Map<string, InventoryRow>, byHash: Map<string, InventoryRow[]>): InventoryRow | null {
  if (image.idIsConfig && byConfig.has(image.imageId)) return byConfig.get(image.imageId)!;
  const candidates = (byHash.get(contentKey(image)) ?? []).filter(
    (row) =>
      !row.placements.some((placement) => placement.engine === image.engine) &&
      !(image.idIsConfig && row.configDigest && row.configDigest !== image.imageId),
  );
  return candidates.length === 1 ? candidates[0]! : null;
}

export function mergeRows(images: readonly EngineImage[]): InventoryRow[] {
  const rows: InventoryRow[] = [];
  const byConfig = new Map<string, InventoryRow>();
  const byHash = new Map<string, InventoryRow[]>();
  for (const image of images) {
    let row = rowFor(image, byConfig, byHash);
    if (!row) {
      const hash = contentKey(image);
      const taken = (byHash.get(hash) ?? []).length > 0;
      row = newRow(taken ? `${hash}/${image.engine}/${image.imageId}` : hash, image);
      rows.push(row);
      byHash.set(hash, [...(byHash.get(hash) ?? []), row]);
    }
    if (image.idIsConfig) {
      row.configDigest = image.imageId;
      byConfig.set(image.imageId, row);
    }
    const { engine, imageId, tags, containers, size } = image;
    row.placements.push({ engine, imageId, tags, containers, size });
    row.size = Math.max(row.size, size);
  }
  for (const row of rows) {
    row.tags = [...new Set(row.placements.flatMap((placement) => placement.tags))].sort();
    row.placements.sort((a, b) => a.engine.localeCompare(b.engine));
  }
  // Most widely held first, then newest: what a person looks for across hosts.
  return rows.sort((a, b) => b.placements.length - a.placements.length || b.created.localeCompare(a.created));
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
