import 'server-only';
import type { Snapshot } from '@/lib/docker/images/list';

/** Images that other listed images were built on (a step of theirs is this image): the engine keeps them. */
export function parentsOf(snap: Snapshot): Set<string> {
  const parents = new Set<string>();
  for (const image of snap.listed) {
    for (const step of snap.layers.get(image.id)?.history ?? []) {
      if (step.Id && step.Id !== image.id && step.Id !== '<missing>') parents.add(step.Id);
    }
  }
  return parents;
}
