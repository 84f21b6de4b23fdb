// What only the HTTP server itself can see, installed once at start-up (instrumentation.ts) on every
// Node HTTP server in the process — `next start` creates its own and offers no hook into it:
//  - the socket's address, stamped on each request as `x-strata-peer` (replacing whatever a client
//    sent under that name), so the rate limiter and the audit log key on who really connected rather
//    than on a forgeable X-Forwarded-For;
//  - time limits on the request itself: the headers must arrive within 10 s, a body within 15 s, and an
//    upload (build context, image archive) must keep moving at 64 KiB per 30 s (STRATA_HEADERS_TIMEOUT_MS,
//    STRATA_BODY_TIMEOUT_MS, STRATA_UPLOAD_WINDOW_MS). A client that trickles bytes is answered 408 and cut off,
//    instead of holding a connection (and a route's memory) for minutes. Node's own whole-request
//    timeout is switched off: it would cut an honest 8 GiB upload at five minutes.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { PEER_HEADER } from '@/lib/security/rate-limit';

export interface SocketLimits {
  headersMs: number;
  bodyMs: number;
  uploadWindowMs: number;
  uploadMinBytes: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = { headersMs: 10_000, bodyMs: 15_000, uploadWindowMs: 30_000, uploadMinBytes: 64 * 1024 };

/** Paths whose bodies are uploads (the same three the proxy leaves out; see lib/security/guard.ts). */
const UPLOAD_PATHS = new Set(['/api/build', '/api/images/load', '/api/images/import']);

const INSTALLED = Symbol.for('strata.socket-guard');

/** Installs the guard on every HTTP server of this process, once. */
export function installSocketGuard(limits: SocketLimits = limitsFromEnv()): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'connection') awaitHeaders(args[0] as Socket, limits, true);
    else if (event === 'upgrade') headersArrived((args[0] as IncomingMessage).socket);
    else if (event === 'request') {
      // Node's whole-request limit would cut a long upload; the body limits below replace it.
      this.requestTimeout = 0;
      guardRequest(args[0] as IncomingMessage, args[1] as ServerResponse, limits);
    }
    return (emit as (event: string | symbol, ...args: unknown[]) => boolean).call(this, event, ...args);
  } as typeof proto.emit;
}

const headerTimers = new WeakMap<Socket, NodeJS.Timeout>();
const watched = new WeakSet<Socket>();

/**
 * A connection that has sent nothing yet is closed after this long: longer than Chromium keeps an unused
 * connection it opened ahead (10 s), so the browser lets go first and never sends on one being closed.
 */
const FRESH_IDLE_MS = 30_000;

/**
 * The next request's headers must be complete within the limit counted from its first byte (on a new
 * connection, or on a kept-alive one after an answer). An idle kept-alive connection is left to the
 * server's keep-alive timeout, which the start commands set beyond the browser's: closing it here at a
 * fixed time after the last answer raced the browser, which could send a POST on it at that moment (a
 * POST is not retried: a build said the connection was lost). Node's own headersTimeout is only checked
 * every 30 seconds. Socket counters only: listening for 'data' would take the bytes from the parser.
 */
function awaitHeaders(socket: Socket, limits: SocketLimits, fresh: boolean): void {
  headersArrived(socket);
  const since = fresh ? 0 : socket.bytesRead;
  const armed = Date.now();
  let firstByte: number | null = null;
  const timer = setInterval(
    () => {
      if (socket.destroyed) return headersArrived(socket);
      const now = Date.now();
      if (firstByte === null && socket.bytesRead > since) firstByte = now;
      if (firstByte !== null ? now - firstByte >= limits.headersMs : fresh && now - armed >= FRESH_IDLE_MS) socket.destroy();
    },
    Math.min(1_000, Math.max(20, Math.floor(limits.headersMs / 4))),
  );
  timer.unref();
  headerTimers.set(socket, timer);
  // Once per socket: a kept-alive connection comes back here after every answer.
  if (!watched.has(socket)) {
    watched.add(socket);
    socket.once('close', () => headersArrived(socket));
  }
}

function headersArrived(socket: Socket): void {
  clearInterval(headerTimers.get(socket));
  headerTimers.delete(socket);
}

function limitsFromEnv(): SocketLimits {
  const number = (name: string, fallback: number) => {
    const value = Number(process.env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    headersMs: number('STRATA_HEADERS_TIMEOUT_MS', DEFAULT_SOCKET_LIMITS.headersMs),
    bodyMs: number('STRATA_BODY_TIMEOUT_MS', DEFAULT_SOCKET_LIMITS.bodyMs),
    uploadWindowMs: number('STRATA_UPLOAD_WINDOW_MS', DEFAULT_SOCKET_LIMITS.uploadWindowMs),
    uploadMinBytes: DEFAULT_SOCKET_LIMITS.uploadMinBytes,
  };
}

export function guardRequest(req: IncomingMessage, res: ServerResponse, limits: SocketLimits): void {
  headersArrived(req.socket);
  res.once('finish', () => {
    if (!req.socket.destroyed) awaitHeaders(req.socket, limits, false);
  });
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? 'unknown';
  const upload = UPLOAD_PATHS.has((req.url ?? '').split('?')[0] ?? '');
  const started = Date.now();
  let lastBytes = req.socket.bytesRead;
  // Watches socket counters only: listening for 'data' would take the body from the route.
  const timer = setInterval(
    () => {
      if (req.complete || req.destroyed || res.writableEnded) return clearInterval(timer);
      const bytes = req.socket.bytesRead;
      const stalled = upload ? bytes - lastBytes < limits.uploadMinBytes : Date.now() - started >= limits.bodyMs;
      lastBytes = bytes;
      if (!stalled) return;
      clearInterval(timer);
      cutOff(req, res, upload);
    },
    upload ? limits.uploadWindowMs : limits.bodyMs,
  );
  timer.unref();
  res.once('close', () => clearInterval(timer));
}

function cutOff(req: IncomingMessage, res: ServerResponse, upload: boolean): void {
  const message = upload
    ? 'The upload stalled (less than 64 KiB in 30 seconds); Strata closed the connection.'
    : 'The request body did not arrive in time; Strata closed the connection.';
  if (!res.headersSent) {
    res.writeHead(408, { 'Content-Type': 'application/json', Connection: 'close', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ error: { code: 'request_timeout', message } }));
  }
  // After the answer is flushed, or at once if a route had started answering.
  setTimeout(() => req.socket.destroy(), 100).unref();
}
