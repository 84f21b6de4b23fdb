// Retention rules: a saved policy ("keep the last 3 of every repository") with an optional schedule,
// its preview (the exact deletes a run would make now), and the report of each run.
import { ENGINE_NAME } from '@/lib/api/engines';
import type { BuildCacheRecord, PruneBytes, PruneImage, PruneKeep } from '@/lib/api/prune';
import { z } from '@/lib/api/zod';

const AGE = /^(\d{1,4})(m|h|d)$/;
const AGE_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `90m`, `12h`, `7d` in milliseconds; null for anything else. */
export function ageMs(age: string): number | null {
  const match = AGE.exec(age);
  return match ? Number(match[1]) * AGE_MS[match[2] as keyof typeof AGE_MS] : null;
}

const ageSchema = z
  .string()
  .trim()
  .refine((age) => (ageMs(age) ?? 0) > 0, 'Give an age like 90m, 12h or 7d.');

/** The engine names Strata lists (a Docker context's name, `default`, or one from STRATA_ENGINES). */
const engineName = z.string().regex(ENGINE_NAME, 'Name an engine as the engine switcher lists it.');

/** `*` stands for any run of characters; everything else matches itself. */
export const repositoryPattern = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(
    /^[a-z0-9*][a-z0-9._/:*-]*$/,
    'A repository pattern is a repository name (lower case) where * stands for anything, like ci/* or app.',
  );

export const scheduleSchema = z.object({
  every: z.enum(['off', 'hourly', 'daily']),
  /** Server time, `HH:MM`: the time of day of a daily run; an hourly run uses its minutes. */
  at: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give the time as HH:MM, like 03:00.')
    .default('03:00'),
});
export type Schedule = z.output<typeof scheduleSchema>;

/** What a person writes: the rule without what Strata keeps about it. */
export const ruleDraftSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the rule a name.').max(80),
    engines: z.array(engineName).min(1, 'Choose at least one engine.').max(20),
    /** `dangling`: only untagged images; `unused`: also tagged ones no container uses. */
    images: z.enum(['dangling', 'unused']),
    /** Keep the newest `count` images of each repository; by when each was built, or last tagged. */
    keepNewest: z
      .object({ count: z.number().int().min(0).max(1000), by: z.enum(['created', 'tagged']) })
      .nullable()
      .default(null),
    olderThan: ageSchema.nullable().default(null),
    repositories: repositoryPattern.nullable().default(null),
    /** Free space until images take under this many bytes (the engine's /system/df LayersSize). */
    budgetBytes: z
      .number()
      .int()
      .positive()
      .max(2 ** 53)
      .nullable()
      .default(null),
    buildCacheOlderThan: ageSchema.nullable().default(null),
    schedule: scheduleSchema.default({ every: 'off', at: '03:00' }),
  })
  .strict();

export type RuleDraft = z.output<typeof ruleDraftSchema>;
export type RuleDraftInput = z.input<typeof ruleDraftSchema>;

/** What a run may delete without asking again: the preview when the rule was saved (or last confirmed). */
export interface RuleBaseline {
  images: number;
  bytes: number;
  at: string;
}

export interface RetentionRule extends RuleDraft {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** When the schedule was last set: windows before it never run. */
  scheduledSince: string;
  /** Per engine. */
  baseline: Record<string, RuleBaseline>;
}

/** A rule as /cleanup lists it. */
export interface RuleView extends RetentionRule {
  /** The next window, null when off (or when schedules are disabled). */
  nextRun: string | null;
  /** The newest report per engine. */
  lastRuns: ReportSummary[];
}

export interface RuleImage extends PruneImage {
  /** Repositories the image is tagged in (or was, for a dangling one). */
  repositories: string[];
}

/** One engine's preview of a rule: exactly what a run would delete now. */
export interface RulePreview {
  engine: string;
  at: string;
  images: RuleImage[];
  /** Images the rule looked at and keeps, each with why (the engine's own reasons included). */
  keep: PruneKeep[];
  /** Bytes the deletes free, every layer counted once. */
  freedBytes: number;
  bytes: PruneBytes;
  /** With a byte budget: whether the deletes bring the images under it. */
  budget: { limit: number; before: number; after: number; met: boolean } | null;
  buildCache: { records: BuildCacheRecord[]; bytes: number } | null;
}

export type RuleEnginePreview =
  { engine: string; ok: true; preview: RulePreview } | { engine: string; ok: false; error: { code: string; message: string } };

export type RunStatus = 'applied' | 'nothing' | 'held' | 'failed';

export interface ReportSummary {
  id: string;
  ruleId: string;
  ruleName: string;
  engine: string;
  trigger: 'schedule' | 'manual';
  /** The schedule window a scheduled run was for. */
  window: string | null;
  startedAt: string;
  finishedAt: string;
  status: RunStatus;
  /** One sentence: what happened, or why not. */
  message: string;
  deletedImages: number;
  /** Measured: the drop of /system/df LayersSize (images) plus the build cache bytes the engine reclaimed. */
  freedBytes: number;
  matchesPreview: boolean;
}

export interface RunReport extends ReportSummary {
  /** What the run previewed right before it deleted (what it was allowed to delete). */
  preview: RulePreview | null;
  deleted: { id: string; repoTags: string[] }[];
  untagged: string[];
  /** /system/df LayersSize before and after. */
  diskBefore: number | null;
  diskAfter: number | null;
  buildCacheDeleted: number;
  buildCacheBytes: number;
  differences: string[];
}

export interface RetentionOverview {
  rules: RuleView[];
  reports: ReportSummary[];
  /** STRATA_READ_ONLY=1: schedules do not run and rules cannot change. */
  readOnly: boolean;
  /** The server's time zone, which schedule times are in. */
  timeZone: string;
}

export const runRequestSchema = z
  .object({
    /** The second confirmation: run although the set grew past twice the saved preview (and make it the new baseline). */
    confirm: z.boolean().default(false),
  })
  .strict();

export const ruleIdParam = z.string().uuid('Name a rule by its ID.');

/** The part of a saved rule a person wrote: what a preview or an edit sends back. */
export function draftOfRule(rule: RuleDraft): RuleDraft {
  const { name, engines, images, keepNewest, olderThan, repositories, budgetBytes, buildCacheOlderThan, schedule } = rule;
  return { name, engines, images, keepNewest, olderThan, repositories, budgetBytes, buildCacheOlderThan, schedule };
}
