// Runs a build and follows its stream of JSON lines into one state the page renders. Cancel aborts
// the request; the server then closes the engine's build, which stops it.
'use client';
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { BuildEvent, BuildInternalStep, BuildStep, BuildSummary } from '@/lib/api/build';
import { imageKeys } from '@/lib/queries/images';
import { useNdjsonStream, type StreamError } from '@/lib/queries/use-ndjson-stream';

/** What the build's events add up to. */
export interface BuildData {
  builder: string | null;
  steps: BuildStep[];
  /** BuildKit's own work (loading the context, exporting the image), apart from the steps. */
  internal: BuildInternalStep[];
  /** Output lines per step number. */
  output: Record<number, string[]>;
  /** The step an error line named (null: the build failed outside any step, or has not failed). */
  failedStep: number | null;
  summary: BuildSummary | null;
}

export interface BuildState extends BuildData {
  running: boolean;
  /** `step`: the step an error line named; an error answer or a lost connection has none. */
  error: (StreamError & { step: number | null }) | null;
  cancelled: boolean;
}

export const initialBuildData: BuildData = { builder: null, steps: [], internal: [], output: {}, failedStep: null, summary: null };

const MAX_LINES = 400;

export function applyBuildEvent(state: BuildData, event: BuildEvent): BuildData {
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
    case 'internal': {
      const known = state.internal.some((step) => step.id === event.internal.id);
      const internal = known
        ? state.internal.map((step) => (step.id === event.internal.id ? event.internal : step))
        : [...state.internal, event.internal];
      return { ...state, internal };
    }
    case 'output': {
      const lines = state.output[event.step] ?? [];
      if (lines.length >= MAX_LINES) return state;
      return { ...state, output: { ...state.output, [event.step]: [...lines, event.line] } };
    }
    case 'error':
      return { ...state, failedStep: event.step }; // the stream hook keeps the typed error
    case 'done':
      return { ...state, summary: event.summary };
  }
}

const buildEnded = (event: BuildEvent) => event.kind === 'done';

/** The page's error: a failed step belongs to an error line; an error answer or a lost connection has none. */
export function buildError(error: StreamError | null, failedStep: number | null): BuildState['error'] {
  return error && { ...error, step: error.source === 'line' ? failedStep : null };
}

export function useBuild() {
  const client = useQueryClient();
  const refresh = useCallback(() => void client.invalidateQueries({ queryKey: imageKeys.all }), [client]);
  const stream = useNdjsonStream<BuildEvent, BuildData>({
    initial: initialBuildData,
    apply: applyBuildEvent,
    ends: buildEnded,
    lostMessage: 'The connection to Strata was lost during the build.',
    onSettled: refresh,
  });
  const { start: open } = stream;
  const start = useCallback((form: FormData) => open({ url: '/api/build', form }), [open]);
  const state: BuildState = {
    ...stream.data,
    running: stream.running,
    error: buildError(stream.error, stream.data.failedStep),
    cancelled: stream.cancelled,
  };
  return { state, start, cancel: stream.cancel };
}
