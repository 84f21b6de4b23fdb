import { describe, expect, it } from 'vitest';
import {
  connectionLost,
  errorFromAnswer,
  errorFromEvent,
  followNdjson,
  idleStream,
  reduceStream,
  type StreamAction,
  type StreamSpec,
  type StreamState,
} from '@/lib/queries/ndjson-stream';

type Event = { kind: 'item'; n: number } | { kind: 'done' } | { kind: 'error'; code?: 'not_found'; message: string };

const spec: StreamSpec<Event, number[]> = {
  initial: [],
  apply: (data, event) => (event.kind === 'item' ? [...data, event.n] : data),
  ends: (event) => event.kind === 'done',
};

const run = (actions: StreamAction<Event>[], from: StreamState<number[]> = idleStream(spec.initial)) =>
  actions.reduce((state, action) => reduceStream(state, action, spec), from);

describe('errorFromAnswer', () => {
  it('keeps the code and message of an answer in the one error shape', () => {
    expect(errorFromAnswer(404, { error: { code: 'not_found', message: 'No image named app:9' } })).toEqual({
      code: 'not_found',
      message: 'No image named app:9',
      source: 'answer',
      status: 404,
    });
  });

  it('says the status when the answer explains nothing', () => {
    expect(errorFromAnswer(502, null)).toEqual({ code: 'internal', message: 'The server answered 502.', source: 'answer', status: 502 });
    expect(errorFromAnswer(500, { error: 'text' }).message).toBe('The server answered 500.');
  });
});

describe('errorFromEvent', () => {
  it('turns an error line into a typed error, with its code when it has one', () => {
    expect(errorFromEvent({ kind: 'error', code: 'not_found', message: 'gone' } as Event)).toEqual({
      code: 'not_found',
      message: 'gone',
      source: 'line',
      status: null,
    });
    expect(errorFromEvent({ kind: 'error', message: 'denied' } as Event)?.code).toBe('internal');
  });

  it('is null for any other event', () => {
    expect(errorFromEvent({ kind: 'item', n: 1 } as Event)).toBeNull();
  });
});

describe('reduceStream', () => {
  it('folds events into the data as they arrive and stops running at the end', () => {
    const during = run([{ type: 'start' }, { type: 'events', events: [{ kind: 'item', n: 1 }] }]);
    expect(during).toEqual({ data: [1], running: true, error: null, cancelled: false });
    const after = run([{ type: 'events', events: [{ kind: 'item', n: 2 }] }, { type: 'ended' }], during);
    expect(after).toEqual({ data: [1, 2], running: false, error: null, cancelled: false });
  });

  it('is over at an ending event even while the stream is still closing', () => {
    expect(run([{ type: 'start' }, { type: 'events', events: [{ kind: 'item', n: 1 }, { kind: 'done' }] }]).running).toBe(false);
  });

  it('keeps the error line as a typed error, and the data before it', () => {
    const state = run([
      { type: 'start' },
      {
        type: 'events',
        events: [
          { kind: 'item', n: 1 },
          { kind: 'error', code: 'not_found', message: 'gone' },
        ],
      },
      { type: 'ended' },
    ]);
    expect(state.data).toEqual([1]);
    expect(state.error).toMatchObject({ code: 'not_found', message: 'gone', source: 'line' });
    expect(state.running).toBe(false);
  });

  it('marks a cancel, and a new start forgets the last run', () => {
    const cancelled = run([{ type: 'start' }, { type: 'events', events: [{ kind: 'item', n: 1 }] }, { type: 'aborted' }]);
    expect(cancelled).toMatchObject({ running: false, cancelled: true, data: [1] });
    expect(run([{ type: 'start' }], cancelled)).toEqual({ data: [], running: true, error: null, cancelled: false });
    expect(run([{ type: 'reset' }], cancelled)).toEqual(idleStream([]));
  });

  it('ends on a failure with its error', () => {
    const state = run([{ type: 'start' }, { type: 'failed', error: connectionLost('lost') }]);
    expect(state).toMatchObject({ running: false, error: { code: 'connection_lost', message: 'lost', source: 'connection' } });
  });
});

describe('followNdjson', () => {
  const follow = async (open: (signal: AbortSignal) => Promise<Response>, controller = new AbortController()) => {
    const actions: StreamAction<Event>[] = [];
    await followNdjson<Event>(open, controller.signal, 'The connection was lost.', (action) => actions.push(action));
    return actions;
  };

  it('reports the events of an answer, then its end', async () => {
    const actions = await follow(async () => new Response('{"kind":"item","n":1}\n{"kind":"done"}\n'));
    expect(run(actions)).toEqual({ data: [1], running: false, error: null, cancelled: false });
    expect(actions.at(-1)).toEqual({ type: 'ended' });
  });

  it('reports an error answer with its code, before any stream', async () => {
    const body = JSON.stringify({ error: { code: 'invalid_reference', message: 'Not an image reference.' } });
    const actions = await follow(async () => new Response(body, { status: 400 }));
    expect(actions).toEqual([
      { type: 'failed', error: { code: 'invalid_reference', message: 'Not an image reference.', source: 'answer', status: 400 } },
    ]);
  });

  it('says the status of an error answer that is not JSON', async () => {
    const actions = await follow(async () => new Response('Bad Gateway', { status: 502 }));
    expect(actions).toEqual([{ type: 'failed', error: errorFromAnswer(502, null) }]);
  });

  it('reports a broken connection with the feature’s message', async () => {
    const actions = await follow(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(actions).toEqual([{ type: 'failed', error: connectionLost('The connection was lost.') }]);
  });

  it('reports a cancel as a cancel, not as a failure', async () => {
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(sink) {
        sink.enqueue(new TextEncoder().encode('{"kind":"item","n":1}\n'));
        controller.signal.addEventListener('abort', () => sink.error(new DOMException('Aborted', 'AbortError')));
      },
    });
    const following = follow(async () => new Response(body), controller);
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    const actions = await following;
    expect(run(actions)).toEqual({ data: [1], running: false, error: null, cancelled: true });
  });
});
