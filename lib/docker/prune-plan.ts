// What `docker image prune` (and `prune -a`) will do, worked out before it runs, following the
// engine's own algorithm (moby daemon/images/image_prune.go and image_delete.go, Engine 20.10):
//  - dangling: untagged images no other image builds on; each is deleted by ID unless a container uses it;
//  - unused (-a): every top-level image; tags are removed one by one in lexical order of their full names;
//    the last tag of an image a container uses stays (the engine refuses it), and an image other images
//    are built on loses its tags but stays;
//  - `until` skips images created after it; `label` filters must all match; images labelled
//    strata.keep=true are protected (Strata passes `label!=strata.keep=true` to the engine).
// Bytes freed = layers (chain IDs) of deleted images that no remaining image holds: what the engine sums
// into SpaceReclaimed.
import 'server-only';
import type { ContainerRef, PruneImage, PruneKeep } from '@/lib/api/types';
import { parseReference } from '@/lib/reference';

export const PROTECT_LABEL = 'strata.keep';

export interface PlanImage {
  id: string;
  shortId: string;
  repoTags: string[];
  size: number;
  created: string;
  labels: Record<string, string>;
  containers: ContainerRef[];
  /** IDs of the local images it was built on (the real image IDs in its history). */
  ancestors: string[];
  /** Chain IDs with sizes (null when unknown). */
  layers: { chainId: string; size: number | null }[];
  formerTags: string[];
}

export interface PlanOptions {
  target: 'dangling' | 'unused';
  until?: Date | null;
  /** `key` or `key=value`: all must match, like the engine's `label` filter. */
  labels?: string[];
  /** Only these image IDs (a subset the user picked), still under the engine's rules. */
  only?: ReadonlySet<string> | null;
}

export interface Plan {
  remove: PruneImage[];
  keep: PruneKeep[];
  freedBytes: number;
}

export function isProtected(image: Pick<PlanImage, 'labels'>): boolean {
  return image.labels[PROTECT_LABEL] === 'true';
}

export function matchesLabels(labels: Record<string, string>, filters: readonly string[]): boolean {
  return filters.every((filter) => {
    const eq = filter.indexOf('=');
    return eq < 0 ? filter in labels : labels[filter.slice(0, eq)] === filter.slice(eq + 1);
  });
}

/** The engine removes references in lexical order of their full names (reference store `References`). */
export function engineTagOrder(tags: readonly string[]): string[] {
  const full = (tag: string) => {
    const parsed = parseReference(tag);
    return parsed.ok ? parsed.ref.normalized : tag;
  };
  return [...tags].sort((a, b) => (full(a) < full(b) ? -1 : full(a) > full(b) ? 1 : 0));
}

const usedBy = (containers: ContainerRef[]) =>
  containers.map((container) => `${container.name} (${container.state === 'running' ? 'running' : 'stopped'})`).join(', ');

export function planPrune(images: readonly PlanImage[], options: PlanOptions): Plan {
  const labels = options.labels ?? [];
  const keep: PruneKeep[] = [];
  const removing: { image: PlanImage; reason: string }[] = [];
  for (const image of images) {
    if (options.only && !options.only.has(image.id)) continue;
    const dangling = image.repoTags.length === 0;
    if (options.target === 'dangling' && !dangling) continue;
    if (options.until && new Date(image.created) > options.until) continue;
    if (!matchesLabels(image.labels, labels)) continue;
    const brief = { id: image.id, shortId: image.shortId, repoTags: image.repoTags };
    if (isProtected(image)) {
      keep.push({ ...brief, reason: `Protected by the label ${PROTECT_LABEL}=true.`, untags: [] });
      continue;
    }
    if (image.containers.length > 0) {
      // Every tag but the last (in the engine's order) is removed before the engine refuses the last.
      const untags = engineTagOrder(image.repoTags).slice(0, -1);
      keep.push({ ...brief, reason: `Used by container ${usedBy(image.containers)}.`, untags });
      continue;
    }
    removing.push({
      image,
      reason: dangling ? 'Dangling: no tag, and no image builds on it.' : 'No container uses it.',
    });
  }

  // An image another remaining image is built on loses its tags but stays (the engine keeps parents).
  // Whether its children go too decides it, whatever order the engine visits them in: so repeat until
  // nothing changes.
  const stays = (id: string) => !removing.some(({ image }) => image.id === id);
  for (let changed = true; changed; ) {
    changed = false;
    const remainingAncestors = new Set(images.filter((image) => stays(image.id)).flatMap((image) => image.ancestors));
    for (let i = removing.length - 1; i >= 0; i--) {
      const { image } = removing[i]!;
      if (image.repoTags.length === 0 || !remainingAncestors.has(image.id)) continue;
      removing.splice(i, 1);
      keep.push({
        id: image.id,
        shortId: image.shortId,
        repoTags: image.repoTags,
        reason: 'Other local images that stay are built on it: the engine removes its tags but keeps the image for them.',
        untags: engineTagOrder(image.repoTags),
      });
      changed = true;
    }
  }

  const removed = new Set(removing.map(({ image }) => image.id));
  const kept = new Set<string>();
  for (const image of images) if (!removed.has(image.id)) for (const layer of image.layers) kept.add(layer.chainId);
  const counted = new Set<string>();
  let freedBytes = 0;
  const remove: PruneImage[] = removing.map(({ image, reason }) => {
    let freed = 0;
    for (const layer of image.layers) {
      if (kept.has(layer.chainId) || counted.has(layer.chainId)) continue;
      counted.add(layer.chainId);
      freed += layer.size ?? 0;
    }
    freedBytes += freed;
    return { id: image.id, shortId: image.shortId, repoTags: image.repoTags, size: image.size, freedBytes: freed, created: image.created, reason, formerTags: image.formerTags };
  });
  return { remove, keep, freedBytes };
}
