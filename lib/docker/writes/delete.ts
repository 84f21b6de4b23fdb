// Deleting images (and the engine half of removing a tag): the engine's answer sorted into tags untagged,
// images and layers deleted, and its 409 refusals said in plain words.
import 'server-only';
import type { RemoveResult } from '@/lib/api/tags';
import { StrataError } from '@/lib/api/errors';
import { engine } from '@/lib/docker/engine/client';
import { explainConflict } from '@/lib/docker/writes/conflicts';
import { inspectImage, invalidateImages, snapshot } from '@/lib/docker/images/list';
import { imageWrite } from '@/lib/docker/engine/write-lock';

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
    throw new StrataError('conflict', conflict.message, {
      reason: conflict.reason,
      canForce: conflict.canForce,
      container: conflict.containerId,
    });
  }
  throw error;
}

interface EngineRemoveEntry {
  Untagged?: string;
  Deleted?: string;
}

/** One `DELETE /images/{ref}` (never pruning beyond it unless the engine does); `knownIds` tells images from layers. */
export async function removeFromEngine(ref: string, force: boolean, knownIds: Set<string>): Promise<RemoveResult> {
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

export async function knownImageIds(): Promise<Set<string>> {
  const snap = await snapshot();
  return new Set(snap.listed.map((image) => image.id));
}

export function deleteImage(imageRef: string, force = false): Promise<RemoveResult> {
  return imageWrite(() => removeImage(imageRef, force));
}

async function removeImage(imageRef: string, force: boolean): Promise<RemoveResult> {
  const id = (await inspectImage(imageRef)).Id;
  const known = await knownImageIds();
  known.add(id);
  return removeFromEngine(id, force, known);
}
