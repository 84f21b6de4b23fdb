// "A newer image is out": each local tag that came from a registry, against what the registry's tag
// points at now. Both sides import this file.
import { z } from '@/lib/api/zod';

export type UpdateState =
  /** The registry's tag points at a digest this engine does not have for that name. */
  | 'newer'
  | 'up_to_date'
  /** The registry answered and has no such tag (or repository). */
  | 'not_in_registry'
  /** The registry could not be asked, or refused: `message` says which. */
  | 'unreachable'
  /** Not asked yet: the check runs in the background (or waits for the registry's budget). */
  | 'pending';

export interface TagUpdate {
  /** The local tag, as `docker image ls` names it. */
  tag: string;
  imageId: string;
  /** The local repo digest for this name (the index or manifest digest it was pulled or pushed as). */
  local: string | null;
  /** The digest the registry's tag points at, when it was asked. */
  remote: string | null;
  state: UpdateState;
  /** ISO time of the registry answer this state rests on; null while pending. */
  checkedAt: string | null;
  /** When the registry's image was created (its config), for "newer in registry (created 3 days ago)". */
  remoteCreated: string | null;
  message: string | null;
}

export interface UpdatesResponse {
  updates: TagUpdate[];
  /** Tags with no repo digest: built or loaded here, never pulled or pushed, so never checked. */
  localOnly: number;
  /** How long a registry answer is kept before the tag is asked again. */
  intervalSeconds: number;
}

export const updatesQuery = z.object({
  /** How long to wait for checks that are due before answering (the rest keep running). */
  wait: z.coerce.number().int().min(0).max(10_000).default(1_500),
  /** "Check now": ask again for every tag whose answer is older than a minute (still within the budget). */
  refresh: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
