// Copies an image to another engine and follows its JSON-lines progress; Cancel aborts the request,
// which stops both the source's save and the destination's load.
'use client';
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CopyEvent } from '@/lib/api/engines';
import { imagePathSegment } from '@/lib/reference';
import { useNdjsonStream, type StreamError } from '@/lib/queries/use-ndjson-stream';

export interface CopyProgress {
  from: string | null;
  to: string | null;
  names: string[];
  bytes: number;
  estimatedBytes: number;
  lines: string[];
  loaded: string[] | null;
}

export interface CopyState extends CopyProgress {
  running: boolean;
  error: StreamError | null;
  cancelled: boolean;
}

const initialCopy: CopyProgress = { from: null, to: null, names: [], bytes: 0, estimatedBytes: 0, lines: [], loaded: null };

export function applyCopyEvent(state: CopyProgress, event: CopyEvent): CopyProgress {
  switch (event.kind) {
    case 'start':
      return { ...initialCopy, from: event.from, to: event.to, names: event.names, estimatedBytes: event.estimatedBytes };
    case 'progress':
      return { ...state, bytes: event.bytes, estimatedBytes: event.estimatedBytes };
    case 'output':
      return { ...state, lines: [...state.lines.slice(-4), event.line] };
    case 'done':
      return { ...state, bytes: event.bytes, loaded: event.loaded };
    case 'error':
      return state; // the stream hook keeps the typed error
  }
}

const copyEnded = (event: CopyEvent) => event.kind === 'done' || event.kind === 'error';

export function useCopy() {
  const client = useQueryClient();
  // The destination's lists are another engine's (another page's cache); this page's inventory changes.
  const refresh = useCallback(() => void client.invalidateQueries(), [client]);
  const stream = useNdjsonStream<CopyEvent, CopyProgress>({
    initial: initialCopy,
    apply: applyCopyEvent,
    ends: copyEnded,
    onSettled: refresh,
  });
  const { start: open } = stream;
  /** `ref` on engine `from` (named explicitly: an inventory row may be on any engine) to engine `to`. */
  const start = useCallback(
    (ref: string, from: string, to: string) =>
      open({ url: `/api/images/${imagePathSegment(ref)}/copy?engine=${encodeURIComponent(from)}`, json: { to } }),
    [open],
  );
  const state: CopyState = { ...stream.data, running: stream.running, error: stream.error, cancelled: stream.cancelled };
  return { state, start, cancel: stream.cancel, reset: stream.reset };
}
