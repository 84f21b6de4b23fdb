// Runs a pull or push and follows its NDJSON progress stream. Cancel aborts the request, which stops
// the transfer on the engine.
'use client';
import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isErrorBody } from '@/lib/api/errors';
import type { TransferEvent, TransferLayer } from '@/lib/api/transfer';
import { imageKeys } from '@/lib/queries/images';
import { readNdjson } from '@/lib/api/read-ndjson';

export interface TransferState {
  running: boolean;
  layers: TransferLayer[];
  messages: string[];
  digest: string | null;
  error: string | null;
  done: { ref: string; digest: string | null; imageId: string | null } | null;
  cancelled: boolean;
}

const initial: TransferState = { running: false, layers: [], messages: [], digest: null, error: null, done: null, cancelled: false };

export function applyTransferEvent(state: TransferState, event: TransferEvent): TransferState {
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
      return { ...state, error: event.message, running: false };
    case 'done':
      return { ...state, done: { ref: event.ref, digest: event.digest, imageId: event.imageId }, running: false };
  }
}

export function useTransfer() {
  const [state, setState] = useState<TransferState>(initial);
  const abort = useRef<AbortController | null>(null);
  const client = useQueryClient();

  const start = useCallback(
    async (url: string, body?: unknown) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setState({ ...initial, running: true });
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: controller.signal,
        });
        if (!response.ok || !response.body) {
          const problem: unknown = await response.json().catch(() => null);
          setState((current) => ({
            ...current,
            running: false,
            error: isErrorBody(problem) ? problem.error.message : `The server answered ${response.status}.`,
          }));
          return;
        }
        await readNdjson<TransferEvent>(response.body, (events) => setState((current) => events.reduce(applyTransferEvent, current)));
        setState((current) => ({ ...current, running: false }));
      } catch {
        setState((current) =>
          controller.signal.aborted
            ? { ...current, running: false, cancelled: true }
            : { ...current, running: false, error: 'The connection to Strata was lost.' },
        );
      } finally {
        void client.invalidateQueries({ queryKey: imageKeys.all });
      }
    },
    [client],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);
  const reset = useCallback(() => setState(initial), []);
  return { state, start, cancel, reset };
}
