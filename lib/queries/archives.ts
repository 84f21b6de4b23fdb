// Moving image archives between the browser and the engine, with progress:
// - save: where the browser can write a file as it arrives (Chromium's save picker), the download is
//   streamed to disk and counted; elsewhere the browser's own download manager takes it;
// - load and import: uploaded with XMLHttpRequest, the one browser API that reports upload progress;
//   load answers with JSON lines, read by the same stream hook as the other streamed answers.
'use client';
import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LoadEvent } from '@/lib/api/build';
import { imageKeys } from '@/lib/queries/images';
import { errorFromAnswer } from '@/lib/queries/ndjson-stream';
import { useNdjsonStream } from '@/lib/queries/use-ndjson-stream';
import { withEngine } from '@/lib/engine-param';
import { imagePathSegment } from '@/lib/reference';

export interface Progress {
  loaded: number;
  /** The expected size; for a save, the images' sizes added up (an estimate). */
  total: number;
}

export function exportUrl(refs: string[]): string {
  if (refs.length === 1) return `/api/images/${imagePathSegment(refs[0] as string)}/export`;
  return `/api/images/export?${refs.map((ref) => `ref=${encodeURIComponent(ref)}`).join('&')}`;
}

interface SavePicker {
  showSaveFilePicker?: (options: { suggestedName: string }) => Promise<{ createWritable(): Promise<WritableStream<Uint8Array>> }>;
}

export function useSaveArchive() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'handed-off' | 'failed'>('idle');
  const [error, setError] = useState<string | null>(null);

  const save = useCallback(async (refs: string[], suggestedName: string) => {
    const url = exportUrl(refs);
    const picker = (window as unknown as SavePicker).showSaveFilePicker;
    setError(null);
    if (!picker) {
      // The browser's download manager shows the progress; the server streams, so it starts at once.
      const link = document.createElement('a');
      link.href = url;
      link.download = suggestedName;
      link.click();
      setState('handed-off');
      return;
    }
    let handle: Awaited<ReturnType<NonNullable<SavePicker['showSaveFilePicker']>>>;
    try {
      handle = await picker({ suggestedName });
    } catch {
      return; // the person closed the save dialog
    }
    setState('saving');
    try {
      const response = await fetch(withEngine(url));
      if (!response.ok || !response.body) {
        const problem: unknown = await response.json().catch(() => null);
        throw new Error(errorFromAnswer(response.status, problem).message);
      }
      const total = Number(response.headers.get('x-strata-estimated-bytes') ?? 0);
      let loaded = 0;
      let shown = 0;
      setProgress({ loaded, total });
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          loaded += chunk.byteLength;
          // A render per 64 KiB chunk would be thousands; ten a second is smooth enough.
          if (Date.now() - shown > 100) {
            shown = Date.now();
            setProgress({ loaded, total: Math.max(total, loaded) });
          }
          controller.enqueue(chunk);
        },
        flush() {
          setProgress({ loaded, total: loaded });
        },
      });
      await response.body.pipeThrough(counter).pipeTo(await handle.createWritable());
      setState('saved');
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The download failed.');
      setState('failed');
    }
  }, []);

  return { save, progress, state, error };
}

export interface UploadResult {
  ok: boolean;
  status: number;
  text: string;
}

/** POSTs a file as the raw body, reporting upload progress; resolves with the whole answer. */
export function uploadFile(url: string, file: File, onProgress: (progress: Progress) => void, signal?: AbortSignal): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', withEngine(url));
    request.setRequestHeader('Content-Type', 'application/x-tar');
    request.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    request.onload = () =>
      resolve({ ok: request.status >= 200 && request.status < 300, status: request.status, text: request.responseText });
    request.onerror = () => reject(new Error('The connection to Strata was lost during the upload.'));
    request.onabort = () => reject(new DOMException('Cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort());
    request.send(file);
  });
}

/** The error message of a failed answer, in the one error shape. */
function errorMessage(result: UploadResult): string {
  let body: unknown = null;
  try {
    body = JSON.parse(result.text);
  } catch {
    // not JSON: the status says it
  }
  return errorFromAnswer(result.status, body).message;
}

/**
 * One upload (load, import) as the cards show it: progress while it goes, the error if it fails, and
 * the image lists refreshed after it, whatever happened. `send` resolves with what `read` makes of the
 * answer when the server accepted it, or null (and `error` says why).
 */
export function useUpload() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const client = useQueryClient();

  const send = useCallback(
    async <T>(url: string, file: File, read: (text: string) => T): Promise<T | null> => {
      setRunning(true);
      setError(null);
      try {
        const result = await uploadFile(url, file, setProgress);
        if (result.ok) return read(result.text);
        setError(errorMessage(result));
      } catch (cause) {
        setError(cause instanceof Error ? cause.message : 'The upload failed.');
      } finally {
        setRunning(false);
        void client.invalidateQueries({ queryKey: imageKeys.all });
      }
      return null;
    },
    [client],
  );

  return { send, progress, running, error };
}

/** What a load's answer adds up to: the engine's output lines and the images it loaded. */
export interface LoadData {
  lines: string[];
  loaded: string[] | null;
}

export const initialLoad: LoadData = { lines: [], loaded: null };

export function applyLoadEvent(state: LoadData, event: LoadEvent): LoadData {
  switch (event.kind) {
    case 'output':
      return { ...state, lines: [...state.lines, event.line] };
    case 'done':
      return { ...state, loaded: event.loaded };
    case 'progress':
    case 'error':
      return state; // the upload bar shows progress; the stream hook keeps the typed error
  }
}

/** `docker load` of an uploaded archive: upload progress, then the answer's lines through the stream hook. */
export function useLoadArchive() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const client = useQueryClient();
  const refresh = useCallback(() => void client.invalidateQueries({ queryKey: imageKeys.all }), [client]);
  const stream = useNdjsonStream<LoadEvent, LoadData>({
    initial: initialLoad,
    apply: applyLoadEvent,
    lostMessage: 'The connection to Strata was lost during the upload.',
    onSettled: refresh,
  });
  const { start } = stream;
  const load = useCallback(
    (file: File) =>
      start(async (signal) => {
        const result = await uploadFile('/api/images/load', file, setProgress, signal);
        return new Response(result.text, { status: result.status });
      }),
    [start],
  );
  return { ...stream, load, progress };
}
