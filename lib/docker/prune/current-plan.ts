// The prune plan for the engine as it is now: its inventory read, the engine's own selection worked out,
// and on the containerd store the going images' blobs attached so the bytes are exact.
import 'server-only';
import { attachBlobs } from '@/lib/docker/prune/blobs';
import { imageStoreKind, planInventory } from '@/lib/docker/prune/inventory';
import { planPrune, type Plan, type PlanOptions } from '@/lib/docker/prune/plan';
import type { PruneRequest } from '@/lib/api/prune';

// Reading blob sizes streams the going images' export once (cached after): not for more than this.
export const exportLimitBytes = () => Number(process.env.STRATA_PRUNE_EXPORT_LIMIT_BYTES) || 4 * 1024 ** 3;

export interface Planned {
  plan: Plan;
  known: Set<string>;
}

export async function planFor(request: Pick<PruneRequest, 'target' | 'until' | 'labels' | 'only'>, readContent: boolean): Promise<Planned> {
  // Build cache never gets here (prune() sends it to pruneBuildCache).
  const target = request.target === 'build-cache' ? 'dangling' : request.target;
  const store = await imageStoreKind();
  let images = await planInventory({ store, recordTimes: store === 'containerd' && Boolean(request.until) });
  const options: PlanOptions = {
    store,
    target,
    until: request.until,
    labels: request.labels,
    only: request.only ? new Set(request.only) : null,
  };
  let plan = planPrune(images, options);
  if (store === 'containerd' && plan.remove.length > 0) {
    // Without readContent only what an earlier preview read counts (no export is streamed).
    images = await attachBlobs(images, new Set(plan.remove.map((image) => image.id)), { limitBytes: readContent ? exportLimitBytes() : 0 });
    plan = planPrune(images, options);
  }
  return { plan, known: new Set(images.map((image) => image.id)) };
}
