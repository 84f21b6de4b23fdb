// The one rule for an image's ancestors: a step of its history that is another image (the engine names the
// image a step produced, `<missing>` when that image is not on this engine) is an image it was built on.
import 'server-only';
import type { Snapshot } from '@/lib/docker/images/list';

/** The images an image was built on, newest first (history order): its parent, then that one's, and so on. */
export function ancestorIds(imageId: string, history: readonly { Id?: string }[]): string[] {
  return history.flatMap((step) => (step.Id && step.Id !== imageId && step.Id !== '<missing>' ? [step.Id] : []));
}

/** Images that other listed images were built on (a step of theirs is this image): the engine keeps them. */
export function parentsOf(snap: Snapshot): Set<string> {
  const parents = new Set<string>();
  for (const image of snap.listed) {
    for (const id of ancestorIds(image.id, snap.layers.get(image.id)?.history ?? [])) parents.add(id);
  }
  return parents;
}
