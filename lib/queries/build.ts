// Runs a build and follows its stream of JSON lines into one state the page renders. Cancel aborts
// the request; the server then closes the engine's build, which stops it.
'use client';
import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { BuildEvent, BuildStep, BuildSummary } from '@/lib/api/build';
import { isErrorBody } from '@/lib/api/errors';
import { readNdjson } from '@/lib/api/read-ndjson';
import { imageKeys } from '@/lib/queries/images';

export interface BuildState {
  running: boolean;
  builder: string | null;
  steps: BuildStep[];
  /** Output lines per step number. */
  output: Record<number, string[]>;
  error: { step: number | null; message: string } | null;
  summary: BuildSummary | null;
  cancelled: boolean;
}

export const initialBuildState: BuildState = {
  running: false,
  builder: null,
  steps: [],
  output: {},
  error: null,
  summary: null,
  cancelled: false,
};

const MAX_LINES = 400;

export function applyBuildEvent(state: BuildState, event: BuildEvent): BuildState {
  switch (event.kind) {
    case 'context':
      return { ...state, builder: event.builder };
    case 'step': {
      const known = state.steps.some((step) => step.number === event.step.number);
      const steps = known
        ? state.steps.map((step) => (step.number === event.step.number ? event.step : step))
        : [...state.steps, event.step];
      return { ...state, steps };
    }
    case 'output': {
      const lines = state.output[event.step] ?? [];
      if (lines.length >= MAX_LINES) return state;
      return { ...state, output: { ...state.output, [event.step]: [...lines, event.line] } };
    }
    case 'error':
      return { ...state, error: { step: event.step, message: event.message } };
    case 'done':
      return { ...state, summary: event.summary, running: false };
  }
}

export function useBuild() {
  const [state, setState] = useState<BuildState>(initialBuildState);
  const abort = useRef<AbortController | null>(null);
  const client = useQueryClient();

  const start = useCallback(
    async (form: FormData) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setState({ ...initialBuildState, running: true });
      try {
        const response = await fetch('/api/build', { method: 'POST', body: form, signal: controller.signal });
        if (!response.ok || !response.body) {
          const problem: unknown = await response.json().catch(() => null);
          const message = isErrorBody(problem) ? problem.error.message : `The server answered ${response.status}.`;
          setState((current) => ({ ...current, running: false, error: { step: null, message } }));
          return;
        }
        await readNdjson<BuildEvent>(response.body, (events) => setState((current) => events.reduce(applyBuildEvent, current)));
        setState((current) => ({ ...current, running: false }));
      } catch {
        setState((current) =>
          controller.signal.aborted
            ? { ...current, running: false, cancelled: true }
            : { ...current, running: false, error: { step: null, message: 'The connection to Strata was lost during the build.' } },
        );
      } finally {
        void client.invalidateQueries({ queryKey: imageKeys.all });
      }
    },
    [client],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);
  return { state, start, cancel };
}
