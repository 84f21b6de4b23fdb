// An image's build history as a timeline, and two images compared step by step.
import { z } from '@/lib/api/zod';
import { imageRefParam } from '@/lib/api/references';

/** One step of an image's build history, oldest first. */
export interface HistoryStep {
  index: number;
  /** FROM, RUN, COPY, ENV, … or IMPORT (a root filesystem from `docker import`). */
  instruction: string;
  /** Decoded: `RUN apt-get update`, not `/bin/sh -c apt-get update`. Not redacted: views redact. */
  createdBy: string;
  created: string;
  /**
   * Bytes this step added; 0 for metadata-only steps. Classic store: the layer's bytes (0 for a 0-byte layer).
   * containerd store: the disk its unpacked snapshot takes, in filesystem blocks (an empty layer is 8 KiB).
   */
  size: number;
  /** True when the step made no filesystem layer (ENV, LABEL, CMD, … or a RUN that changed nothing). */
  emptyLayer: boolean;
  /** The layer this step made, matched in order to RootFS.Layers; null for empty steps. */
  diffId: string | null;
  layerIndex: number | null;
  /** The step's own image ID when it exists locally; null when the engine says `<missing>`. */
  imageId: string | null;
  tags: string[];
  comment: string;
  /** Other local images whose stacks hold this very layer (same chain ID): stored once on disk. */
  sharedWith: string[];
  /** The step belongs to the base image this one was built FROM. */
  fromBase: boolean;
}

export interface ImageBrief {
  id: string;
  shortId: string;
  repoTags: string[];
}

export interface BaseImage extends ImageBrief {
  layerCount: number;
  /** The bytes of its layers, measured as the steps are (HistoryStep.size). */
  size: number;
  stepCount: number;
}

export interface HistoryResponse {
  /**
   * `size` is the image's disk usage as in ImageSummary. `unpackedSize` (containerd store only, else null) is
   * what the steps' sizes add up to there, less the legacy builder's few blocks per build container.
   */
  image: ImageBrief & {
    created: string;
    size: number;
    unpackedSize: number | null;
    architecture: string;
    os: string;
    /** The platform shown (`linux/arm64`) when one of a multi-platform image was asked for. */
    platform?: string;
  };
  steps: HistoryStep[];
  /** The largest local tagged image whose layers this one's start with: what it was built FROM. */
  base: BaseImage | null;
  /** Names of the images `sharedWith` and `base` mention, by ID. */
  related: Record<string, ImageBrief>;
  /** How steps were matched to layers: the history API alone, or the image config's empty_layer flags. */
  mapping: 'history' | 'config' | 'unknown';
}

export type CompareRowKind = 'same' | 'changed' | 'only-a' | 'only-b';

export interface CompareRow {
  kind: CompareRowKind;
  a: HistoryStep | null;
  b: HistoryStep | null;
  /** b's size minus a's, in bytes. */
  delta: number;
}

export interface CompareResponse {
  a: HistoryResponse['image'];
  b: HistoryResponse['image'];
  /** Layers both images use (same chain ID): one copy on disk. */
  sharedLayers: { diffId: string; size: number }[];
  sharedBytes: number;
  onlyA: { diffId: string; size: number; createdBy: string | null }[];
  onlyB: { diffId: string; size: number; createdBy: string | null }[];
  rows: CompareRow[];
}

/** `?a=…&b=…` for /api/compare: two image references or IDs. */
export const compareQuery = z.object({
  a: z.string({ error: 'Say which image to compare: ?a=…' }).pipe(imageRefParam),
  b: z.string({ error: 'Say which image to compare it with: ?b=…' }).pipe(imageRefParam),
});
