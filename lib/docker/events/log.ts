// The engine's recent events (it keeps the last few hundred), read as a finite stream: with `until`
// set, the engine answers what it has and closes.
import 'server-only';
import type { Readable } from 'node:stream';
import { engine } from '@/lib/docker/engine/client';
import type { RawEvent } from '@/lib/docker/engine/raw-types';

export async function readEventLog(since: number, filters: Record<string, string[]>): Promise<RawEvent[]> {
  // Sub-second precision: a whole-second `until` would miss what happened earlier in this very second.
  const until = (Date.now() / 1000).toFixed(6) as unknown as number;
  const stream = (await engine((docker) => docker.getEvents({ since, until, filters }))) as unknown as Readable;
  stream.setEncoding('utf8');
  let text = '';
  for await (const chunk of stream) text += chunk as string;
  return text.split('\n').flatMap((line) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line) as RawEvent];
    } catch {
      return [];
    }
  });
}
