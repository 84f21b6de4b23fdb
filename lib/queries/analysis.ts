// Runs the layer file analysis on request and follows its NDJSON stream: progress, then the result.
'use client';
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AnalysisEvent, ImageAnalysis } from '@/lib/api/analysis';
import type { ImagePackages } from '@/lib/api/packages';
import { imagePathSegment } from '@/lib/reference';
import { imageKeys, platformSuffix } from '@/lib/queries/images';
import { useNdjsonStream, type StreamError } from '@/lib/queries/use-ndjson-stream';

/** What the analysis events add up to. */
export interface AnalysisData {
  bytesRead: number;
  totalBytes: number;
  cachedLayers: number;
  layers: number;
  result: ImageAnalysis | null;
  /** The OS and packages per layer, read in the same pass. */
  packages: ImagePackages | null;
}

export interface AnalysisState extends AnalysisData {
  running: boolean;
  error: StreamError | null;
  cancelled: boolean;
}

export const initialAnalysis: AnalysisData = { bytesRead: 0, totalBytes: 0, cachedLayers: 0, layers: 0, result: null, packages: null };

export function applyAnalysisEvent(state: AnalysisData, event: AnalysisEvent): AnalysisData {
  switch (event.kind) {
    case 'progress':
      return { ...state, bytesRead: event.bytesRead, totalBytes: event.totalBytes, cachedLayers: event.cachedLayers, layers: event.layers };
    case 'result':
      return { ...state, result: event.analysis, packages: event.packages };
    case 'error':
      return state; // the stream hook keeps the typed error
  }
}

const analysisEnded = (event: AnalysisEvent) => event.kind === 'result' || event.kind === 'error';

export function useAnalysis(imageRef: string, platform = '') {
  const queryClient = useQueryClient();
  const stream = useNdjsonStream<AnalysisEvent, AnalysisData>({
    initial: initialAnalysis,
    apply: applyAnalysisEvent,
    ends: analysisEnded,
    // The base OS is known now: the header and the list column show it. Every detail, since the page
    // may name the image by a tag while the analysis names it by its ID.
    onSettled: () =>
      void queryClient
        .invalidateQueries({ queryKey: imageKeys.list() })
        .then(() => queryClient.invalidateQueries({ queryKey: imageKeys.details() })),
  });
  const { start: open } = stream;
  const start = useCallback(
    () => open({ url: `/api/images/${imagePathSegment(imageRef)}/analysis${platformSuffix(platform)}`, method: 'GET' }),
    [open, imageRef, platform],
  );
  const state: AnalysisState = { ...stream.data, running: stream.running, error: stream.error, cancelled: stream.cancelled };
  return { state, start, cancel: stream.cancel };
}

export type AnalysisHandle = ReturnType<typeof useAnalysis>;
