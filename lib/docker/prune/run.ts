// Cleanup: a preview of a prune worked out from the engine's own answers, then exactly those deletes,
// and a report that sets what the engine did beside what was predicted. Build cache has a file of its
// own (lib/docker/prune/build-cache.ts); this one dispatches to it.
//
// Why Strata deletes image by image instead of calling `/images/prune`: the preview promises what goes,
// and `/images/prune` keeps that promise only where its filters mean what they say. On the containerd
// store (Docker 28.5) `label!=strata.keep=true` skips every image lacking the label (moby/moby#52334),
// so a prune there deleted none of what the preview listed; and its `until` looks at record times the
// list does not show. So Strata works out the engine's own selection for the store it talks to
// (lib/docker/prune/plan.ts), then runs that plan as plain `DELETE /images/{ref}?noprune=1` calls
// (never forced, children before parents, a tag at a time where tags go): the engine still refuses
// whatever it would refuse, nothing cascades beyond the plan, and `matchesPreview` compares the images
// really gone, the tags the engine reports removed and the LayersSize drop with the preview.
import 'server-only';
import type { PruneRequest, PruneResponse, PruneResult } from '@/lib/api/prune';
import { StrataError } from '@/lib/api/errors';
import { dial, engine, engineTimeoutMs } from '@/lib/docker/engine/client';
import { rawDiskUsage } from '@/lib/docker/prune/disk-usage';
import { applyBuildCache, previewBuildCache } from '@/lib/docker/prune/build-cache';
import { planFor } from '@/lib/docker/prune/current-plan';
import { invalidateImages } from '@/lib/docker/images/list';
import type { Plan, PruneStep } from '@/lib/docker/prune/plan';
import { exclusivePrune } from '@/lib/docker/engine/write-lock';

// A prune answers only when it has deleted everything, which takes longer the more there is to delete.
const pruneTimeoutMs = () => engineTimeoutMs() * 12;
/** Disk really used by image layers, best effort: a failing `df` must not turn a finished prune into an error. */
async function diskUsed(): Promise<number | null> {
  try {
    const raw = await rawDiskUsage();
    return raw.LayersSize ?? raw.ImagesUsage?.TotalSize ?? raw.ImageUsage?.TotalSize ?? null;
  } catch {
    return null;
  }
}

interface EngineDeleted {
  Untagged?: string;
  Deleted?: string;
}

interface Outcome {
  entries: EngineDeleted[];
  /** What the engine refused or found gone, in words. */
  problems: string[];
}

const remove = (ref: string) =>
  engine((docker) => docker.getImage(ref).remove({ force: false, noprune: true }), { timeoutMs: pruneTimeoutMs() }) as Promise<
    EngineDeleted[]
  >;

/** Runs the plan's deletes in order. A refusal skips the rest of that image, as the engine's prune would. */
async function runSteps(steps: readonly PruneStep[]): Promise<Outcome> {
  const outcome: Outcome = { entries: [], problems: [] };
  const stopped = new Set<string>();
  for (const [index, step] of steps.entries()) {
    if (stopped.has(step.imageId)) continue;
    try {
      outcome.entries.push(...(await remove(step.ref)));
    } catch (error) {
      if (step.ifPresent && error instanceof StrataError && error.code === 'not_found') continue;
      if (error instanceof StrataError && (error.code === 'conflict' || error.code === 'not_found')) {
        stopped.add(step.imageId);
        outcome.problems.push(`${step.ref}: the engine ${error.code === 'conflict' ? 'refused' : 'no longer had it'} (${error.message}).`);
        continue;
      }
      invalidateImages();
      throw partlyDone(error, index, steps.length, outcome.entries);
    }
  }
  return outcome;
}

export async function prune(request: PruneRequest): Promise<PruneResponse> {
  // A preview only reads; a real prune plans and deletes under the lock, so no other write of
  // Strata's lands between its plan and its deletes (lib/docker/engine/write-lock.ts).
  if (request.dryRun) return request.target === 'build-cache' ? previewBuildCache(request) : planOnly(request);
  return exclusivePrune(() => (request.target === 'build-cache' ? applyBuildCache(request) : applyPrune(request)));
}

const previewOf = (request: PruneRequest, plan: Plan) => ({
  target: request.target,
  images: plan.remove,
  keep: plan.keep,
  buildCache: [],
  buildCacheKept: [],
  builder: null,
  bytes: plan.bytes,
});

async function planOnly(request: PruneRequest): Promise<PruneResponse> {
  const { plan } = await planFor(request, true);
  return { ...previewOf(request, plan), dryRun: true, spaceReclaimed: plan.freedBytes, result: null };
}

