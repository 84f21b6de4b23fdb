// A rule's preview on the engine in scope: the rule picks images (select.ts, budget.ts), the prune plan
// of the engine's store decides what those deletes really do (lib/docker/prune/plan.ts: in-use images,
// parents, intermediates, shared layers counted once), and build cache goes by BuildKit's own rule.
// The same function plans a run, which then applies exactly this set (lib/docker/retention/run.ts).
import 'server-only';
import type { PruneKeep } from '@/lib/api/prune';
import { ageMs, type RuleDraft, type RuleImage, type RulePreview } from '@/lib/api/retention';
import { activeEngine } from '@/lib/docker/engine/scope';
import { attachBlobs } from '@/lib/docker/prune/blobs';
import { previewBuildCache } from '@/lib/docker/prune/build-cache';
import { exportLimitBytes } from '@/lib/docker/prune/current-plan';
import { imageStoreDiskUsed } from '@/lib/docker/prune/disk-usage';
import { imageStoreKind, planInventory } from '@/lib/docker/prune/inventory';
import { planPrune, type PlanOptions } from '@/lib/docker/prune/plan';
import { fitBudget } from '@/lib/docker/retention/budget';
import { repositoryOf, selectForRule } from '@/lib/docker/retention/select';
import { formatBytes } from '@/lib/format';

/** What the apply sends the prune machinery, so it deletes exactly the preview's set. */
export interface RuleApply {
  target: 'dangling' | 'unused';
  only: string[];
  expect: string[];
  buildCacheUntil: Date | null;
  expectRecords: string[];
}

export interface PlannedRule {
  preview: RulePreview;
  apply: RuleApply;
}

/**
 * BuildKit's `until` is an age from the engine's own now: a cutoff after the real time (a test's clock
 * set ahead) would read as no limit at all, so it is kept a second in the past.
 */
function buildCacheCutoff(rule: RuleDraft, now: Date): Date | null {
  const age = rule.buildCacheOlderThan ? ageMs(rule.buildCacheOlderThan) : null;
  return age === null ? null : new Date(Math.min(now.getTime() - age, Date.now() - 1000));
}

export async function planRule(rule: RuleDraft, now: Date = new Date()): Promise<PlannedRule> {
  const store = await imageStoreKind();
  // Ranking needs exact times: the list's whole seconds would tie builds made in the same second.
  let images = await planInventory({ store, recordTimes: rule.keepNewest?.by === 'tagged', exactCreated: rule.keepNewest !== null });
  const selection = selectForRule(images, rule, now);
  const ordered = selection.chosen.map((chosen) => chosen.image.id);
  // On the containerd store the bytes a delete frees include blobs, read from the images' export.
  if (store === 'containerd' && ordered.length > 0)
    images = await attachBlobs(images, new Set(ordered), { limitBytes: exportLimitBytes() });
  const options: Omit<PlanOptions, 'only'> = { store, target: rule.images };
  const budgetKeep: PruneKeep[] = [];
  let only = ordered;
  let budget: RulePreview['budget'] = null;
  let plan;
  if (rule.budgetBytes !== null) {
    // What the images take now (/system/df), read only for a budget: it is the budget's starting point.
    const before = (await imageStoreDiskUsed()) ?? 0;
    const fit = fitBudget(images, ordered, options, before - rule.budgetBytes);
    plan = fit.plan;
    only = ordered.slice(0, fit.count);
    for (const chosen of selection.chosen.slice(fit.count)) {
      const { image } = chosen;
      const words = fit.count === 0 ? `Images take ${formatBytes(before)}, already under` : 'Not needed to get under';
      budgetKeep.push({
        id: image.id,
        shortId: image.shortId,
        repoTags: image.repoTags,
        reason: `${words} the ${formatBytes(rule.budgetBytes)} budget.`,
        untags: [],
      });
    }
    budget = { limit: rule.budgetBytes, before, after: before - plan.freedBytes, met: fit.met };
  } else plan = planPrune(images, { ...options, only: new Set(ordered) });

  const reasons = new Map(selection.chosen.map((chosen) => [chosen.image.id, chosen]));
  const byId = new Map(images.map((image) => [image.id, image]));
  const going: RuleImage[] = plan.remove.map((image) => {
    const chosen = reasons.get(image.id);
    const source = byId.get(image.id);
    const tags = image.repoTags.length ? image.repoTags : (source?.formerTags ?? []);
    // An image the engine deletes along with a chosen one (a legacy build's intermediate) keeps the engine's reason.
    return { ...image, reason: chosen?.reason ?? image.reason, repositories: chosen?.repositories ?? [...new Set(tags.map(repositoryOf))] };
  });
  // Listed in the rule's order, oldest first (the deletes themselves go in the engine's order).
  const rank = new Map(ordered.map((id, index) => [id, index]));
  going.sort((a, b) => (rank.get(a.id) ?? ordered.length) - (rank.get(b.id) ?? ordered.length));
  const buildCacheUntil = buildCacheCutoff(rule, now);
  const cache = buildCacheUntil ? await previewBuildCache({ target: 'build-cache', dryRun: true, until: buildCacheUntil }) : null;
  const preview: RulePreview = {
    engine: activeEngine().name,
    at: now.toISOString(),
    images: going,
    keep: [...selection.keep, ...plan.keep, ...budgetKeep],
    freedBytes: plan.freedBytes,
    bytes: plan.bytes,
    budget,
    buildCache: cache ? { records: cache.buildCache, bytes: cache.spaceReclaimed } : null,
  };
  return {
    preview,
    apply: {
      target: rule.images,
      only,
      expect: plan.remove.map((image) => image.id),
      buildCacheUntil,
      expectRecords: cache ? cache.buildCache.map((record) => record.id) : [],
    },
  };
}

/** Images plus build cache bytes: what the 2× check and the rules list count. */
export const previewBytes = (preview: RulePreview) => preview.freedBytes + (preview.buildCache?.bytes ?? 0);
