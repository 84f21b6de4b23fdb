// The one hook for Strata's streamed JSON-lines answers (build, pull, push, load, analysis): start a
// request, fold each typed event into the feature's data as it arrives, and end with a typed error
// (`code` and `message`) when the answer, an error line or the connection says so. Cancel aborts the
// request, which tells the server to stop the work behind it.
'use client';
import { useCallback, useRef, useState } from 'react';
import { withEngine } from '@/lib/engine-param';
import {
  followNdjson,
  idleStream,
  reduceStream,
  type StreamAction,
  type StreamOpener,
  type StreamSpec,
  type StreamState,
} from '@/lib/queries/ndjson-stream';

export type { StreamError, StreamErrorCode, StreamState } from '@/lib/queries/ndjson-stream';

/** A request whose answer is a stream of JSON lines. `json` and `form` are the two kinds of body. */
export interface NdjsonRequest {
  url: string;
  method?: 'GET' | 'POST';
  json?: unknown;
  form?: FormData;
}

/** `initial`, `apply` and `ends` should be module-level, so they keep their identity between renders. */
export interface NdjsonStreamOptions<E, S> extends StreamSpec<E, S> {
  /** Shown when the connection breaks mid-stream. */
  lostMessage?: string;
  /** Runs when a stream has settled, however it ended (e.g. to refresh the image lists). */
  onSettled?: () => void;
}

export function openRequest({ url, method = 'POST', json, form }: NdjsonRequest): StreamOpener {
  return (signal) =>
    fetch(withEngine(url), {
      method,
      headers: json === undefined ? {} : { 'Content-Type': 'application/json' },
      body: form ?? (json === undefined ? undefined : JSON.stringify(json)),
      signal,
    });
}

export function useNdjsonStream<E extends { kind: string }, S>({
  initial,
  apply,
  ends,
  lostMessage = 'The connection to Strata was lost.',
  onSettled,
}: NdjsonStreamOptions<E, S>) {
  const [state, setState] = useState<StreamState<S>>(() => idleStream(initial));
  const current = useRef<AbortController | null>(null);

  const start = useCallback(
    async (request: NdjsonRequest | StreamOpener) => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      // Only the latest run may change the state: a run replaced by a new one ends silently.
      const dispatch = (action: StreamAction<E>) => {
        if (current.current === controller) setState((state) => reduceStream(state, action, { initial, apply, ends }));
      };
      dispatch({ type: 'start' });
      try {
        await followNdjson(typeof request === 'function' ? request : openRequest(request), controller.signal, lostMessage, dispatch);
      } finally {
        onSettled?.();
      }
    },
    [apply, ends, initial, lostMessage, onSettled],
  );

  const cancel = useCallback(() => current.current?.abort(), []);

  // Back to idle without stopping anything: a stream still closing finishes on its own, unseen.
  const reset = useCallback(() => {
    current.current = null;
    setState(idleStream(initial));
  }, [initial]);

  return { ...state, start, cancel, reset };
}
