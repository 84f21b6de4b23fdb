// Runs the layer file analysis on request and follows its NDJSON stream: progress, then the result.
'use client';
import { useCallback, useRef, useState } from 'react';
import type { ImageAnalysis } from '@/lib/api/analysis';
import { isErrorBody } from '@/lib/api/errors';
import { readNdjson } from '@/lib/api/read-ndjson';
import { imagePathSegment } from '@/lib/reference';
import { platformSuffix } from '@/lib/queries/images';

export interface AnalysisState {
  running: boolean;
  bytesRead: number;
  totalBytes: number;
  cachedLayers: number;
  layers: number;
  result: ImageAnalysis | null;
  error: string | null;
  cancelled: boolean;
}

const idle: AnalysisState = {
  running: false,
  bytesRead: 0,
  totalBytes: 0,
  cachedLayers: 0,
  layers: 0,
  result: null,
  error: null,
  cancelled: false,
};

type Line =
  | { kind: 'progress'; bytesRead: number; totalBytes: number; cachedLayers: number; layers: number }
  | { kind: 'result'; analysis: ImageAnalysis }
  | { kind: 'error'; message: string };

export function useAnalysis(imageRef: string, platform = '') {
  const [state, setState] = useState<AnalysisState>(idle);
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ ...idle, running: true });
    try {
      const response = await fetch(`/api/images/${imagePathSegment(imageRef)}/analysis${platformSuffix(platform)}`, {
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const problem: unknown = await response.json().catch(() => null);
        setState({ ...idle, error: isErrorBody(problem) ? problem.error.message : `The server answered ${response.status}.` });
        return;
      }
      await readNdjson<Line>(response.body, (lines) =>
        setState((current) =>
          lines.reduce<AnalysisState>(
            (state, line) =>
              line.kind === 'progress'
                ? { ...state, bytesRead: line.bytesRead, totalBytes: line.totalBytes, cachedLayers: line.cachedLayers, layers: line.layers }
                : line.kind === 'result'
                  ? { ...state, running: false, result: line.analysis }
                  : { ...state, running: false, error: line.message },
            current,
          ),
        ),
      );
      setState((current) => ({ ...current, running: false }));
    } catch {
      setState((current) => ({
        ...current,
        running: false,
        cancelled: controller.signal.aborted,
        error: controller.signal.aborted ? null : 'The connection to Strata was lost.',
      }));
    }
  }, [imageRef, platform]);

  const cancel = useCallback(() => abort.current?.abort(), []);
  return { state, start, cancel };
}
