// Strata's own changes to the engine's images, serialised around prunes. A prune plans from a snapshot
// and then deletes; a tag written or an image deleted in between would make the result differ from
// what was confirmed, or be deleted right after it was reported as made. So, in this server process:
// a prune runs alone, and every other image write is refused (409, nothing done) while one runs.
// Writes that are not prunes may run side by side: the engine applies each one atomically.
//
// The check and the claim happen in the same synchronous step, before the caller's first `await`, so
// two requests cannot both pass the check. Changes made outside Strata (the docker CLI, another Strata)
// are not covered by this lock; a prune's `expect` list catches those between preview and confirm.
import 'server-only';
import { StrataError } from '@/lib/api/errors';
import { perEngine } from '@/lib/docker/engine/scope';

interface LockState {
  /** What holds the prune lock, in words for the refusal ("the retention rule “nightly”"); null when free. */
  pruning: string | null;
  writes: number;
}

// One state per engine: a prune on one host never blocks a tag on another.
const lockState = (): LockState => perEngine('write-lock', () => ({ pruning: null, writes: 0 }));

export const PRUNE_RUNNING = 'A prune is already running on this engine. Wait for it to finish, then preview again.';
export const WRITES_RUNNING =
  'Tags or images are being changed on this engine right now. Wait for that to finish, then preview the cleanup again.';
export const BLOCKED_BY_PRUNE = 'A prune is running on this engine, so nothing was changed. Try again when it has finished.';

const MANUAL = 'a prune';

/** The refusal names what runs when it is not a plain prune: a person should know what they wait for. */
const runningMessage = (holder: string) =>
  holder === MANUAL
    ? PRUNE_RUNNING
    : `A cleanup is already running on this engine (${holder}). Nothing was changed: wait for it to finish, then preview again.`;

/** Runs a prune alone: refused with 409 while another prune or any other image write runs. */
export async function exclusivePrune<T>(run: () => Promise<T>, holder: string = MANUAL): Promise<T> {
  const state = lockState();
  if (state.pruning) throw new StrataError('conflict', runningMessage(state.pruning), { reason: 'prune_running' });
  if (state.writes > 0) throw new StrataError('conflict', WRITES_RUNNING, { reason: 'writes_running' });
  state.pruning = holder;
  try {
    return await run();
  } finally {
    state.pruning = null;
  }
}

/** Runs a tag or delete write; refused with 409 while a prune runs. Nests (a bulk apply of many tags). */
export async function imageWrite<T>(run: () => Promise<T>): Promise<T> {
  const state = lockState();
  if (state.pruning) throw new StrataError('conflict', BLOCKED_BY_PRUNE, { reason: 'prune_running' });
  state.writes += 1;
  try {
    return await run();
  } finally {
    state.writes -= 1;
  }
}
