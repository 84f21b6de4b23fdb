// Runs a pull or push and follows its NDJSON progress stream. Cancel aborts the request, which stops
// the transfer on the engine.
'use client';
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { TransferEvent, TransferLayer } from '@/lib/api/transfer';
import { imageKeys } from '@/lib/queries/images';
import { useNdjsonStream, type StreamError } from '@/lib/queries/use-ndjson-stream';

/** What the progress events add up to. */
export interface TransferProgressData {
  layers: TransferLayer[];
  messages: string[];
  digest: string | null;
  done: { ref: string; digest: string | null; imageId: string | null } | null;
}

export interface TransferState extends TransferProgressData {
  running: boolean;
  error: StreamError | null;
  cancelled: boolean;
}

export const initialTransfer: TransferProgressData = { layers: [], messages: [], digest: null, done: null };

export function applyTransferEvent(state: TransferProgressData, event: TransferEvent): TransferProgressData {
  switch (event.kind) {
    case 'layer': {
      const layers = state.layers.some((layer) => layer.id === event.layer.id)
        ? state.layers.map((layer) =>
            layer.id === event.layer.id
              ? {
                  ...event.layer,
                  total: event.layer.total || layer.total,
                  current: event.layer.total ? event.layer.current : layer.current,
                }
              : layer,
          )
        : [...state.layers, event.layer];
      return { ...state, layers };
    }
    case 'status':
      return { ...state, messages: [...state.messages.slice(-4), event.message] };
    case 'digest':
      return { ...state, digest: event.digest };
    case 'error':
      return state; // the stream hook keeps the typed error
    case 'done':
      return { ...state, done: { ref: event.ref, digest: event.digest, imageId: event.imageId } };
  }
}

/** The engine reports the end of a transfer, or why it stopped. */
export const transferEnded = (event: TransferEvent) => event.kind === 'done' || event.kind === 'error';

export function useTransfer() {
  const client = useQueryClient();
  const refresh = useCallback(() => void client.invalidateQueries({ queryKey: imageKeys.all }), [client]);
  const stream = useNdjsonStream<TransferEvent, TransferProgressData>({
    initial: initialTransfer,
    apply: applyTransferEvent,
    ends: transferEnded,
    onSettled: refresh,
  });
  const { start: open } = stream;
  const start = useCallback((url: string, body?: unknown) => open({ url, json: body }), [open]);
  const state: TransferState = { ...stream.data, running: stream.running, error: stream.error, cancelled: stream.cancelled };
  return { state, start, cancel: stream.cancel, reset: stream.reset };
}
