// Live updates: one EventSource per tab on /api/events. Engine events invalidate the queries they
// affect, so a `docker tag` typed in a terminal shows on an open page within a second, without polling.
'use client';
import { useEffect, useSyncExternalStore } from 'react';
import { withEngine } from '@/lib/engine-param';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { StrataEvent } from '@/lib/api/engine';
import { engineKeys } from '@/lib/queries/engine';
import { imageKeys } from '@/lib/queries/images';

export type LiveState = { status: 'connecting' | 'live' | 'engine-down' | 'server-down'; message: string | null };

let live: LiveState = { status: 'connecting', message: null };
const listeners = new Set<() => void>();

function setLive(next: LiveState): void {
  if (next.status === live.status && next.message === live.message) return;
  live = next;
  listeners.forEach((listener) => listener());
}

export function useLiveState(): LiveState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => live,
    () => live,
  );
}

const INVALIDATE_DELAY_MS = 150;
let pending: { images: boolean; engine: boolean; timer: ReturnType<typeof setTimeout> | null } = {
  images: false,
  engine: false,
  timer: null,
};

/** Many events arrive in bursts (a build, a prune): refetch once per burst, not once per event. */
function scheduleInvalidation(client: QueryClient, what: { images?: boolean; engine?: boolean }): void {
  pending.images ||= Boolean(what.images);
  pending.engine ||= Boolean(what.engine);
  if (pending.timer) return;
  pending.timer = setTimeout(() => {
    if (pending.images) void client.invalidateQueries({ queryKey: imageKeys.all });
    if (pending.engine) void client.invalidateQueries({ queryKey: engineKeys.all });
    pending = { images: false, engine: false, timer: null };
  }, INVALIDATE_DELAY_MS);
}

export function applyEvent(client: QueryClient, event: StrataEvent): void {
  if (event.kind === 'engine') {
    const wasDown = live.status === 'engine-down' || live.status === 'server-down';
    setLive(event.state === 'connected' ? { status: 'live', message: null } : { status: 'engine-down', message: event.message });
    // Back after an outage: anything may have changed while we could not hear.
    if (event.state === 'connected' && wasDown) void client.invalidateQueries();
    return;
  }
  scheduleInvalidation(client, { images: true, engine: event.kind === 'container' });
}

export function useEngineEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    const source = new EventSource(withEngine('/api/events'));
    source.onmessage = (message) => {
      try {
        applyEvent(client, JSON.parse(message.data as string) as StrataEvent);
      } catch {
        // A malformed frame is dropped; the next one still counts.
      }
    };
    source.onerror = () => {
      // EventSource reconnects by itself; meanwhile say the live feed is interrupted.
      if (source.readyState !== EventSource.OPEN) setLive({ status: 'server-down', message: null });
    };
    return () => source.close();
  }, [client]);
}
