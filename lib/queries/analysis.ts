// Runs the layer file analysis on request and follows its NDJSON stream: progress, then the result.
'use client';
import { useCallback } from 'react';
import type { AnalysisEvent, ImageAnalysis } from '@/lib/api/analysis';
import { imagePathSegment } from '@/lib/reference';
import { platformSuffix } from '@/lib/queries/images';
import { useNdjsonStream, type StreamError } from '@/lib/queries/use-ndjson-stream';

/** What the analysis events add up to. */
export interface AnalysisData {
  bytesRead: number;
  totalBytes: number;
  cachedLayers: number;
  layers: number;
  result: ImageAnalysis | null;
}

export interface AnalysisState extends AnalysisData {
  running: boolean;
  error: StreamError | null;
  cancelled: boolean;
}

export const initialAnalysis: AnalysisData = { bytesRead: 0, totalBytes: 0, cachedLayers: 0, layers: 0, result: null };

export function applyAnalysisEvent(state: AnalysisData, event: AnalysisEvent): AnalysisData {
  switch (event.kind) {
    case 'progress':
      return { ...state, bytesRead: event.bytesRead, totalBytes: event.totalBytes, cachedLayers: event.cachedLayers, layers: event.layers };
    case 'result':
      return { ...state, result: event.analysis };
    case 'error':
      return state; // the stream hook keeps the typed error
  }
}

const analysisEnded = (event: AnalysisEvent) => event.kind === 'result' || event.kind === 'error';

export function useAnalysis(imageRef: string, platform = '') {
  const stream = useNdjsonStream<AnalysisEvent, AnalysisData>({ initial: initialAnalysis, apply: applyAnalysisEvent, ends: analysisEnded });
  const { start: open } = stream;
  const start = useCallback(
    () => open({ url: `/api/images/${imagePathSegment(imageRef)}/analysis${platformSuffix(platform)}`, method: 'GET' }),
    [open, imageRef, platform],
  );
  const state: AnalysisState = { ...stream.data, running: stream.running, error: stream.error, cancelled: stream.cancelled };
  return { state, start, cancel: stream.cancel };
}
