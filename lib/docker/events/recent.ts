// The engine's own recent image events, for the activity page.
import 'server-only';
import type { StrataEvent } from '@/lib/api/engine';
import { readEventLog } from '@/lib/docker/events/log';
import { mapEvent } from '@/lib/docker/engine/mappers';

export async function recentImageEvents(sinceSeconds = 24 * 3600): Promise<StrataEvent[]> {
  const events = await readEventLog(Math.floor(Date.now() / 1000 - sinceSeconds), { type: ['image'] });
  return events
    .flatMap((raw) => {
      const event = mapEvent(raw);
      return event ? [event] : [];
    })
    .reverse();
}
