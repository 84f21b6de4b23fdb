// Unpinned base images: `FROM node` means `node:latest`, which moves with every upstream release, so
// the same Dockerfile builds something different next week.
import { finding, type Rule } from '@/lib/dockerfile/rules/rule';

// Tags that follow new releases across major versions. Codenames (`bookworm`) and anything with a
// version number in it are pins, if loose ones.
const MOVING_TAG = /^(latest|lts|current|stable|edge|mainline|nightly|rolling|alpine|slim)(-(alpine|slim))?$/;

export const unpinnedBase: Rule = (model) =>
  model.stages.flatMap((stage) => {
    const image = stage.resolvedImage;
    // An earlier stage, nothing at all, or a base only known at build time (an ARG without default).
    if (stage.baseStage !== null || image === null || image === '' || image.toLowerCase() === 'scratch') return [];
    if (image.includes('@')) return [];
    const { name, tag } = splitTag(image);
    if (tag !== null && !MOVING_TAG.test(tag)) return [];
    const shown = stage.image === image ? image : `${stage.image} (${image} by default)`;
    return [
      finding(
        'unpinned-base',
        stage.from,
        'warning',
        tag === null
          ? `${shown} has no tag, so it means :latest and changes under you: pin versions for anything beyond dev.`
          : `${shown} moves to each new upstream release: pin versions for anything beyond dev.`,
        `Name a version, e.g. FROM ${name}:<version>, or pin a digest with @sha256:….`,
      ),
    ];
  });

/** `registry:5000/team/app:1.2` → name `registry:5000/team/app`, tag `1.2`; a registry port is no tag. */
export function splitTag(image: string): { name: string; tag: string | null } {
  const colon = image.lastIndexOf(':');
  if (colon < 0 || colon < image.lastIndexOf('/')) return { name: image, tag: null };
  return { name: image.slice(0, colon), tag: image.slice(colon + 1) };
}
