// `GET /system/df`, the one way Strata asks the engine for disk usage. Docker 20.10 refuses a second one
// while one runs (409 "a disk usage operation is already running"; 23+ shares one instead), and a page
// asks for several at once (the disk card, a prune preview, the build-cache tab), so a call the engine
// refuses that way is asked again shortly after. Calls are not shared: a reading taken after a prune
// must not be one that started before it.
import 'server-only';
import { StrataError } from '@/lib/api/errors';
import { dial } from '@/lib/docker/engine/client';

const RETRIES = 6;

const busy = (error: unknown) =>
  error instanceof StrataError && error.code === 'conflict' && /disk usage operation is already running/i.test(error.message);

export async function systemDf<T>(query: Record<string, string | number> = {}, timeoutMs?: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await dial<T>({ path: '/system/df', method: 'GET', query, timeoutMs });
    } catch (error) {
      if (!busy(error) || attempt >= RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150 * (attempt + 1)));
    }
  }
}
