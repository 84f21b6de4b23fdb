import { sseResponse } from '@/lib/http/sse';
import type { StrataEvent } from '@/lib/api/engine';
import { subscribe } from '@/lib/docker/events/subscription';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  return sseResponse<StrataEvent>(request, subscribe);
}
