import { handle } from '@/lib/http/handle';
import { sseResponse } from '@/lib/http/sse';
import type { StrataEvent } from '@/lib/api/engine';
import { subscribe } from '@/lib/docker/events/subscription';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// handle() puts the request on the engine it names, so the stream is that engine's events.
export const GET = handle(async (request) => sseResponse<StrataEvent>(request, subscribe));
