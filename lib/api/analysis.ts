// Shapes of the layer file analysis (issue 4): what each layer adds, changes and removes, and where
// space is wasted. Shared by the server and the browser.
import { z } from '@/lib/api/zod';
import type { ErrorLine } from '@/lib/api/errors';
import type { ImagePackages } from '@/lib/api/packages';

export type EntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

/** One path as a layer's tar records it. Whiteouts are decoded: `removes` / `opaque`. */
export interface LayerEntry {
  path: string;
  type: EntryType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** sha256 of a regular file's content; null for everything else. */
  hash: string | null;
  linkTarget: string | null;
  /** `.wh.name`: this layer deletes `path` (and all under it). */
  removes: boolean;
  /** `.wh..wh..opq`: this layer hides everything earlier layers had under directory `path`. */
  opaque: boolean;
}

export type Change = 'added' | 'modified' | 'removed' | 'unchanged';

/** One path in one layer's change list (modes and owners as the layer records them; 0 for removals). */
export interface LayerChange extends Pick<LayerEntry, 'path' | 'type' | 'size' | 'mode' | 'uid' | 'gid'> {
  change: Change;
  /** Set when only the mode or owner changed: the layer still holds a full copy. */
  permissionsOnly: boolean;
  /** What a symlink or hard link points at; left out for everything else. */
  linkTarget?: string;
}

export interface LayerSummary {
  position: number;
  diffId: string;
  added: number;
  modified: number;
  removed: number;
  /** Bytes of file content this layer stores. */
  bytes: number;
}

export type WasteKind = 'overwritten' | 'permissions' | 'deleted';

export interface WastedPath {
  path: string;
  bytes: number;
  kind: WasteKind;
  /** 1-based layer positions: where the wasted copy lives, then where it was superseded or deleted. */
  layers: [number, number];
  reason: string;
  hint: string;
}

export interface ImageAnalysis {
  /** 1 − wastedBytes / totalBytes. */
  efficiency: number;
  wastedBytes: number;
  /** Bytes of file content stored across all layers. */
  totalBytes: number;
  layers: LayerSummary[];
  wasted: WastedPath[];
  changes: LayerChange[][];
}

export const layerFilesQuery = z.object({
  path: z
    .string()
    .max(4096)
    .default('')
    .transform((value) => value.replace(/^\/+|\/+$/g, '')),
  view: z.enum(['changes', 'filesystem']).default('changes'),
});

export const diffIdParam = z.string().pipe(z.string().regex(/^sha256:[0-9a-f]{64}$/, 'A layer is named by its diff ID, sha256:<64 hex>.'));

/** One line of `GET /api/images/[ref]/analysis` (NDJSON): progress while the export streams, then the result. */
export type AnalysisEvent =
  | { kind: 'progress'; bytesRead: number; totalBytes: number; cachedLayers: number; layers: number }
  | { kind: 'result'; analysis: ImageAnalysis; packages: ImagePackages }
  | ErrorLine;
