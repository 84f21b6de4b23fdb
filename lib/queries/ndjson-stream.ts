// The pure parts of following a streamed JSON-lines answer (build, pull, push, load, analysis): the one
// state every such stream has (its data, running, the typed error, cancelled) and the reader that feeds it.
// `useNdjsonStream` puts React around these; they are apart so they can be tested without a browser.
import { isErrorBody, type ErrorCode, type ErrorLine } from '@/lib/api/errors';
import { readNdjson } from '@/lib/api/read-ndjson';

/** The server's own code (from an error answer or an error line), or `connection_lost` when the stream broke. */
export type StreamErrorCode = ErrorCode | 'connection_lost';

export interface StreamError {
  code: StreamErrorCode;
  message: string;
  /** Where it came from: an error answer (HTTP status), an error line in the stream, or the connection breaking. */
  source: 'answer' | 'line' | 'connection';
  /** The HTTP status of an error answer; null otherwise. */
  status: number | null;
}

export interface StreamState<S> {
  /** What the feature made of the events so far. */
  data: S;
  running: boolean;
  error: StreamError | null;
  /** The person cancelled (the request was aborted). */
  cancelled: boolean;
}

export type StreamAction<E> =
  | { type: 'start' }
  | { type: 'events'; events: E[] }
  | { type: 'failed'; error: StreamError }
  | { type: 'ended' }
  | { type: 'aborted' }
  | { type: 'reset' };

/** Folds one event into the feature's data. Error lines reach it too (a build records the failed step). */
export type ApplyEvent<E, S> = (data: S, event: E) => S;

export function idleStream<S>(initial: S): StreamState<S> {
  return { data: initial, running: false, error: null, cancelled: false };
}

/** A non-OK answer in the one error shape, or a plain status when the server gave no explanation. */
export function errorFromAnswer(status: number, body: unknown): StreamError {
  if (isErrorBody(body)) return { code: body.error.code, message: body.error.message, source: 'answer', status };
  return { code: 'internal', message: `The server answered ${status}.`, source: 'answer', status };
}

/** The typed error an event stands for, if it is an error line. */
export function errorFromEvent(event: { kind: string }): StreamError | null {
  if (event.kind !== 'error') return null;
  const line = event as Partial<ErrorLine>;
  return {
    code: line.code ?? 'internal',
    message: typeof line.message === 'string' ? line.message : 'The server reported an error without an explanation.',
    source: 'line',
    status: null,
  };
}

export function connectionLost(message: string): StreamError {
  return { code: 'connection_lost', message, source: 'connection', status: null };
}

/** How a feature reads its stream. */
export interface StreamSpec<E, S> {
  /** The feature's data before the first event. */
  initial: S;
  /** Folds an event into the data. */
  apply: ApplyEvent<E, S>;
  /** Events after which the work is over although the stream may still be closing (a build's `done`). */
  ends?: (event: E) => boolean;
}

export function reduceStream<E extends { kind: string }, S>(
  state: StreamState<S>,
  action: StreamAction<E>,
  { initial, apply, ends }: StreamSpec<E, S>,
): StreamState<S> {
  switch (action.type) {
    case 'start':
      return { ...idleStream(initial), running: true };
    case 'reset':
      return idleStream(initial);
    case 'events':
      return {
        ...state,
        data: action.events.reduce(apply, state.data),
        running: state.running && !(ends && action.events.some(ends)),
        error: action.events.reduce<StreamError | null>((error, event) => errorFromEvent(event) ?? error, state.error),
      };
    case 'failed':
      return { ...state, running: false, error: action.error };
    case 'ended':
      return { ...state, running: false };
    case 'aborted':
      return { ...state, running: false, cancelled: true };
  }
}

/** Opens the request; the signal aborts it (cancel). */
export type StreamOpener = (signal: AbortSignal) => Promise<Response>;

/**
 * Opens the stream and reports everything that happens to it as actions: the events in batches as they
 * arrive, then how it ended (an error answer, the end, an abort, or a broken connection).
 */
export async function followNdjson<E>(
  open: StreamOpener,
  signal: AbortSignal,
  lostMessage: string,
  dispatch: (action: StreamAction<E>) => void,
): Promise<void> {
  try {
    const response = await open(signal);
    if (!response.ok || !response.body) {
      const body: unknown = await response.json().catch(() => null);
      dispatch({ type: 'failed', error: errorFromAnswer(response.status, body) });
      return;
    }
    await readNdjson<E>(response.body, (events) => dispatch({ type: 'events', events }));
    dispatch({ type: 'ended' });
  } catch {
    dispatch(signal.aborted ? { type: 'aborted' } : { type: 'failed', error: connectionLost(lostMessage) });
  }
}
