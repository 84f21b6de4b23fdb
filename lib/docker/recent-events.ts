// The engine's own recent image events (it keeps the last few hundred), for the activity page.
import 'server-only';
import type { Readable } from 'node:stream';
import type { StrataEvent } from '@/lib/api/types';
import { engine } from '@/lib/docker/client';
import { mapEvent } from '@/lib/docker/mappers';
import type { RawEvent } from '@/lib/docker/raw-types';

export async function recentImageEvents(sinceSeconds = 24 * 3600): Promise<StrataEvent[]> {
  // Sub-second precision: a whole-second `until` would miss what happened earlier in this very second.
  const now = Date.now() / 1000;
  const stream = (await engine((docker) =>
    docker.getEvents({ since: Math.floor(now - sinceSeconds), until: now.toFixed(6) as unknown as number, filters: { type: ['image'] } }),
  )) as unknown as Readable;
  stream.setEncoding('utf8');
  let text = '';
  for await (const chunk of stream) text += chunk as string;
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        const event = mapEvent(JSON.parse(line) as RawEvent);
        return event ? [event] : [];
      } catch {
        return [];
      }
    })
    .reverse();
}
