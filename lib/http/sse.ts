// Server-Sent Events framing for route handlers: one `data:` line of JSON per event, a comment every
// 15 s so proxies and browsers keep the connection, and cleanup when the browser goes away.
import 'server-only';

type Subscribe<T> = (send: (event: T) => void) => () => void;

const KEEPALIVE_MS = 15_000;
const MAX_QUEUED = 500;

export function sseResponse<T>(request: Request, subscribe: Subscribe<T>): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const write = (text: string) => {
        if (closed) return;
        // A client that stopped reading (a sleeping laptop, a half-open connection) is dropped rather
        // than letting its queue grow without bound; EventSource reconnects when it wakes.
        if ((controller.desiredSize ?? 0) < -MAX_QUEUED) {
          cleanup();
          return;
        }
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const send = (event: T) => write(`data: ${JSON.stringify(event)}\n\n`);
      // Tell EventSource how soon to reconnect if this response ends.
      write('retry: 1000\n\n');
      const unsubscribe = subscribe(send);
      const keepalive = setInterval(() => write(': keepalive\n\n'), KEEPALIVE_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(keepalive);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      if (request.signal.aborted) cleanup();
      else request.signal.addEventListener('abort', () => cleanup());
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
