// Writing tags, with the engine's refusals said in plain words. Every reference is validated
// (lib/api/references.ts, lib/api/tags.ts) before it gets here; the engine never sees a malformed one.
import 'server-only';
import type { RemoveResult, TagResult } from '@/lib/api/tags';
import { StrataError } from '@/lib/api/errors';
import { engine } from '@/lib/docker/engine/client';
import { knownImageIds, removeFromEngine } from '@/lib/docker/writes/delete';
import { imageIdOf, inspectImage, invalidateImages, snapshot } from '@/lib/docker/images/list';
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
  return {
    tag: familiar,
    imageId,
    movedFrom: { id: previous, shortId: shortId(previous), becameDangling: left !== undefined && left.repoTags.length === 0 },
  };
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
  return removeFromEngine(familiar, force, known);
}
