// Cleanup: a preview of a prune computed from Strata's own snapshot, then the engine's prune (or a
// chosen subset) and a report that sets what happened beside what was predicted.
import 'server-only';
import type { DiskUsage, PruneResponse, PruneResult, PruneTarget } from '@/lib/api/types';
import { StrataError } from '@/lib/api/errors';
import { dial, engine, engineTimeoutMs } from '@/lib/docker/client';
import { mapBuildCache, mapDiskUsage, rawDiskUsage } from '@/lib/docker/disk-usage';
import { invalidateImages, listImages, snapshot } from '@/lib/docker/images';
import { PROTECT_LABEL, engineTagOrder, planPrune, type PlanImage, type PlanOptions } from '@/lib/docker/prune-plan';
import { ensureTagMemory, formerTags, rememberTags } from '@/lib/docker/tag-memory';
import { exclusivePrune } from '@/lib/docker/write-lock';

export interface PruneRequest {
  target: PruneTarget;
  dryRun: boolean;
  until?: Date | null;
  labels?: string[];
  /** Delete just these image IDs (still by the engine's rules) instead of everything that matches. */
  only?: string[] | null;
  /** The IDs the user saw in the preview and confirmed: if the engine changed since, nothing runs. */
  expect?: string[] | null;
}

// A prune answers only when it has deleted everything, which takes longer the more there is to delete.
const pruneTimeoutMs = () => engineTimeoutMs() * 12;

async function planImages(): Promise<PlanImage[]> {
  await ensureTagMemory();
  const [{ images }, snap] = await Promise.all([listImages(), snapshot()]);
  rememberTags(images);
  return images.map((image) => {
    const layers = snap.layers.get(image.id);
    return {
      id: image.id,
      shortId: image.shortId,
      repoTags: image.repoTags,
      size: image.size,
      created: image.created,
      labels: image.labels,
      containers: snap.containers.get(image.id) ?? [],
      ancestors: (layers?.history ?? []).flatMap((step) => (step.Id && step.Id !== image.id && step.Id !== '<missing>' ? [step.Id] : [])),
      layers: layers ? layers.chainIds.map((chainId, i) => ({ chainId, size: layers.sizes?.[i] ?? null })) : [],
      formerTags: formerTags(image.id, image.repoTags),
    };
  });
}

/** Exactly what `prune -a` would free: the "reclaimable" figure for images. */
export async function getDiskUsage(): Promise<DiskUsage> {
  const [raw, plan] = await Promise.all([rawDiskUsage(), planImages().then((images) => planPrune(images, { target: 'unused' }))]);
  return mapDiskUsage(raw, plan.freedBytes);
}

/** Disk really used by image layers, best effort: a failing `df` must not turn a finished prune into an error. */
async function diskUsed(): Promise<number | null> {
  try {
    const raw = await rawDiskUsage();
    return raw.LayersSize ?? raw.ImagesUsage?.TotalSize ?? raw.ImageUsage?.TotalSize ?? null;
  } catch {
    return null;
  }
}

function engineFilters(request: PruneRequest): Record<string, string[]> {
  const filters: Record<string, string[]> = { dangling: [request.target === 'dangling' ? 'true' : 'false'], 'label!': [`${PROTECT_LABEL}=true`] };
  if (request.until) filters.until = [String(Math.floor(request.until.getTime() / 1000))];
  if (request.labels?.length) filters.label = request.labels;
  return filters;
}

interface EngineDeleted {
  Untagged?: string;
  Deleted?: string;
}

/** One image the way the engine's prune handles it: tags one by one in its order, then the image by ID. */
async function deleteLikePrune(image: PlanImage): Promise<EngineDeleted[]> {
  const out: EngineDeleted[] = [];
  const attempt = async (ref: string) => {
    try {
      out.push(...((await engine((docker) => docker.getImage(ref).remove({ force: false, noprune: false }))) as EngineDeleted[]));
      return true;
    } catch (error) {
      // Conflicts are skipped, as the engine's prune skips them.
      if (error instanceof StrataError && error.code === 'conflict') return false;
      throw error;
    }
  };
  if (image.repoTags.length === 0) await attempt(image.id);
  else for (const tag of engineTagOrder(image.repoTags)) if (!(await attempt(tag))) break;
  return out;
}


export async function prune(request: PruneRequest): Promise<PruneResponse> {
  // A preview only reads; a real prune plans and deletes under the lock, so no other write of
  // Strata's lands between its plan and its deletes (lib/docker/write-lock.ts).
  if (request.dryRun) return request.target === 'build-cache' ? pruneBuildCache(true) : planOnly(request);
  return exclusivePrune(() => (request.target === 'build-cache' ? pruneBuildCache(false) : applyPrune(request)));
}

function planFor(request: PruneRequest, before: PlanImage[]) {
  // Build cache never gets here (prune() sends it to pruneBuildCache).
  const target = request.target === 'build-cache' ? 'dangling' : request.target;
  const options: PlanOptions = { target, until: request.until, labels: request.labels, only: request.only ? new Set(request.only) : null };
  const plan = planPrune(before, options);
  return { plan, preview: { target: request.target, images: plan.remove, keep: plan.keep, buildCache: [] } };
}

async function planOnly(request: PruneRequest): Promise<PruneResponse> {
  const { plan, preview } = planFor(request, await planImages());
  return { ...preview, dryRun: true, spaceReclaimed: plan.freedBytes, result: null };
}

