// One subscription to each engine's event stream per server process, fanned out to every browser.
// When the engine goes away the stream ends; we say so to listeners and reconnect every second, so
// pages recover on their own within seconds of the engine's return.
import 'server-only';
import type { Readable } from 'node:stream';
import type { StrataEvent } from '@/lib/api/engine';
import { engine, engineTimeoutMs, resetConnection } from '@/lib/docker/engine/client';
import { mapEvent } from '@/lib/docker/engine/mappers';
import { activeEngine, onEngine, perEngine } from '@/lib/docker/engine/scope';
import type { RawEvent } from '@/lib/docker/engine/raw-types';

type Listener = (event: StrataEvent) => void;

// Image actions that change what the image pages show, and the container ones that change counts.
const IMAGE_ACTIONS = ['pull', 'push', 'tag', 'untag', 'delete', 'import', 'load', 'prune', 'create'];
// `commit` makes a new image (legacy builds without a tag emit no image event at all); the others
// change a container's state or name, which the image pages show.
const CONTAINER_ACTIONS = ['create', 'destroy', 'commit', 'start', 'die', 'stop', 'pause', 'unpause', 'rename'];
const RECONNECT_MS = 1000;

interface HubState {
  /** The engine this hub listens to: its reconnects and timers run outside any request. */
  engine: string;
  listeners: Set<Listener>;
  stream: Readable | null;
  connected: boolean;
  lastMessage: string | null;
  retry: ReturnType<typeof setTimeout> | null;
  opening: boolean;
  /** Unix seconds of the newest event heard, to resume from after a reconnect. */
  lastEventTime: number | null;
}

function newHub(): HubState {
  return {
    engine: activeEngine().name,
    listeners: new Set(),
    stream: null,
    connected: false,
    lastMessage: null,
    retry: null,
    opening: false,
    lastEventTime: null,
  };
}

/** The active engine's hub: one event subscription per engine, fanned out to every browser on it. */
const hubFor = (): HubState => perEngine('events', newHub);

function broadcast(hub: HubState, event: StrataEvent): void {
  for (const listener of hub.listeners) {
    try {
      listener(event);
    } catch (error) {
      // One failing listener (a closed browser stream) must not stop the others or crash the server.
      console.error('[strata] event listener failed', error);
    }
  }
}

function setConnected(hub: HubState, connected: boolean, message: string | null): void {
  const changed = hub.connected !== connected || hub.lastMessage !== message;
  hub.connected = connected;
  hub.lastMessage = message;
  if (changed) broadcast(hub, { kind: 'engine', state: connected ? 'connected' : 'disconnected', message, time: new Date().toISOString() });
}

function scheduleReconnect(hub: HubState): void {
  if (hub.retry || hub.listeners.size === 0) return;
  hub.retry = setTimeout(() => {
    hub.retry = null;
    void open(hub);
  }, RECONNECT_MS);
}

function onStreamEnd(hub: HubState, stream: Readable, reason: string): void {
  // A stream we dropped ourselves (last listener left) must not clobber its successor.
  if (hub.stream !== stream) return;
  hub.stream = null;
  resetConnection(hub.engine);
  setConnected(hub, false, reason);
  scheduleReconnect(hub);
}

async function open(hub: HubState): Promise<void> {
  if (hub.stream || hub.opening || hub.listeners.size === 0) return;
  hub.opening = true;
  try {
    // The engine sends headers before it subscribes, so resume a little in the past: a change made in
    // that gap (or while we were away) is replayed rather than missed. Replays only invalidate again.
    const since = hub.lastEventTime ?? Math.floor(Date.now() / 1000) - 2;
    const stream = (await onEngine(hub.engine, () =>
      engine(
        (docker, signal) => docker.getEvents({ since, filters: { type: ['image', 'container'] }, abortSignal: signal }),
        // The engine answers an events request at once; one that does not is stuck, and the banner says so.
        { stream: true, timeoutMs: engineTimeoutMs() },
      ),
    )) as unknown as Readable;
    if (hub.listeners.size === 0) {
      stream.destroy();
      return;
    }
    hub.stream = stream;
    setConnected(hub, true, null);
    // Decode as a stream so a multi-byte character split across chunks is not mangled.
    stream.setEncoding('utf8');
    let buffer = '';
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) handleLine(hub, line);
        newline = buffer.indexOf('\n');
      }
    });
    stream.once('end', () => onStreamEnd(hub, stream, 'The Docker engine closed the event stream.'));
    stream.once('close', () => onStreamEnd(hub, stream, 'The Docker engine closed the event stream.'));
    stream.on('error', (error: Error) => onStreamEnd(hub, stream, `The event stream failed: ${error.message}`));
  } catch (error) {
    hub.stream = null;
    setConnected(hub, false, error instanceof Error ? error.message : String(error));
    scheduleReconnect(hub);
  } finally {
    hub.opening = false;
  }
}

function handleLine(hub: HubState, line: string): void {
  let raw: RawEvent;
  try {
    raw = JSON.parse(line) as RawEvent;
  } catch {
    return;
  }
  if (typeof raw.time === 'number') hub.lastEventTime = raw.time;
  const event = mapEvent(raw);
  if (!event) return;
  if (event.kind === 'image' && !IMAGE_ACTIONS.includes(event.action)) return;
  if (event.kind === 'container' && !CONTAINER_ACTIONS.includes(event.action)) return;
  broadcast(hub, event);
}

/** Current engine reachability as the event stream sees it. */
export function engineStatus(): { connected: boolean; message: string | null } {
  const hub = hubFor();
  return { connected: hub.connected, message: hub.lastMessage };
}

/** Adds a listener; it hears the current engine state first (if known), then every change. */
export function subscribe(listener: Listener): () => void {
  const hub = hubFor();
  hub.listeners.add(listener);
  if (hub.connected || hub.lastMessage) {
    const state = hub.connected ? 'connected' : 'disconnected';
    const message = hub.connected ? null : hub.lastMessage;
    queueMicrotask(() => hub.listeners.has(listener) && listener({ kind: 'engine', state, message, time: new Date().toISOString() }));
  }
  void open(hub);
  return () => {
    hub.listeners.delete(listener);
    if (hub.listeners.size === 0) {
      const stream = hub.stream;
      hub.stream = null;
      stream?.destroy();
      hub.connected = false;
      if (hub.retry) clearTimeout(hub.retry);
      hub.retry = null;
    }
  };
}
