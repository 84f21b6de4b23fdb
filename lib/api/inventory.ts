// One inventory across every engine: the same image content found on several hosts is one row, and a
// tag that names different content on different hosts is drift.
import type { ImageStore } from '@/lib/api/engine';

/** Where one image content lives on one engine. */
export interface InventoryPlacement {
  engine: string;
  /** That engine's ID for it (the config digest on the classic store, the manifest or index digest on containerd). */
  imageId: string;
  tags: string[];
  containers: number;
  /** Its size as that engine's list reports it. */
  size: number;
}

export interface InventoryRow {
  /**
   * What identifies the content on every store: the config digest where the engine's ID is one (classic),
   * else the layers' diff IDs with the config's creation time. Engines holding the same content share it.
   */
  contentKey: string;
  /** The image config's digest when an engine told it (the classic store's image ID). */
  configDigest: string | null;
  created: string;
  layers: number;
  /** Every tag on any engine, sorted. */
  tags: string[];
  placements: InventoryPlacement[];
  /** The largest size any engine reports for it. */
  size: number;
}

export interface InventoryEngine {
  engine: string;
  reachable: boolean;
  imageStore: ImageStore | null;
  images: number;
  /** Disk its images use, every shared layer counted once on that engine (as on the images page). */
  diskUsed: number;
  exact: boolean;
  error: { code: string; message: string } | null;
}

/** One tag, and the different contents it names across the engines that have it. */
export interface InventoryDrift {
  tag: string;
  variants: { contentKey: string; engines: string[]; imageIds: string[] }[];
}

export interface InventoryResponse {
  rows: InventoryRow[];
  engines: InventoryEngine[];
  drift: InventoryDrift[];
  totals: {
    /** Distinct contents across every engine that answered. */
    contents: number;
    /** Contents found on two engines or more. */
    onSeveral: number;
    /** The engines' disk use added up: shared layers once per engine, since each host stores its own copy. */
    diskUsed: number;
  };
}