async function applyPrune(request: PruneRequest): Promise<PruneResponse> {
  const before = await planImages();
  const { plan, preview } = planFor(request, before);
  if (request.expect) {
    const now = plan.remove.map((image) => image.id).sort().join();
    if (now !== [...request.expect].sort().join()) {
      throw new StrataError('conflict', 'Images changed since the preview: what would be deleted is no longer what you confirmed. Look at the new preview and confirm again.');
    }
  }
  const diskBefore = await diskUsed();
  let entries: EngineDeleted[];
  let reported: number | null = null;
  if (request.only) {
    entries = [];
    // What the plan deletes, and the kept images it says lose tags — never a protected one.
    const touched = new Set([...plan.remove.map((item) => item.id), ...plan.keep.filter((item) => item.untags.length > 0).map((item) => item.id)]);
    const targets = before.filter((candidate) => touched.has(candidate.id));
    for (const [index, image] of targets.entries()) {
      try {
        entries.push(...(await deleteLikePrune(image)));
      } catch (error) {
        invalidateImages();
        throw partlyDone(error, index, targets.length, entries);
      }
    }
  } else {
    const answer = await dial<{ ImagesDeleted: EngineDeleted[] | null; SpaceReclaimed: number }>({
      path: '/images/prune',
      method: 'POST',
      query: { filters: JSON.stringify(engineFilters(request)) },
      timeoutMs: pruneTimeoutMs(),
    });
    entries = answer.ImagesDeleted ?? [];
    reported = answer.SpaceReclaimed;
  }
  invalidateImages();
  const diskAfter = await diskUsed();
  const known = new Set(before.map((image) => image.id));
  const deletedImages = entries.flatMap((entry) => (entry.Deleted && known.has(entry.Deleted) ? [entry.Deleted] : []));
  const untagged = entries.flatMap((entry) => (entry.Untagged ? [entry.Untagged] : []));
  const spaceReclaimed = reported ?? (diskBefore !== null && diskAfter !== null ? diskBefore - diskAfter : 0);
  return { ...preview, dryRun: false, spaceReclaimed, result: compare(plan, { deletedImages, untagged, spaceReclaimed, diskBefore: diskBefore ?? 0, diskAfter: diskAfter ?? 0 }) };
}

/** A prune of chosen images that stopped part-way says how far it got rather than only why it stopped. */
function partlyDone(error: unknown, done: number, total: number, entries: EngineDeleted[]): unknown {
  if (!(error instanceof StrataError) || entries.length === 0) return error;
  const untagged = entries.flatMap((entry) => (entry.Untagged ? [entry.Untagged] : []));
  const deleted = entries.flatMap((entry) => (entry.Deleted ? [entry.Deleted] : []));
  return new StrataError(
    error.code,
    `The cleanup stopped after ${done} of ${total} images (${untagged.length} tags removed, ${deleted.length} images or layers deleted): ${error.message}`,
    { ...error.details, untagged, deleted },
  );
}

function compare(plan: ReturnType<typeof planPrune>, result: Omit<PruneResult, 'matchesPreview' | 'differences'>): PruneResult {
  const differences: string[] = [];
  const predicted = new Set(plan.remove.map((image) => image.id));
  const actual = new Set(result.deletedImages);
  for (const id of predicted) if (!actual.has(id)) differences.push(`${id.slice(7, 19)} was expected to go but the engine kept it.`);
  for (const id of actual) if (!predicted.has(id)) differences.push(`${id.slice(7, 19)} was deleted although the preview kept it.`);
  const expectedUntags = new Set([...plan.remove.flatMap((image) => image.repoTags), ...plan.keep.flatMap((image) => image.untags)]);
  for (const tag of result.untagged) if (!expectedUntags.has(tag)) differences.push(`The tag ${tag} was removed although the preview did not say so.`);
  if (result.spaceReclaimed !== plan.freedBytes) {
    differences.push(`The engine reports ${result.spaceReclaimed} bytes reclaimed; the preview said ${plan.freedBytes}.`);
  }
  return { ...result, matchesPreview: differences.length === 0, differences };
}

async function pruneBuildCache(dryRun: boolean): Promise<PruneResponse> {
  const records = mapBuildCache(await rawDiskUsage());
  // `docker builder prune` (without --all) removes records that are neither in use nor shared.
  const goes = records.filter((record) => !record.inUse && !record.shared);
  const predicted = goes.reduce((sum, record) => sum + record.size, 0);
  const base = { target: 'build-cache' as const, images: [], keep: [], buildCache: goes };
  if (dryRun) return { ...base, dryRun, spaceReclaimed: predicted, result: null };
  const answer = await dial<{ CachesDeleted: string[] | null; SpaceReclaimed: number }>({ path: '/build/prune', method: 'POST', timeoutMs: pruneTimeoutMs() });
  const deleted = answer.CachesDeleted ?? [];
  const differences = deleted.length === goes.length ? [] : [`The engine removed ${deleted.length} cache records; the preview listed ${goes.length}.`];
  if (answer.SpaceReclaimed !== predicted) differences.push(`The engine reports ${answer.SpaceReclaimed} bytes reclaimed; the preview said ${predicted}.`);
  return {
    ...base,
    dryRun,
    spaceReclaimed: answer.SpaceReclaimed,
    result: { deletedImages: [], untagged: [], spaceReclaimed: answer.SpaceReclaimed, diskBefore: 0, diskAfter: 0, matchesPreview: differences.length === 0, differences },
  };
}
