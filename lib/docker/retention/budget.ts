// A byte budget ("free until images take under 20 GB"): the fewest of the rule's images, oldest first,
// whose deletes bring the engine's disk use under the limit. What a set frees is not the sum of its
// images (shared layers go only with the last image holding them), so each candidate prefix is planned
// and counted as a whole; the bytes freed only grow as the prefix grows, so a binary search finds the
// shortest one in a dozen plans even at 5,000 images.
import 'server-only';
import { planPrune, type Plan, type PlanImage, type PlanOptions } from '@/lib/docker/prune/plan';

export interface BudgetChoice {
  /** How many of the ordered candidates go. */
  count: number;
  plan: Plan;
  met: boolean;
}

export function fitBudget(
  images: readonly PlanImage[],
  ordered: readonly string[],
  options: Omit<PlanOptions, 'only'>,
  needBytes: number,
): BudgetChoice {
  const planOf = (count: number) => planPrune(images, { ...options, only: new Set(ordered.slice(0, count)) });
  if (needBytes <= 0) return { count: 0, plan: planOf(0), met: true };
  const all = planOf(ordered.length);
  if (all.freedBytes < needBytes) return { count: ordered.length, plan: all, met: false };
  let low = 1;
  let high = ordered.length;
  let best = all;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const plan = planOf(middle);
    if (plan.freedBytes >= needBytes) {
      high = middle;
      best = plan;
    } else low = middle + 1;
  }
  // `best` is always the plan of `high`: it changes only when `high` does.
  return { count: high, plan: best, met: true };
}
