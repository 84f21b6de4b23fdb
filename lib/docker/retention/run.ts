// One run of a rule on the engine in scope: under the prune lock (so no manual prune, tag or other run
// lands in between), re-preview, refuse a set that grew past twice what the person saw when saving
// (unless they confirm again), delete exactly that set with the prune machinery's own deletes and
// checks, and keep a report: what went, the bytes /system/df says were freed, and any difference.
import 'server-only';
import type { PruneResponse } from '@/lib/api/prune';
import type { RetentionRule, RulePreview, RunReport, RunStatus } from '@/lib/api/retention';
import { StrataError } from '@/lib/api/errors';
import { activeEngine } from '@/lib/docker/engine/scope';
import { exclusivePrune } from '@/lib/docker/engine/write-lock';
import { invalidateImages } from '@/lib/docker/images/list';
import { applyBuildCache } from '@/lib/docker/prune/build-cache';
import { applyPrune } from '@/lib/docker/prune/run';
import { planRule, previewBytes, type PlannedRule } from '@/lib/docker/retention/preview';
import { newReportId, saveReport, updateRules } from '@/lib/docker/retention/store';
import { formatBytes } from '@/lib/format';

export interface RunOptions {
  trigger: 'schedule' | 'manual';
  window?: Date | null;
  /** The person confirmed a set over twice the saved preview. */
  confirm?: boolean;
  now?: Date;
  /**
   * A scheduled run that finds a prune or tag change under way waits for it (up to 10 minutes) instead of
   * failing its window; a run by hand is refused at once, in words, so the person can decide.
   */
  waitForLock?: boolean;
}

const LOCK_WAIT_MS = 5_000;
const LOCK_TRIES = 120;

const busy = (error: unknown) =>
  error instanceof StrataError && error.code === 'conflict' && ['prune_running', 'writes_running'].includes(String(error.details?.reason));

/** Runs `work` under the prune lock, waiting for the lock if asked. */
async function underLock<T>(work: () => Promise<T>, holder: string, wait: boolean): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await exclusivePrune(work, holder);
    } catch (error) {
      if (!wait || !busy(error) || attempt >= LOCK_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, LOCK_WAIT_MS));
    }
  }
}

const MiB = 1024 * 1024;
const imageCount = (n: number) => `${n} image${n === 1 ? '' : 's'}`;

/** Why the run must ask first, or null: over twice the images or bytes of the saved preview (an empty one counts as 1 image and 1 MiB). */
export function growthHold(rule: RetentionRule, preview: RulePreview): string | null {
  const base = rule.baseline[preview.engine] ?? { images: 0, bytes: 0 };
  const count = preview.images.length;
  const bytes = previewBytes(preview);
  if (count <= 2 * Math.max(base.images, 1) && bytes <= 2 * Math.max(base.bytes, MiB)) return null;
  return `It would now delete ${imageCount(count)} (${formatBytes(bytes)}), more than twice what its preview showed when the rule was saved (${imageCount(base.images)}, ${formatBytes(base.bytes)}): nothing was deleted. Look at the preview and confirm to run it.`;
}

async function apply(planned: PlannedRule) {
  const { apply: plan } = planned;
  let imagesDone: PruneResponse | null = null;
  let cacheDone: PruneResponse | null = null;
  if (plan.expect.length > 0) imagesDone = await applyPrune({ target: plan.target, dryRun: false, only: plan.only, expect: plan.expect });
  if (plan.buildCacheUntil && plan.expectRecords.length > 0)
    cacheDone = await applyBuildCache({
      target: 'build-cache',
      dryRun: false,
      until: plan.buildCacheUntil,
      expectRecords: plan.expectRecords,
    });
  return { imagesDone, cacheDone };
}

function report(base: Omit<RunReport, 'finishedAt'>): RunReport {
  return { ...base, finishedAt: new Date().toISOString() };
}

