// What a prune takes on the containerd image store: see lib/docker/prune/plan.ts for the engine's rules.
import 'server-only';
import type { PruneImage, PruneKeep } from '@/lib/api/prune';
import type { PlanContainer, PlanImage, PlanOptions, PruneStep, Selection } from '@/lib/docker/prune/plan';
import {
  buildOf,
  childrenOf,
  danglingReason,
  deleteSteps,
  describeImage,
  engineTagOrder,
  fullName,
  isProtected,
  passes,
  PROTECT_LABEL,
  toRemove,
  usedBy,
} from '@/lib/docker/prune/plan-rules';
import { parseReference } from '@/lib/reference';

/** The record a container keeps: `TagNameOnly(ParseNormalizedNamed(ref))` (`repo:tag` also for `repo:tag@digest`). */
function containerRecord(container: PlanContainer): string | null {
  const parsed = parseReference(container.imageRef);
  if (!parsed.ok || !parsed.ref.tag) return null;
  return `${parsed.ref.domain}/${parsed.ref.path}:${parsed.ref.tag}`;
}

export function selectContainerd(images: readonly PlanImage[], options: PlanOptions): Selection {
  const children = childrenOf(images);
  const keep: PruneKeep[] = [];
  const remove: Omit<PruneImage, 'freedBytes'>[] = [];
  const steps: PruneStep[] = [];
  for (const image of images) {
    const untagged = image.repoTags.length === 0;
    // Dangling pruning looks at dangling records only; an untagged image without one (held by a
    // digest reference) is no candidate there.
    if (options.target === 'dangling' && !(untagged && image.danglingRecord)) continue;
    // `until` compares when each record was made. The newest record's time is all the API gives, so an
    // image with several tags counts as new as its newest tag (the engine might still take older ones).
    if (!passes(image, options, image.recordTime)) continue;
    const brief = { id: image.id, shortId: image.shortId, repoTags: image.repoTags };
    if (isProtected(image)) {
      keep.push({ ...brief, reason: `Protected by the label ${PROTECT_LABEL}=true.`, untags: [] });
      continue;
    }
    if (image.containers.length > 0) {
      if (untagged) {
        keep.push({ ...brief, reason: `Used by container ${usedBy(image.containers)}.`, untags: [] });
        continue;
      }
      const kept = new Set(image.containers.flatMap((container) => containerRecord(container) ?? []));
      let goes = engineTagOrder(image.repoTags).filter((tag) => !kept.has(fullName(tag)));
      // A container made from an ID keeps the image's last record; Strata keeps one as well when the
      // name the container was made from is gone (the engine would take every record, and then refuse).
      if (goes.length === image.repoTags.length) goes = goes.slice(0, -1);
      const stays = image.repoTags.filter((tag) => !goes.includes(tag));
      keep.push({ ...brief, reason: `Used by container ${usedBy(image.containers)}: it keeps ${stays.join(', ')}.`, untags: goes });
      steps.push(...goes.map((ref) => ({ imageId: image.id, ref, expect: 'untag' as const })));
      continue;
    }
    const kids = children.get(image.id) ?? [];
    let reason: string;
    if (!untagged)
      reason = kids.length ? 'No container uses it; the images built on it keep the layers they share with it.' : 'No container uses it.';
    else if (kids.length === 0) reason = danglingReason(image);
    else {
      const build = buildOf(image, children);
      const stays = options.target === 'dangling' && build.repoTags.length > 0 ? `, even while ${build.repoTags[0]} keeps its tag` : '';
      reason = `Intermediate of a legacy build of ${describeImage(build)}: the containerd image store prunes every untagged image${stays}.`;
    }
    remove.push(toRemove(image, reason));
    steps.push(...deleteSteps(image));
    // Deleting the last tag of an image others are built on keeps it as a dangling image (while
    // answering `Deleted`); the prune deletes the record outright. So: by ID too, if still there.
    if (!untagged) steps.push({ imageId: image.id, ref: image.id, expect: 'delete', ifPresent: true });
  }
  return { remove, keep, steps };
}
