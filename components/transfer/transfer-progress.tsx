'use client';
import type { TransferLayer } from '@/lib/api/transfer';
import type { TransferState } from '@/lib/queries/transfer';
import type { StreamErrorCode } from '@/lib/queries/use-ndjson-stream';
import { formatBytes } from '@/lib/format';

const PHASE: Record<TransferLayer['phase'], string> = {
  waiting: 'waiting',
  transferring: 'transferring',
  verifying: 'verifying',
  extracting: 'extracting',
  complete: 'complete',
  exists: 'already here',
};

// What to do next, for the failures a person can act on (the message says what happened).
const NEXT_STEP: Partial<Record<StreamErrorCode, string>> = {
  unauthorized: 'Log in to the registry on the Docker Hub page (Registries), then try again.',
  not_found: 'Check the name and the tag.',
  rate_limited: 'Try again later, or log in to the registry for a higher limit.',
};

export interface TransferProgressProps {
  state: TransferState;
  verb: 'Pull' | 'Push';
}

/** Per-layer rows and one overall bar; layers already present are shown as the saving they are. */
export function TransferProgress({ state, verb }: TransferProgressProps) {
  const finished = state.layers.filter((layer) => layer.phase === 'complete' || layer.phase === 'exists').length;
  const total = state.layers.length;
  const existing = state.layers.filter((layer) => layer.phase === 'exists').length;
  const percent = total === 0 ? 0 : Math.round((finished / total) * 100);
  return (
    <div className="space-y-3">
      <div>
        <div className="flex justify-between text-xs text-slate-600">
          <span>
            {total === 0 ? (state.running ? 'Starting…' : '') : `${finished} of ${total} layers done`}
            {existing > 0 && ` · ${existing} already here, not transferred`}
          </span>
          <span>{percent}%</span>
        </div>
        <div
          role="progressbar"
          aria-label={`${verb} progress`}
          aria-valuenow={percent}
          aria-valuemin={0}
          aria-valuemax={100}
          className="mt-1 h-2 overflow-hidden rounded bg-slate-100"
        >
          <div className="h-full bg-sky-500 transition-all" style={{ width: `${percent}%` }} />
        </div>
      </div>
      {state.layers.length > 0 && (
        <ul aria-label="Layers" className="max-h-56 space-y-1 overflow-auto text-xs">
          {state.layers.map((layer) => (
            <li key={layer.id} data-layer={layer.id} className="grid grid-cols-[7rem_7rem_minmax(0,1fr)_8rem] items-center gap-2">
              <span className="font-mono">{layer.id}</span>
              <span className={layer.phase === 'exists' ? 'text-emerald-700' : 'text-slate-600'}>{layer.detail ?? PHASE[layer.phase]}</span>
              <span className="h-1.5 overflow-hidden rounded bg-slate-100">
                <span
                  className="block h-full bg-sky-400"
                  style={{
                    width: `${layer.phase === 'complete' || layer.phase === 'exists' ? 100 : layer.total ? (layer.current / layer.total) * 100 : 0}%`,
                  }}
                />
              </span>
              <span className="text-right tabular-nums text-slate-500">
                {layer.total ? `${formatBytes(layer.current)} / ${formatBytes(layer.total)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {state.error && (
        <div role="alert" data-code={state.error.code} className="text-red-700">
          <p>{state.error.message}</p>
          {NEXT_STEP[state.error.code] && <p className="mt-1 text-xs text-slate-600">{NEXT_STEP[state.error.code]}</p>}
        </div>
      )}
      {state.cancelled && (
        <p role="status" className="text-slate-600">
          Cancelled: the engine stopped the transfer.
        </p>
      )}
      {state.done && (
        <p role="status" className="text-emerald-700">
          {verb === 'Pull' ? 'Pulled' : 'Pushed'} {state.done.ref}
          {state.done.digest && (
            <>
              {' '}
              · digest <code className="break-all font-mono text-xs">{state.done.digest}</code>
            </>
          )}
        </p>
      )}
    </div>
  );
}
