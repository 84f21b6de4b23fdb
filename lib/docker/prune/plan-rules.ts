// The rules both stores' prune selections share: protection, label and `until` filters, the engine's tag
// order, the parent → children map, the delete steps of one image and the words for why it goes.
import 'server-only';
import type { ContainerRef } from '@/lib/api/images';
import type { PruneImage } from '@/lib/api/prune';
import type { PlanImage, PlanOptions, PruneStep } from '@/lib/docker/prune/plan';
import { parseReference } from '@/lib/reference';

export const PROTECT_LABEL = 'strata.keep';

export function isProtected(image: Pick<PlanImage, 'labels'>): boolean {
  return image.labels[PROTECT_LABEL] === 'true';
}

export function matchesLabels(labels: Record<string, string>, filters: readonly string[]): boolean {
  return filters.every((filter) => {
    const eq = filter.indexOf('=');
    return eq < 0 ? filter in labels : labels[filter.slice(0, eq)] === filter.slice(eq + 1);
  });
}

/** A tag's full name (`docker.io/library/nginx:latest`), the form both stores sort references by. */
export function fullName(tag: string): string {
  const parsed = parseReference(tag);
  return parsed.ok ? parsed.ref.normalized : tag;
}

/** The engine removes references in lexical order of their full names (reference store / `sort.Strings`). */
export function engineTagOrder(tags: readonly string[]): string[] {
  return [...tags].sort((a, b) => (fullName(a) < fullName(b) ? -1 : fullName(a) > fullName(b) ? 1 : 0));
}

export const usedBy = (containers: readonly ContainerRef[]) =>
  containers.map((container) => `${container.name} (${container.state === 'running' ? 'running' : 'stopped'})`).join(', ');

export const describeImage = (image: Pick<PlanImage, 'repoTags' | 'shortId' | 'formerTags'>): string =>
  image.repoTags[0] ?? (image.formerTags[0] ? `${image.shortId} (was ${image.formerTags[0]})` : image.shortId);

export function childrenOf(images: readonly PlanImage[]): Map<string, PlanImage[]> {
  const known = new Set(images.map((image) => image.id));
  const children = new Map<string, PlanImage[]>();
  for (const image of images) {
    if (!image.parentId || !known.has(image.parentId)) continue;
    const list = children.get(image.parentId);
    if (list) list.push(image);
    else children.set(image.parentId, [image]);
  }
  return children;
}

/** The tagged image (or, failing that, the leaf) an intermediate was built towards, for the reason text. */
export function buildOf(image: PlanImage, children: Map<string, PlanImage[]>): PlanImage {
  let current = image;
  for (let depth = 0; depth < 10_000; depth++) {
    const next = children.get(current.id);
    if (!next?.length) return current;
    const tagged = next.find((child) => child.repoTags.length > 0);
    if (tagged) return tagged;
    current = next[0]!;
  }
  return current;
}

export function danglingReason(image: PlanImage): string {
  const was = image.formerTags.length ? `, used to be ${image.formerTags.join(', ')}` : '';
  return `Dangling: no tag${was}, and no image builds on it.`;
}

/** Filters the engine applies to a candidate; `when` is the time `until` compares. */
export function passes(image: PlanImage, options: PlanOptions, when: string | null): boolean {
  if (options.only && !options.only.has(image.id)) return false;
  if (options.until) {
    // Classic: skipped if created after `until`; containerd: kept only if made before it.
    const time = when === null ? NaN : new Date(when).getTime();
    const limit = options.until.getTime();
    if (!Number.isFinite(time) || (options.store === 'classic' ? time > limit : time >= limit)) return false;
  }
  return matchesLabels(image.labels, options.labels ?? []);
}

/** Every tag in the engine's order (the last one deletes the image), or the ID when it has none. */
export function deleteSteps(image: PlanImage, tags: readonly string[] = image.repoTags): PruneStep[] {
  if (tags.length === 0) return [{ imageId: image.id, ref: image.id, expect: 'delete' }];
  const ordered = engineTagOrder(tags);
  return ordered.map((tag, i) => ({
    imageId: image.id,
    ref: tag,
    expect: i === ordered.length - 1 && tags.length === image.repoTags.length ? 'delete' : 'untag',
  }));
}

export const toRemove = (image: PlanImage, reason: string): Omit<PruneImage, 'freedBytes'> => ({
  id: image.id,
  shortId: image.shortId,
  repoTags: image.repoTags,
  size: image.size,
  created: image.created,
  reason,
  formerTags: image.formerTags,
});