/** Plans and deletes; the caller holds the prune lock (prune() here, or a retention run). */
export async function applyPrune(request: PruneRequest): Promise<PruneResponse> {
  const { plan, known } = await planFor(request, true);
  if (request.expect) {
    const now = plan.remove
      .map((image) => image.id)
      .sort()
      .join();
    if (now !== [...request.expect].sort().join()) {
      throw new StrataError(
        'conflict',
        'Images changed since the preview: what would be deleted is no longer what you confirmed. Look at the new preview and confirm again.',
      );
    }
  }
  const diskBefore = await diskUsed();
  const { entries, problems } = await runSteps(plan.steps);
  invalidateImages();
  const [diskAfter, present] = await Promise.all([diskUsed(), imagesNow()]);
  // `Deleted` also names layers (classic) and blobs: keep the image IDs, and only those really gone.
  const deletedImages = [
    ...new Set(
      entries.flatMap((entry) => (entry.Deleted && known.has(entry.Deleted) && !present?.has(entry.Deleted) ? [entry.Deleted] : [])),
    ),
  ];
  // Digest references (`repo@sha256:…`, a dangling record's `sha256:…`) go with an image; they are not tags.
  const untagged = entries.flatMap((entry) =>
    entry.Untagged && !entry.Untagged.includes('@') && !entry.Untagged.startsWith('sha256:') ? [entry.Untagged] : [],
  );
  const spaceReclaimed = diskBefore !== null && diskAfter !== null ? diskBefore - diskAfter : 0;
  return {
    ...previewOf(request, plan),
    dryRun: false,
    spaceReclaimed,
    result: compare(
      { plan, known, present, problems, measured: diskBefore !== null && diskAfter !== null },
      { deletedImages, deletedRecords: [], untagged, spaceReclaimed, diskBefore: diskBefore ?? 0, diskAfter: diskAfter ?? 0 },
    ),
  };
}

/** Every image ID after the deletes (the engine's answers alone can say `Deleted` of an image it kept); null if the list fails. */
async function imagesNow(): Promise<Set<string> | null> {
  try {
    return new Set((await dial<{ Id: string }[]>({ path: '/images/json', method: 'GET', query: { all: 1 } })).map((image) => image.Id));
  } catch {
    return null;
  }
}

/** A prune that stopped part-way says how far it got rather than only why it stopped. */
function partlyDone(error: unknown, done: number, total: number, entries: EngineDeleted[]): unknown {
  if (!(error instanceof StrataError) || entries.length === 0) return error;
  const untagged = entries.flatMap((entry) => (entry.Untagged ? [entry.Untagged] : []));
  const deleted = entries.flatMap((entry) => (entry.Deleted ? [entry.Deleted] : []));
  return new StrataError(
    error.code,
    `The cleanup stopped after ${done} of ${total} steps (${untagged.length} tags removed, ${deleted.length} images deleted): ${error.message}`,
    { ...error.details, untagged, deleted },
  );
}

interface Checked {
  plan: Plan;
  /** Every image ID before the deletes, and after them (null when the list failed). */
  known: Set<string>;
  present: Set<string> | null;
  problems: string[];
  measured: boolean;
}

/** What the engine did against the preview: its answers, and which images are really gone. */
function compare(
  { plan, known, present, problems, measured }: Checked,
  result: Omit<PruneResult, 'matchesPreview' | 'differences'>,
): PruneResult {
  const differences: string[] = [...problems];
  const predicted = new Set(plan.remove.map((image) => image.id));
  const reported = new Set(result.deletedImages);
  const stillThere = (id: string) => (present ? present.has(id) : !reported.has(id));
  for (const id of predicted) if (stillThere(id)) differences.push(`${id.slice(7, 19)} was expected to go but is still there.`);
  for (const id of known)
    if (!predicted.has(id) && (present ? !present.has(id) : reported.has(id)))
      differences.push(`${id.slice(7, 19)} is gone although the preview kept it.`);
  const expectedUntags = new Set([...plan.remove.flatMap((image) => image.repoTags), ...plan.keep.flatMap((image) => image.untags)]);
  const removedTags = new Set(result.untagged);
  for (const tag of result.untagged)
    if (!expectedUntags.has(tag)) differences.push(`The tag ${tag} was removed although the preview did not say so.`);
  for (const tag of expectedUntags)
    if (!removedTags.has(tag)) differences.push(`The tag ${tag} was expected to go but the engine did not say it went.`);
  // An estimate that misses is said in `bytes.note`, not counted as the engine doing something else.
  if (measured && plan.bytes.exact && result.spaceReclaimed !== plan.freedBytes) {
    differences.push(`LayersSize dropped by ${result.spaceReclaimed} bytes; the preview said ${plan.freedBytes}.`);
  }
  return { ...result, matchesPreview: differences.length === 0, differences };
}
