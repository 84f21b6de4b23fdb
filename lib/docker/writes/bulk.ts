// Many tags or images at once: a dry run that says exactly what each item will do, then the same
// items applied one by one with a result each. The preview and the apply read the same list.
import 'server-only';
import type { BulkAction, BulkItem, BulkResponse, RetagItem, RetagResponse } from '@/lib/api/tags';
import type { ImageSummary } from '@/lib/api/images';
import { StrataError } from '@/lib/api/errors';
import { listImages, snapshot } from '@/lib/docker/images/list';
import { parentsOf } from '@/lib/docker/images/parents';
import { deleteImage } from '@/lib/docker/writes/delete';
import { addTag, removeTag, repoAndTag } from '@/lib/docker/writes/tags';
import { freedPhrase } from '@/lib/size-words';
import { looksLikeImageId, parseReference } from '@/lib/reference';
import { imageWrite } from '@/lib/docker/engine/write-lock';

const describeImage = (image: ImageSummary) => image.repoTags[0] ?? image.shortId;

function findImage(images: ImageSummary[], target: string): ImageSummary | undefined {
  const hex = target.replace(/^sha256:/, '');
  if (looksLikeImageId(target)) return images.find((image) => image.id.replace(/^sha256:/, '').startsWith(hex));
  const parsed = parseReference(target);
  if (!parsed.ok) return undefined;
  const { familiar } = repoAndTag(parsed.ref);
  return images.find((image) => image.repoTags.includes(familiar));
}

/**
 * Untags are planned in order over a working copy of each image's tags: removing both tags of one image
 * makes the second one its last, and the plan says so.
 */
function planUntag(
  images: ImageSummary[],
  remaining: Map<string, string[]>,
  parents: Set<string>,
  target: string,
  force: boolean,
): BulkItem {
  const parsed = parseReference(target);
  if (!parsed.ok) return { target, imageId: null, outcome: 'error', message: parsed.message };
  const { familiar } = repoAndTag(parsed.ref);
  const image = images.find((candidate) => (remaining.get(candidate.id) ?? candidate.repoTags).includes(familiar));
  if (!image) return { target, imageId: null, outcome: 'error', message: `No tag ${familiar} on this engine.` };
  const others = (remaining.get(image.id) ?? image.repoTags).filter((tag) => tag !== familiar);
  remaining.set(image.id, others);
  if (others.length > 0)
    return { target, imageId: image.id, outcome: 'planned', message: `Removes the tag; ${image.shortId} keeps ${others.join(', ')}.` };
  if (image.containers > 0) {
    return force
      ? {
          target,
          imageId: image.id,
          outcome: 'planned',
          message: `Removes the last tag; ${image.shortId} stays, untagged, because a container uses it.`,
        }
      : { target, imageId: image.id, outcome: 'refused', message: `Last tag of an image a container uses: refused unless forced.` };
  }
  if (parents.has(image.id))
    return {
      target,
      imageId: image.id,
      outcome: 'planned',
      message: `Removes the last tag; ${image.shortId} stays, untagged, because other images are built on it.`,
    };
  return {
    target,
    imageId: image.id,
    outcome: 'planned',
    message: `Last tag: image ${image.shortId} is deleted too, freeing ${freedPhrase(image)}.`,
  };
}

function planDelete(images: ImageSummary[], parents: Set<string>, running: Set<string>, target: string, force: boolean): BulkItem {
  const image = findImage(images, target);
  if (!image) return { target, imageId: null, outcome: 'error', message: `No image ${target} on this engine.` };
  const tags = image.repoTags.length ? ` and its tag${image.repoTags.length === 1 ? '' : 's'} ${image.repoTags.join(', ')}` : '';
  if (parents.has(image.id))
    return {
      target,
      imageId: image.id,
      outcome: 'refused',
      message: `Other local images are built on ${describeImage(image)}; delete those first (force cannot override this).`,
    };
  if (running.has(image.id))
    return {
      target,
      imageId: image.id,
      outcome: 'refused',
      message: `A running container uses ${describeImage(image)}: stop and remove it first (force cannot override this).`,
    };
  if (image.containers > 0 && !force)
    return {
      target,
      imageId: image.id,
      outcome: 'refused',
      message: `A container uses ${describeImage(image)}: refused unless forced (and never while it runs).`,
    };
  if (image.repoTags.length > 1 && !force)
    return {
      target,
      imageId: image.id,
      outcome: 'refused',
      message: `${image.shortId} has ${image.repoTags.length} tags: refused unless forced.`,
    };
  return { target, imageId: image.id, outcome: 'planned', message: `Deletes ${image.shortId}${tags}, freeing ${freedPhrase(image)}.` };
}

