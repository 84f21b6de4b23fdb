// The engine's 409 messages for image removal, said in plain words, with whether `force` can help.
// The texts come from Engine 20.10 (see ../shared/docs/engine-and-hub-api.md §1.5); later engines word
// them the same way.
import 'server-only';

export type ConflictReason = 'multiple_tags' | 'stopped_container' | 'running_container' | 'child_images' | 'container_uses_tag' | 'other';

export interface Conflict {
  reason: ConflictReason;
  canForce: boolean;
  /** The container the engine named (short ID), when it named one. */
  containerId: string | null;
  message: string;
}

type Namer = (containerId: string) => string;

/** Rephrases one engine conflict. `name` turns a container ID into its name for the message. */
export function explainConflict(engineMessage: string, name: Namer = (id) => id): Conflict {
  const container = (pattern: RegExp) => pattern.exec(engineMessage)?.[1] ?? null;
  let id: string | null;
  if (/image has dependent child images/.test(engineMessage)) {
    return {
      reason: 'child_images',
      canForce: false,
      containerId: null,
      message: 'Other images are built on top of this one (it is their parent). Delete those images first; force cannot override this.',
    };
  }
  if ((id = container(/being used by running container (\w+)/))) {
    return {
      reason: 'running_container',
      canForce: false,
      containerId: id,
      message: `Container ${name(id)} is running from this image. Stop and remove that container first; force cannot override this.`,
    };
  }
  if ((id = container(/being used by stopped container (\w+)/))) {
    return {
      reason: 'stopped_container',
      canForce: true,
      containerId: id,
      message: `Container ${name(id)} (stopped) was created from this image. Remove that container first, or force the delete: the container then refers to an image that is gone.`,
    };
  }
  if ((id = container(/container (\w+) is using its referenced image/))) {
    return {
      reason: 'container_uses_tag',
      canForce: true,
      containerId: id,
      message: `This is the last tag of an image that container ${name(id)} uses. Forcing removes just the tag: the image stays, untagged (dangling), for the container.`,
    };
  }
  if (/referenced in multiple repositories/.test(engineMessage)) {
    return {
      reason: 'multiple_tags',
      canForce: true,
      containerId: null,
      message: 'This image has several tags. Remove the tags one by one, or force the delete to remove the image and every tag.',
    };
  }
  return { reason: 'other', canForce: /must be forced|must force/.test(engineMessage), containerId: null, message: engineMessage };
}
