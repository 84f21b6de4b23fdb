// Cleanup: the prune request, its preview and report, and disk usage as `docker system df` counts it.
import type { BuilderKind } from '@/lib/api/build';
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
  /** Build cache: the record IDs the engine reported deleted (its CachesDeleted); [] for images. */
  deletedRecords: string[];
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
  /** BuildKit's record type: `regular`, `source.local`, `exec.cachemount`, `internal`, `frontend`, … */
  type: string;
  description: string;
  size: number;
  /** A build holds it right now: no prune removes it. */
  inUse: boolean;
  /** Its data is also an image's layers (so removing it frees nothing until the image goes too). */
  shared: boolean;
  lastUsed: string | null;
  /** The records it is built on: BuildKit removes a parent only once no record is built on it. */
  parents: string[];
  usageCount: number;
}

export interface BuildCacheKept {
  record: BuildCacheRecord;
  /** Why the prune keeps it, in plain words. */
  reason: string;
}

/** The builder the engine uses when a build does not ask: BuildKit from Docker 23 (its `/_ping` says so), classic before. */
export type DefaultBuilder = BuilderKind;

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
  /** Build cache records the prune removes (build-cache target; [] otherwise). */
  buildCache: BuildCacheRecord[];
  /** Build cache records it keeps, each with the reason. */
  buildCacheKept: BuildCacheKept[];
  /** Build cache target: the engine's default builder, so the page can say where records come from. */
  builder: DefaultBuilder | null;
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

/** A BuildKit cache record ID as /system/df names it (25 base-36 characters today; a little leeway). */
const recordId = z.string().regex(/^[a-z0-9]{8,64}$/, 'Name build cache records by their ID as the engine lists them.');

/** POST /api/prune. The route passes the parsed body straight to lib/docker/prune/run.ts. */
const pruneRequestObject = z.object({
  target: z.enum(['dangling', 'unused', 'build-cache']),
  dryRun: z.boolean().default(true),
  until: untilParam.optional(),
  /** Build cache only: `docker builder prune --all` (shared and internal records too; never those in use). */
  all: z.boolean().optional(),
  /** Build cache only: the record IDs the preview listed; the apply refuses (409) if the plan is no longer that. */
  expectRecords: z.array(recordId).max(10_000).optional(),
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

// Options that mean nothing for a target are refused, not ignored: a request that says `all` for images
// or a label for build cache would otherwise preview something other than what its sender asked.
export const pruneRequestSchema = pruneRequestObject.superRefine((request, ctx) => {
  const refuse = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (request.target === 'build-cache') {
    if (request.labels?.length) refuse('labels', 'Build cache records have no labels to filter on: leave out “labels”.');
    if (request.only || request.expect) refuse('only', 'Build cache is pruned as a whole by the engine: it cannot delete a chosen subset.');
    if (request.until && request.until.getTime() > Date.now())
      refuse('until', '“until” is in the future: give an age (24h, 90m) or a date that has passed.');
  } else {
    if (request.all !== undefined) refuse('all', '“all” is for build cache; for images choose the target “unused”.');
    if (request.expectRecords) refuse('expectRecords', '“expectRecords” is for build cache; for images send “expect”.');
  }
});

/** What the server works with: `until` already a date, `dryRun` defaulted. */
export type PruneRequest = z.output<typeof pruneRequestSchema>;
/** What the cleanup page chooses (it decides `dryRun` itself, preview or apply): the body as sent. */
export type PruneParams = Omit<z.input<typeof pruneRequestSchema>, 'dryRun'>;
