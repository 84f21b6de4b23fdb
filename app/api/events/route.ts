import { sseResponse } from '@/lib/api/sse';
import type { StrataEvent } from '@/lib/api/types';
import { engineStatus, subscribe } from '@/lib/docker/events';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  const { connected, message } = engineStatus();
  // A newcomer learns the current state at once; later changes arrive as they happen.
  const time = new Date().toISOString();
  const initial: StrataEvent[] = connected
    ? [{ kind: 'engine', state: 'connected', message: null, time }]
    : message
      ? [{ kind: 'engine', state: 'disconnected', message, time }]
      : [];
  return sseResponse<StrataEvent>(request, subscribe, initial);
}
