// What a dangling image used to be called. The engine forgets a tag the moment it moves, so Strata
// remembers every tag it sees: in each image list, in live `tag` events, and once per process in the
// engine's recent event log (it keeps the last few hundred events), which covers rebuilds made before
// Strata started.
import 'server-only';
import { readEventLog } from '@/lib/docker/events/log';
import { subscribe } from '@/lib/docker/events/subscription';
import { perEngine } from '@/lib/docker/engine/scope';

interface Memory {
  tags: Map<string, Set<string>>;
  replayed: Promise<void> | null;
  listening: boolean;
}

// Per engine: a tag is a name on one host.
const tagMemory = (): Memory => perEngine('tag-memory', () => ({ tags: new Map(), replayed: null, listening: false }));

function remember(memory: Memory, id: string, tag: string): void {
  if (!id || !tag || tag === id) return;
  const seen = memory.tags.get(id);
  if (seen) seen.add(tag);
  else memory.tags.set(id, new Set([tag]));
}

export function rememberTags(images: readonly { id: string; repoTags: string[] }[]): void {
  const memory = tagMemory();
  for (const image of images) for (const tag of image.repoTags) remember(memory, image.id, tag);
}

async function replayRecentEvents(memory: Memory): Promise<void> {
  for (const event of await readEventLog(0, { type: ['image'], event: ['tag'] })) {
    remember(memory, event.Actor?.ID ?? '', event.Actor?.Attributes?.name ?? '');
  }
}

/** Starts remembering (once) and waits for the replay of the engine's recent events. */
export async function ensureTagMemory(): Promise<void> {
  const memory = tagMemory();
  if (!memory.listening) {
    memory.listening = true;
    subscribe((event) => {
      if (event.kind === 'image' && event.action === 'tag' && event.name) remember(memory, event.id, event.name);
    });
  }
  memory.replayed ??= replayRecentEvents(memory).catch(() => {
    // Without the replay only tags seen from now on are known; try again next time.
    memory.replayed = null;
  });
  await memory.replayed;
}

/** Tags this image had that it no longer has. */
export function formerTags(id: string, current: readonly string[]): string[] {
  return [...(tagMemory().tags.get(id) ?? [])].filter((tag) => !current.includes(tag)).sort();
}
