// What `docker image prune` (and `prune -a`) deletes, worked out before anything runs, for both image
// stores, as the exact list of deletes Strata then makes itself (lib/docker/prune/run.ts says why Strata
// does not hand the work to `/images/prune`).
//
// Classic store (moby daemon/images/image_prune.go, image_delete.go; Engine 20.10):
//  - dangling: untagged images no other image builds on; unused (-a): every image except untagged
//    ones with children; `until` compares the image's Created, `label` filters its config labels;
//  - tags are removed one by one in lexical order of their full names; the last tag of an image a
//    container uses stays (the engine refuses it); an image other remaining images build on loses its
//    tags but stays;
//  - deleting an image also deletes its untagged parents that nothing else builds on (the legacy
//    builder's intermediates), whatever the filters say.
// containerd store (moby daemon/containerd/image_prune.go; Docker 28):
//  - every name (tag) is a record of its own, an untagged image has one `moby-dangling@<id>` record;
//    dangling pruning takes every dangling record, intermediates of images that stay tagged included;
//    -a takes every record; filters apply per record (`until`: when the record was made);
//  - a container keeps the record it was created from (and the dangling record of its image); one made
//    from an ID keeps the image's last record; no parent/child rule at all.
// Images labelled strata.keep=true are always kept, on both stores.
import 'server-only';
import type { ContainerRef } from '@/lib/api/images';
import type { ImageStore } from '@/lib/api/engine';
import type { PruneBytes, PruneImage, PruneKeep } from '@/lib/api/prune';
import { accountBytes } from '@/lib/docker/prune/bytes';
import { parseReference } from '@/lib/reference';

export const PROTECT_LABEL = 'strata.keep';

/** Which of the engine's image stores the rules and byte counts follow. */
export type ImageStoreKind = ImageStore;

export interface PlanContainer extends ContainerRef {
  /** What the container was created from (Config.Image): a name, an ID (or a prefix) or a digest reference. */
  imageRef: string;
}

/** One blob an image's manifest references (containerd store), as read from the image's export. */
export interface PlanBlob {
  digest: string;
  size: number;
  kind: 'index' | 'manifest' | 'config' | 'layer';
  /** For layers: the diff ID it unpacks to (same position in RootFS.Layers). */
  diffId: string | null;
}

export interface PlanImage {
  id: string;
  shortId: string;
  repoTags: string[];
  size: number;
  created: string;
  labels: Record<string, string>;
  containers: PlanContainer[];
  /** The image it was built on (the legacy builder's parent), when the engine says. */
  parentId: string | null;
  /** Chain IDs with sizes (null when unknown), oldest first. */
  layers: { chainId: string; size: number | null }[];
  diffIds: string[];
  formerTags: string[];
  /** containerd store: the image has a `moby-dangling@` record (untagged). */
  danglingRecord: boolean;
  /** containerd store: when its newest record was made (inspect Metadata.LastTagTime); null if unknown. */
  recordTime: string | null;
  /** containerd store: snapshot usage of its whole snapshot chain (Manifests[].ImageData.Size.Unpacked). */
  unpacked: number | null;
  /** containerd store: size of the manifest (or index) blob the ID names. */
  manifestSize: number | null;
  /** containerd store: every blob it references, from its export; null while not read. */
  blobs: PlanBlob[] | null;
}

export interface PlanOptions {
  store: ImageStoreKind;
  target: 'dangling' | 'unused';
  until?: Date | null;
  /** `key` or `key=value`: all must match, like the engine's `label` filter. */
  labels?: string[];
  /** Only these image IDs (a subset the user picked), still under the engine's rules. */
  only?: ReadonlySet<string> | null;
}

/** One engine call of the apply, in order: `DELETE /images/{ref}?noprune=1`. */
export interface PruneStep {
  imageId: string;
  ref: string;
  /** What the engine should answer: the tag goes (`untag`) or the image goes (`delete`). */
  expect: 'untag' | 'delete';
  /** Already gone is fine: a check that the image really went. */
  ifPresent?: boolean;
}