export function bulk(action: BulkAction, targets: string[], force: boolean, dryRun: boolean): Promise<BulkResponse> {
  // Applied under the write lock from the start, so a prune cannot begin between plan and apply.
  return dryRun ? planAndApplyBulk(action, targets, force, true) : imageWrite(() => planAndApplyBulk(action, targets, force, false));
}

async function planAndApplyBulk(action: BulkAction, targets: string[], force: boolean, dryRun: boolean): Promise<BulkResponse> {
  const [{ images }, snap] = await Promise.all([listImages(), snapshot()]);
  const parents = parentsOf(snap);
  const running = new Set(
    [...snap.containers].filter(([, containers]) => containers.some((container) => container.state === 'running')).map(([id]) => id),
  );
  const remaining = new Map<string, string[]>();
  const plans = targets.map((target) =>
    action === 'untag' ? planUntag(images, remaining, parents, target, force) : planDelete(images, parents, running, target, force),
  );
  if (dryRun) return { dryRun, action, items: plans };
  const items: BulkItem[] = [];
  for (const plan of plans) {
    // Only what the preview said will run is run: a refusal shown is a refusal kept.
    if (plan.outcome !== 'planned') {
      items.push(plan);
      continue;
    }
    try {
      const parsed = parseReference(plan.target);
      const result =
        action === 'untag' && parsed.ok ? await removeTag(parsed.ref, force) : await deleteImage(plan.imageId ?? plan.target, force);
      const parts = [
        result.untagged.length ? `untagged ${result.untagged.join(', ')}` : '',
        result.deletedImages.length ? `deleted ${result.deletedImages.length} image${result.deletedImages.length === 1 ? '' : 's'}` : '',
      ].filter(Boolean);
      items.push({ ...plan, outcome: 'ok', message: parts.join('; ') || 'done' });
    } catch (error) {
      items.push({ ...plan, outcome: 'error', message: error instanceof StrataError ? error.message : 'failed' });
    }
  }
  return { dryRun, action, items };
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('(.*)')}$`);
}

/** Every tag matching `from` (one `*`), and where `to` puts it. */
export function planRetag(images: ImageSummary[], from: string, to: string): RetagItem[] {
  const matcher = globToRegExp(from);
  const owner = new Map<string, ImageSummary>();
  for (const image of images) for (const tag of image.repoTags) owner.set(tag, image);
  const items: RetagItem[] = [];
  for (const image of images) {
    for (const tag of image.repoTags) {
      const match = matcher.exec(tag);
      if (!match) continue;
      const target = to.includes('*') ? to.replace('*', match[1] ?? '') : to;
      const parsed = parseReference(target);
      if (!parsed.ok || parsed.ref.digest) {
        items.push({
          from: tag,
          to: target,
          imageId: image.id,
          outcome: 'error',
          message: parsed.ok ? 'A tag cannot be a digest.' : parsed.message,
        });
        continue;
      }
      const { familiar } = repoAndTag(parsed.ref);
      const current = owner.get(familiar);
      if (current?.id === image.id) {
        items.push({ from: tag, to: familiar, imageId: image.id, outcome: 'skipped', message: 'Already points at this image.' });
      } else if (current) {
        items.push({
          from: tag,
          to: familiar,
          imageId: image.id,
          outcome: 'planned',
          message: `Moves ${familiar} here from ${current.shortId}.`,
        });
      } else {
        items.push({ from: tag, to: familiar, imageId: image.id, outcome: 'planned', message: `New tag on ${image.shortId}.` });
      }
    }
  }
  return items.sort((a, b) => a.from.localeCompare(b.from));
}

export function retag(from: string, to: string, move: boolean, dryRun: boolean): Promise<RetagResponse> {
  return dryRun ? planAndApplyRetag(from, to, move, true) : imageWrite(() => planAndApplyRetag(from, to, move, false));
}

async function planAndApplyRetag(from: string, to: string, move: boolean, dryRun: boolean): Promise<RetagResponse> {
  const { images } = await listImages();
  const plans = planRetag(images, from, to);
  if (dryRun)
    return {
      dryRun,
      items: plans.map((item) =>
        move && item.outcome === 'planned' ? { ...item, message: `${item.message} Then removes ${item.from}.` } : item,
      ),
    };
  const items: RetagItem[] = [];
  for (const plan of plans) {
    if (plan.outcome !== 'planned') {
      items.push(plan);
      continue;
    }
    try {
      const target = parseReference(plan.to);
      if (!target.ok) throw new StrataError('invalid_reference', target.message);
      await addTag(plan.imageId, target.ref);
      if (move) {
        const old = parseReference(plan.from);
        if (old.ok) await removeTag(old.ref);
      }
      items.push({ ...plan, outcome: 'ok', message: move ? `Moved to ${plan.to}.` : `Tagged ${plan.to}.` });
    } catch (error) {
      items.push({ ...plan, outcome: 'error', message: error instanceof StrataError ? error.message : 'failed' });
    }
  }
  return { dryRun, items };
}
