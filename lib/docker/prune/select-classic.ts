// What a prune takes on the classic (graphdriver) store: see lib/docker/prune/plan.ts for the engine's rules.
import 'server-only';
import type { PruneKeep } from '@/lib/api/prune';
import type { PlanImage, PlanOptions, PruneStep, Selection } from '@/lib/docker/prune/plan';
import {
  buildOf,
  childrenOf,
  danglingReason,
  deleteSteps,
  describeImage,
  engineTagOrder,
  isProtected,
  passes,
  PROTECT_LABEL,
  toRemove,
  usedBy,
} from '@/lib/docker/prune/plan-rules';

export function selectClassic(images: readonly PlanImage[], options: PlanOptions): Selection {
  const children = childrenOf(images);
  const keep: PruneKeep[] = [];
  // Candidates whose tags all go (and which go themselves unless something that stays builds on them).
  const wanted = new Set<string>();
  for (const image of images) {
    const hasChildren = (children.get(image.id)?.length ?? 0) > 0;
    const untagged = image.repoTags.length === 0;
    if (options.target === 'dangling' ? !untagged || hasChildren : untagged && hasChildren) continue;
    if (!passes(image, options, image.created)) continue;
    const brief = { id: image.id, shortId: image.shortId, repoTags: image.repoTags };
    if (isProtected(image)) keep.push({ ...brief, reason: `Protected by the label ${PROTECT_LABEL}=true.`, untags: [] });
    else if (image.containers.length > 0) {
      // Every tag but the last (in the engine's order) is removed before the engine refuses the last.
      keep.push({
        ...brief,
        reason: `Used by container ${usedBy(image.containers)}.`,
        untags: engineTagOrder(image.repoTags).slice(0, -1),
      });
    } else wanted.add(image.id);
  }
  // An image goes once everything built on it goes: wanted ones, and untagged parents the engine
  // deletes along with their last child. Bottom-up until nothing changes.
  const removed = new Set<string>();
  const cascaded = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const image of images) {
      if (removed.has(image.id) || isProtected(image) || image.containers.length > 0) continue;
      const kids = children.get(image.id) ?? [];
      if (!kids.every((kid) => removed.has(kid.id))) continue;
      if (wanted.has(image.id) || (image.repoTags.length === 0 && kids.length > 0)) {
        removed.add(image.id);
        if (!wanted.has(image.id)) cascaded.add(image.id);
        changed = true;
      }
    }
  }
  for (const id of wanted) {
    if (removed.has(id)) continue;
    const image = images.find((candidate) => candidate.id === id)!;
    keep.push({
      id,
      shortId: image.shortId,
      repoTags: image.repoTags,
      reason: 'Other local images that stay are built on it: the engine removes its tags but keeps the image for them.',
      untags: engineTagOrder(image.repoTags),
    });
  }
  const remove = images
    .filter((image) => removed.has(image.id))
    .map((image) => {
      let reason: string;
      if (cascaded.has(image.id))
        reason = `Intermediate of a legacy build of ${describeImage(buildOf(image, children))}: the engine deletes it with that image.`;
      else if (image.repoTags.length === 0) reason = danglingReason(image);
      else reason = 'No container uses it.';
      return toRemove(image, reason);
    });
  return { remove, keep, steps: classicSteps(images, removed, keep, children) };
}

/** Children before parents, so each delete finds nothing built on what it deletes. */
function classicSteps(
  images: readonly PlanImage[],
  removed: ReadonlySet<string>,
  keep: readonly PruneKeep[],
  children: Map<string, PlanImage[]>,
): PruneStep[] {
  const steps: PruneStep[] = keep.flatMap((item) => item.untags.map((tag) => ({ imageId: item.id, ref: tag, expect: 'untag' as const })));
  const done = new Set<string>();
  const visit = (image: PlanImage) => {
    if (done.has(image.id) || !removed.has(image.id)) return;
    done.add(image.id);
    for (const kid of children.get(image.id) ?? []) visit(kid);
    steps.push(...deleteSteps(image));
  };
  for (const image of images) visit(image);
  return steps;
}
