'use client';
// Copy an image to another engine: choose where, watch the bytes go (A's save streamed into B's load),
// Cancel stops both ends. The copy keeps the image's tags.
import { useState } from 'react';
import Link from '@/components/ui/engine-link';
import { Modal, buttonClass } from '@/components/ui/modal';
import { SelectField } from '@/components/ui/fields';
import { formatBytes, formatPercent } from '@/lib/format';
import { useCopy, type CopyState } from '@/lib/queries/copy';
import { useEngines } from '@/lib/queries/engines';
import { imagePathSegment } from '@/lib/reference';

export interface CopyDialogProps {
  /** The image by a tag (so its tags travel) or its ID. */
  imageRef: string;
  /** The engine it is on now. */
  from: string;
  /** Engines that hold it already (the inventory knows). */
  holders?: string[];
  open: boolean;
  onClose: () => void;
}

export function CopyDialog({ imageRef, from, holders = [], open, onClose }: CopyDialogProps) {
  const engines = useEngines().data?.engines ?? [];
  const targets = engines.filter((engine) => engine.name !== from && !holders.includes(engine.name));
  const firstReachable = targets.find((engine) => engine.reachable)?.name ?? '';
  const [chosen, setChosen] = useState('');
  const to = chosen || firstReachable;
  const copy = useCopy();
  const { state } = copy;
  const close = () => {
    if (!state.running) copy.reset();
    onClose();
  };
  return (
    <Modal open={open} wide title="Copy to another engine" onClose={close}>
      <p className="text-sm text-slate-600">
        <span className="font-mono">{imageRef}</span> on <strong>{from}</strong> goes straight into the other engine, as{' '}
        <code>docker save | docker --context … load</code> would: nothing is kept on Strata’s disk, and its tags come along.
      </p>
      {targets.length === 0 ? (
        <p className="mt-3 text-sm">Strata knows no other engine. Add a Docker context (docker context create) or STRATA_ENGINES.</p>
      ) : (
        <form
          className="mt-3 flex items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (to) void copy.start(imageRef, from, to);
          }}
        >
          <SelectField
            id="copy-to"
            label="To engine"
            value={to}
            onChange={setChosen}
            options={targets.map((engine) => ({
              value: engine.name,
              label: engine.reachable ? `${engine.name} (${engine.address})` : `${engine.name} (not answering)`,
              disabled: !engine.reachable,
            }))}
            className="flex-1 py-1.5"
          />
          <button type="submit" disabled={state.running || !to} className={buttonClass.primary}>
            Copy
          </button>
        </form>
      )}
      <div className="mt-4">
        <CopyProgressView state={state} />
      </div>
      <div className="mt-4 flex justify-end gap-2">
        {state.loaded && state.to && (
          <Link
            href={`/images/${imagePathSegment(state.names[0] ?? imageRef)}?engine=${encodeURIComponent(state.to)}`}
            className={buttonClass.quiet}
          >
            Open on {state.to}
          </Link>
        )}
        {state.running ? (
          <button type="button" onClick={copy.cancel} className={buttonClass.danger}>
            Cancel copy
          </button>
        ) : (
          <button type="button" onClick={close} className={buttonClass.quiet}>
            Close
          </button>
        )}
      </div>
    </Modal>
  );
}

function CopyProgressView({ state }: { state: CopyState }) {
  if (!state.running && !state.loaded && !state.error && !state.cancelled) return null;
  const total = Math.max(state.estimatedBytes, state.bytes);
  const percent = total > 0 ? Math.min(100, Math.round((state.bytes / total) * 100)) : 0;
  return (
    <div className="space-y-2" aria-live="polite">
      <div className="flex justify-between text-xs text-slate-600">
        <span>
          {state.loaded
            ? `Copied to ${state.to}: ${state.loaded.join(', ') || 'the image'}`
            : state.running
              ? `Copying to ${state.to ?? '…'}: ${formatBytes(state.bytes)} of about ${formatBytes(state.estimatedBytes)}`
              : ''}
        </span>
        {total > 0 && <span>{state.loaded ? formatBytes(state.bytes) : formatPercent(state.bytes, total)}</span>}
      </div>
      <div
        role="progressbar"
        aria-label="Copy progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={state.loaded ? 100 : percent}
        className="h-2 overflow-hidden rounded bg-slate-100"
      >
        <div className="h-full bg-sky-600 transition-all" style={{ width: `${state.loaded ? 100 : percent}%` }} />
      </div>
      {state.lines.length > 0 && (
        <pre className="max-h-24 overflow-auto rounded bg-slate-50 p-2 text-xs text-slate-600">{state.lines.join('\n')}</pre>
      )}
      {state.cancelled && (
        <p className="text-sm text-slate-700">Cancelled: the source stopped sending and the other engine stopped loading.</p>
      )}
      {state.error && (
        <p role="alert" className="text-sm text-red-700">
          The copy failed: {state.error.message}
        </p>
      )}
    </div>
  );
}
