// A streamed JSON-lines response from an async generator; the generator is told (via `signal`) when
// the client goes away, so it can stop the work behind it.
import 'server-only';
import { bindToEngine } from '@/lib/docker/engine/scope';

export function ndjsonResponse<T>(request: Request, produce: (signal: AbortSignal) => AsyncGenerator<T>): Response {
  const controller = new AbortController();
  request.signal.addEventListener('abort', () => controller.abort());
  const encoder = new TextEncoder();
  const source = produce(controller.signal);
  // The browser's reads call pull() from outside the request: each step runs on the request's engine.
  const next = bindToEngine(() => source.next());
  const stop = bindToEngine(() => source.return(undefined));
  const stream = new ReadableStream<Uint8Array>({
    async pull(sink) {
      try {
        const step = await next();
        if (step.done) sink.close();
        else sink.enqueue(encoder.encode(`${JSON.stringify(step.value)}\n`));
      } catch (error) {
        // A client that went away is not a failure worth a log line.
        if (controller.signal.aborted) return sink.close();
        console.error('[strata] stream failed', error);
        sink.enqueue(
          encoder.encode(
            `${JSON.stringify({ kind: 'error', code: 'internal', message: 'The transfer failed on the server; its log has the details.' })}\n`,
          ),
        );
        sink.close();
      }
    },
    async cancel() {
      controller.abort();
      await stop();
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
  });
}