export async function runRule(rule: RetentionRule, options: RunOptions): Promise<RunReport> {
  const startedAt = new Date();
  const engine = activeEngine().name;
  const empty = {
    id: newReportId(startedAt),
    ruleId: rule.id,
    ruleName: rule.name,
    engine,
    trigger: options.trigger,
    window: options.window?.toISOString() ?? null,
    startedAt: startedAt.toISOString(),
    deletedImages: 0,
    freedBytes: 0,
    matchesPreview: true,
    preview: null,
    deleted: [],
    untagged: [],
    diskBefore: null,
    diskAfter: null,
    buildCacheDeleted: 0,
    buildCacheBytes: 0,
    differences: [],
  };
  let result: RunReport;
  // Kept for a run that fails part-way: its report still shows what it set out to delete.
  let previewed: RulePreview | null = null;
  try {
    result = await underLock(
      async () => {
        const planned = await planRule(rule, options.now ?? new Date());
        const { preview } = planned;
        previewed = preview;
        const withPreview = { ...empty, preview };
        const hold = growthHold(rule, preview);
        if (hold && !options.confirm) return report({ ...withPreview, status: 'held' as RunStatus, message: hold, matchesPreview: false });
        if (preview.images.length === 0 && (preview.buildCache?.records.length ?? 0) === 0)
          return report({
            ...withPreview,
            status: 'nothing',
            message: 'Nothing to delete: every image the rule looks at is kept (see why in the preview).',
          });
        const { imagesDone, cacheDone } = await apply(planned);
        if (options.confirm) await setBaseline(rule.id, preview);
        return report(appliedReport(withPreview, imagesDone, cacheDone));
      },
      `the retention rule “${rule.name}”`,
      options.waitForLock === true,
    );
  } catch (error) {
    const message = error instanceof StrataError ? error.message : 'The run failed: see the server log.';
    if (!(error instanceof StrataError)) console.error('[strata] retention run failed', error);
    result = report({ ...empty, preview: previewed, status: 'failed', message, matchesPreview: false });
  } finally {
    invalidateImages();
  }
  await saveReport(result);
  return result;
}

function appliedReport(
  base: Omit<RunReport, 'finishedAt' | 'status' | 'message'>,
  imagesDone: PruneResponse | null,
  cacheDone: PruneResponse | null,
) {
  const images = imagesDone?.result;
  const cache = cacheDone?.result;
  const goneIds = new Set(images?.deletedImages ?? []);
  const deleted = (base.preview?.images ?? [])
    .filter((image) => goneIds.has(image.id))
    .map((image) => ({ id: image.id, repoTags: image.repoTags }));
  // The result's spaceReclaimed is already LayersSize before − after, measured by the prune.
  const freedImages = images ? Math.max(0, images.spaceReclaimed) : 0;
  const differences = [...(images?.differences ?? []), ...(cache?.differences ?? [])];
  const freedBytes = freedImages + (cache?.spaceReclaimed ?? 0);
  const cacheWords = cache ? ` and ${cache.deletedRecords.length} build cache record${cache.deletedRecords.length === 1 ? '' : 's'}` : '';
  return {
    ...base,
    status: 'applied' as RunStatus,
    message: `Deleted ${imageCount(images?.deletedImages.length ?? 0)}${cacheWords}, freeing ${formatBytes(freedBytes)}${differences.length ? '; the engine did not do exactly what the preview said' : ', exactly as previewed'}.`,
    deletedImages: images?.deletedImages.length ?? 0,
    freedBytes,
    matchesPreview: differences.length === 0,
    deleted,
    untagged: images?.untagged ?? [],
    diskBefore: images?.diskBefore ?? null,
    diskAfter: images?.diskAfter ?? null,
    buildCacheDeleted: cache?.deletedRecords.length ?? 0,
    buildCacheBytes: cache?.spaceReclaimed ?? 0,
    differences,
  };
}

/** A confirmed run's set becomes what later runs are compared with. */
function setBaseline(ruleId: string, preview: RulePreview): Promise<void> {
  return updateRules((rules) => ({
    rules: rules.map((rule) =>
      rule.id === ruleId
        ? {
            ...rule,
            baseline: {
              ...rule.baseline,
              [preview.engine]: { images: preview.images.length, bytes: previewBytes(preview), at: preview.at },
            },
          }
        : rule,
    ),
    result: undefined,
  }));
}
