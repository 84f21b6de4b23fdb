// Cleanup: the prune request, its preview and report, and disk usage as `docker system df` counts it.
import { z } from '@/lib/api/zod';

export type PruneTarget = 'dangling' | 'unused' | 'build-cache';

export interface PruneImage {
  id: string;
  shortId: string;
  repoTags: string[];
  size: number;
  /** Bytes the prune frees because of this image (layers no remaining image holds), attributed once. */
  freedBytes: number;
  created: string;
  /** Why it goes, in plain words. */
  reason: string;
  /** What it used to be called, when Strata saw it tagged before it became dangling. */
  formerTags: string[];
}

export interface PruneKeep {
  id: string;
  shortId: string;
  repoTags: string[];
  reason: string;
  /** Tags the engine removes even though it keeps the image. */
  untags: string[];
}

export interface PruneResult {
  /** Image IDs the engine reported deleted and that are really gone (intermediates included; layer IDs left out). */
  deletedImages: string[];
  untagged: string[];
  /** LayersSize before − after (the figure `bytes` in the response describes). */
  spaceReclaimed: number;
  /** Disk really used (every layer once) before and after, from the engine's own /system/df. */
  diskBefore: number;
  diskAfter: number;
  matchesPreview: boolean;
  differences: string[];
}

export interface BuildCacheRecord {
  id: string;
  type: string;
  description: string;
  size: number;
  inUse: boolean;
  shared: boolean;
  lastUsed: string | null;
}

/** What the bytes of a prune measure, so a person knows which figure they read. */
export interface PruneBytes {
  /**
   * `layers`: classic store, layer diff sizes. `snapshots-and-content`: containerd store, unpacked
   * snapshots plus compressed blobs. Either way the drop in `/system/df` LayersSize.
   */
  figure: 'layers' | 'snapshots-and-content';
  /** False when some sizes were unknown and the prediction is an estimate. */
  exact: boolean;
  /** One or two sentences saying what is counted (and, if not exact, why). */
  note: string;
}

export interface PruneResponse {
  dryRun: boolean;
  target: PruneTarget;
  images: PruneImage[];
  keep: PruneKeep[];
  buildCache: BuildCacheRecord[];
  /** Predicted (dry run) or reclaimed (applied) bytes. */
  spaceReclaimed: number;
  /** What the image bytes measure; null for build cache. */
  bytes: PruneBytes | null;
  result: PruneResult | null;
}

export interface DiskUsageCategory {
  count: number;
  size: number;
  reclaimable: number;
  active: number;
}

export interface DiskUsage {
  images: DiskUsageCategory;
  containers: DiskUsageCategory;
  volumes: DiskUsageCategory;
  buildCache: DiskUsageCategory;
  buildCacheRecords: BuildCacheRecord[];
}

const DURATION = /^(\d+)(s|m|h|d)$/;

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "older than": `24h`, `7d`, `90m` before now, or an ISO date. */
export const untilParam = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const duration = DURATION.exec(raw);
    if (duration) return new Date(Date.now() - Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS]);
    // Only real dates: `new Date("2")` would happily mean February 2001.
    const date = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) ? new Date(raw) : new Date(Number.NaN);
    if (!Number.isNaN(date.getTime())) return date;
    ctx.addIssue({ code: 'custom', message: `“${raw}” is not an age: use 24h, 7d, 90m or a date like 2026-01-31.` });
    return z.NEVER;
  });

/** POST /api/prune. The route passes the parsed body straight to lib/docker/prune/run.ts. */
export const pruneRequestSchema = z.object({
  target: z.enum(['dangling', 'unused', 'build-cache']),
  dryRun: z.boolean().default(true),
  until: untilParam.optional(),
  labels: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[^=\s\p{Cc}\p{Cf}]+(=[^\p{Cc}\p{Cf}]*)?$/u, 'A label filter is key or key=value, without control characters.')
        .max(1024),
    )
    .max(20)
    .optional(),
  only: z
    .array(z.string().regex(/^sha256:[0-9a-f]{64}$/, 'Pick images by their full ID.'))
    .max(5000)
    .optional(),
  expect: z
    .array(z.string().regex(/^sha256:[0-9a-f]{64}$/))
    .max(5000)
    .optional(),
});

/** What the server works with: `until` already a date, `dryRun` defaulted. */
export type PruneRequest = z.output<typeof pruneRequestSchema>;
/** What the cleanup page chooses (it decides `dryRun` itself, preview or apply): the body as sent. */
export type PruneParams = Omit<z.input<typeof pruneRequestSchema>, 'dryRun'>;
