import { handle } from '@/lib/http/handle';
import { recentImageEvents } from '@/lib/docker/events/recent';
import { readAudit } from '@/lib/security/audit';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Writes through Strata (its audit log) and, when the engine answers, what the engine itself recorded.
export const GET = handle(async () => ({
  writes: await readAudit(),
  events: await recentImageEvents().catch(() => null),
}));