export interface Selection {
  remove: Omit<PruneImage, 'freedBytes'>[];
  keep: PruneKeep[];
  steps: PruneStep[];
}

export interface Plan extends Selection {
  remove: PruneImage[];
  freedBytes: number;
  bytes: PruneBytes;
}

/** What goes, what stays and why, the deletes that do it, and the bytes it frees. */
export function planPrune(images: readonly PlanImage[], options: PlanOptions): Plan {
  const selection = selectPrune(images, options);
  const account = accountBytes(images, new Set(selection.remove.map((image) => image.id)), options.store);
  return {
    ...selection,
    remove: selection.remove.map((image) => ({ ...image, freedBytes: account.perImage.get(image.id) ?? 0 })),
    freedBytes: account.freedBytes,
    bytes: account.bytes,
  };
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

/** A tag's full name (`docker.io/library/nginx:latest`), the form both stores sort references by. */
export function fullName(tag: string): string {
  const parsed = parseReference(tag);
  return parsed.ok ? parsed.ref.normalized : tag;
}

/** The engine removes references in lexical order of their full names (reference store / `sort.Strings`). */
export function engineTagOrder(tags: readonly string[]): string[] {
  return [...tags].sort((a, b) => (fullName(a) < fullName(b) ? -1 : fullName(a) > fullName(b) ? 1 : 0));
}

const usedBy = (containers: readonly ContainerRef[]) =>
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
function buildOf(image: PlanImage, children: Map<string, PlanImage[]>): PlanImage {
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

function danglingReason(image: PlanImage): string {
  const was = image.formerTags.length ? `, used to be ${image.formerTags.join(', ')}` : '';
  return `Dangling: no tag${was}, and no image builds on it.`;
}

/** Filters the engine applies to a candidate; `when` is the time `until` compares. */
function passes(image: PlanImage, options: PlanOptions, when: string | null): boolean {
  if (options.only && !options.only.has(image.id)) return false;
  if (options.until) {
    // Classic: skipped if created after `until`; containerd: kept only if made before it.
    const time = when === null ? NaN : new Date(when).getTime();
    const limit = options.until.getTime();
    if (!Number.isFinite(time) || (options.store === 'classic' ? time > limit : time >= limit)) return false;
  }
  return matchesLabels(image.labels, options.labels ?? []);
}

export function selectPrune(images: readonly PlanImage[], options: PlanOptions): Selection {
  return options.store === 'containerd' ? selectContainerd(images, options) : selectClassic(images, options);
}

function selectClassic(images: readonly PlanImage[], options: PlanOptions): Selection {
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

/** Every tag in the engine's order (the last one deletes the image), or the ID when it has none. */
function deleteSteps(image: PlanImage, tags: readonly string[] = image.repoTags): PruneStep[] {
  if (tags.length === 0) return [{ imageId: image.id, ref: image.id, expect: 'delete' }];
  const ordered = engineTagOrder(tags);
  return ordered.map((tag, i) => ({
    imageId: image.id,
    ref: tag,
    expect: i === ordered.length - 1 && tags.length === image.repoTags.length ? 'delete' : 'untag',
  }));
}

const toRemove = (image: PlanImage, reason: string): Omit<PruneImage, 'freedBytes'> => ({
  id: image.id,
  shortId: image.shortId,
  repoTags: image.repoTags,
  size: image.size,
  created: image.created,
  reason,
  formerTags: image.formerTags,
});

/** The record a container keeps: `TagNameOnly(ParseNormalizedNamed(ref))` (`repo:tag` also for `repo:tag@digest`). */
function containerRecord(container: PlanContainer): string | null {
  const parsed = parseReference(container.imageRef);
  if (!parsed.ok || !parsed.ref.tag) return null;
  return `${parsed.ref.domain}/${parsed.ref.path}:${parsed.ref.tag}`;
}

function selectContainerd(images: readonly PlanImage[], options: PlanOptions): Selection {
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
