// Writing tags and deleting images, with the engine's refusals said in plain words. Every reference is
// validated (lib/api/schemas.ts) before it gets here; the engine never sees a malformed one.
import 'server-only';
import type { RemoveResult, TagResult } from '@/lib/api/types';
import { StrataError } from '@/lib/api/errors';
import { engine } from '@/lib/docker/engine/client';
import { explainConflict } from '@/lib/docker/writes/conflicts';
import { inspectImage, invalidateImages, snapshot } from '@/lib/docker/images/list';
import type { ParsedReference } from '@/lib/reference';
import { familiarRepository } from '@/lib/reference';
import { shortId } from '@/lib/format';
import { imageWrite } from '@/lib/docker/engine/write-lock';

/** `team/app` and `v2` from a parsed `team/app:v2`, as the engine's tag endpoint wants them. */
export function repoAndTag(ref: ParsedReference): { repo: string; tag: string; familiar: string } {
  const repo = familiarRepository(ref.domain, ref.path);
  const tag = ref.tag ?? 'latest';
  return { repo, tag, familiar: `${repo}:${tag}` };
}

async function imageIdOf(ref: string): Promise<string | null> {
  try {
    return (await inspectImage(ref)).Id;
  } catch (error) {
    if (error instanceof StrataError && error.code === 'not_found') return null;
    throw error;
  }
}

/** Container names by any prefix of their ID, for conflict messages that name a short ID. */
async function containerNamer(): Promise<(id: string) => string> {
  const snap = await snapshot();
  const all = [...snap.containers.values()].flat();
  return (id) => all.find((container) => container.id.startsWith(id))?.name ?? id;
}

/** Turns an engine 409 into a conflict a person can act on; anything else passes through. */
async function rephraseConflict(error: unknown): Promise<never> {
  if (error instanceof StrataError && error.code === 'conflict') {
    const conflict = explainConflict(error.message, await containerNamer());
    throw new StrataError('conflict', conflict.message, { reason: conflict.reason, canForce: conflict.canForce, container: conflict.containerId });
  }
  throw error;
}

export function addTag(imageRef: string, ref: ParsedReference): Promise<TagResult> {
  return imageWrite(() => writeTag(imageRef, ref));
}

async function writeTag(imageRef: string, ref: ParsedReference): Promise<TagResult> {
  const imageId = (await inspectImage(imageRef)).Id;
  const { repo, tag, familiar } = repoAndTag(ref);
  const previous = await imageIdOf(familiar);
  await engine((docker) => docker.getImage(imageId).tag({ repo, tag }));
  invalidateImages();
  if (!previous || previous === imageId) return { tag: familiar, imageId, movedFrom: null };
  // The image the tag left: dangling now if it has no tag left and no image builds on it.
  const left = (await snapshot()).listed.find((image) => image.id === previous);
  return { tag: familiar, imageId, movedFrom: { id: previous, shortId: shortId(previous), becameDangling: left !== undefined && left.repoTags.length === 0 } };
}

interface EngineRemoveEntry {
  Untagged?: string;
  Deleted?: string;
}

async function remove(ref: string, force: boolean, knownIds: Set<string>): Promise<RemoveResult> {
  let entries: EngineRemoveEntry[];
  try {
    entries = (await engine((docker) => docker.getImage(ref).remove({ force, noprune: false }))) as EngineRemoveEntry[];
  } catch (error) {
    return rephraseConflict(error);
  } finally {
    invalidateImages();
  }
  const deleted = entries.flatMap((entry) => (entry.Deleted ? [entry.Deleted] : []));
  // The engine's "Deleted" list mixes image IDs with layer IDs: only known image IDs are images.
  const deletedImages = deleted.filter((id) => knownIds.has(id));
  return {
    untagged: entries.flatMap((entry) => (entry.Untagged ? [entry.Untagged] : [])),
    deletedImages,
    deletedLayers: deleted.length - deletedImages.length,
  };
}

async function knownImageIds(): Promise<Set<string>> {
  const snap = await snapshot();
  return new Set(snap.listed.map((image) => image.id));
}

/** Removes one tag. When it is the image's last tag and nothing uses the image, the image goes too. */
export function removeTag(ref: ParsedReference, force = false): Promise<RemoveResult> {
  return imageWrite(() => untag(ref, force));
}

async function untag(ref: ParsedReference, force: boolean): Promise<RemoveResult> {
  const { familiar } = repoAndTag(ref);
  const known = await knownImageIds();
  const id = await imageIdOf(familiar);
  if (!id) throw new StrataError('not_found', `No tag ${familiar} on this engine.`, { ref: familiar });
  // Parents of other images are not in the top-level list; they are images too.
  known.add(id);
  return remove(familiar, force, known);
}

export function deleteImage(imageRef: string, force = false): Promise<RemoveResult> {
  return imageWrite(() => removeImage(imageRef, force));
}

async function removeImage(imageRef: string, force: boolean): Promise<RemoveResult> {
  const id = (await inspectImage(imageRef)).Id;
  const known = await knownImageIds();
  known.add(id);
  return remove(id, force, known);
}
