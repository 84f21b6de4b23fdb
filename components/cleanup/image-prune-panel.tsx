'use client';
import { useMemo, useState } from 'react';
import type { PruneResponse } from '@/lib/api/prune';
import { StrataError } from '@/lib/api/errors';
import { KeepTable, RemoveTable } from '@/components/cleanup/prune-tables';
import { PruneResultCard } from '@/components/cleanup/prune-result';
import { AgeField, isAge } from '@/components/cleanup/age-field';
import { Modal, buttonClass } from '@/components/ui/modal';
import { EmptyState, ErrorState, LoadingRows } from '@/components/ui/states';
import { formatBytes } from '@/lib/format';
import { usePrune, usePrunePreview, type PruneParams } from '@/lib/queries/cleanup';
import { useReadOnly } from '@/lib/queries/engine';

export interface ImagePrunePanelProps {
  target: 'dangling' | 'unused';
}

/** The image tabs: a preview of what `image prune` (or `-a`) deletes, a subset to pick, confirm, result. */
export function ImagePrunePanel({ target }: ImagePrunePanelProps) {
  const [until, setUntil] = useState('');
  const [label, setLabel] = useState('');
  const [deselected, setDeselected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ response: PruneResponse; preview: { count: number; bytes: number } } | null>(null);

  const untilValue = until.trim();
  const untilValid = isAge(untilValue);
  const base: PruneParams = useMemo(
    () => ({
      target,
      until: !untilValid ? undefined : untilValue || undefined,
      labels: label.trim() ? [label.trim()] : undefined,
    }),
    [target, untilValid, untilValue, label],
  );
  const preview = usePrunePreview(base);
  const all = preview.data?.images ?? [];
  const chosen = all.filter((image) => !deselected.has(image.id));
  const subset = chosen.length < all.length;
  // A subset's bytes depend on what else goes: ask the engine-rules plan for exactly that subset.
  const subsetPreview = usePrunePreview({ ...base, only: subset ? chosen.map((image) => image.id) : undefined });
  const exact = subset ? subsetPreview.data : preview.data;
  const prune = usePrune();
  const readOnly = useReadOnly();

  const apply = () => {
    // A subset may take intermediates along (their image goes): the subset preview says how many in all.
    const predicted = {
      count: subset ? (subsetPreview.data?.images.length ?? chosen.length) : all.length,
      bytes: exact?.spaceReclaimed ?? 0,
    };
    prune.mutate(subset ? { ...base, only: chosen.map((image) => image.id) } : { ...base, expect: all.map((image) => image.id) }, {
      onSuccess: (response) => {
        setDone({ response, preview: predicted });
        setDeselected(new Set());
        setConfirming(false);
      },
    });
  };

  const count = chosen.length;
  const bytes = exact?.spaceReclaimed ?? 0;
  return (
    <>
      <div className="mt-3 flex flex-wrap items-end gap-3 text-sm">
        <AgeField label="Older than" value={until} onChange={setUntil} />
        <label className="block">
          <span className="text-slate-600">With label</span>
          <input
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            placeholder="key or key=value"
            className="mt-1 block w-48 rounded-md border border-slate-300 px-2 py-1"
          />
        </label>
        <p className="max-w-md text-xs text-slate-500">
          Images labelled <code className="font-mono">strata.keep=true</code> are never cleaned up (add{' '}
          <code className="font-mono">LABEL strata.keep=true</code> to a Dockerfile to protect an image).
        </p>
      </div>

      {done && (
        <div className="mt-4">
          <PruneResultCard response={done.response} preview={done.preview} />
        </div>
      )}

      <div className="mt-4 space-y-4">
        {preview.isPending ? (
          <LoadingRows label="Working out what a cleanup would delete" rows={3} />
        ) : preview.error ? (
          <ErrorState error={preview.error} action="preview the cleanup" onRetry={() => void preview.refetch()} />
        ) : all.length === 0 ? (
          <EmptyState title={target === 'dangling' ? 'No dangling images' : 'No unused images'}>
            <p>
              {target === 'dangling'
                ? 'Nothing to clean up: no image has lost its last tag to a rebuild.'
                : 'Every image is used by a container, protected, or needed by another image.'}
            </p>
          </EmptyState>
        ) : (
          <div className="overflow-hidden rounded-md border border-slate-200">
            <RemoveTable
              images={all}
              selected={new Set(chosen.map((image) => image.id))}
              onToggle={(id, on) =>
                setDeselected((current) => {
                  const next = new Set(current);
                  if (on) next.delete(id);
                  else next.add(id);
                  return next;
                })
              }
              onToggleAll={(on) => setDeselected(on ? new Set() : new Set(all.map((image) => image.id)))}
            />
          </div>
        )}
        {preview.data?.bytes && all.length > 0 && (
          <p className="text-xs text-slate-500" data-testid="prune-bytes-note">
            {preview.data.bytes.note}
          </p>
        )}
        {preview.data && preview.data.keep.length > 0 && (
          <div>
            <h3 className="mb-2 text-sm font-semibold">Kept</h3>
            <div className="overflow-hidden rounded-md border border-slate-200">
              <KeepTable keep={preview.data.keep} />
            </div>
          </div>
        )}
      </div>

      <div className="mt-4 flex items-center justify-between gap-3 border-t border-slate-100 pt-4">
        <p aria-live="polite" className="text-sm" data-testid="prune-summary">
          {count === 0
            ? 'Nothing selected.'
            : // The previous subset's figure stays on screen while the new one is worked out; never show it as this one's.
              subset && subsetPreview.isPlaceholderData
              ? `Selected: ${count} image${count === 1 ? '' : 's'}, working out what that frees…`
              : `${subset ? 'Selected: ' : ''}${count} image${count === 1 ? '' : 's'}, freeing ${formatBytes(bytes)}.`}
        </p>
        {readOnly ? (
          <span className="text-sm text-slate-500">Read-only: previews only.</span>
        ) : (
          <button
            type="button"
            disabled={count === 0 || (subset && subsetPreview.isFetching)}
            onClick={() => setConfirming(true)}
            className={buttonClass.danger}
          >
            Clean up…
          </button>
        )}
      </div>

      <Modal open={confirming} title="Delete for real?" onClose={() => setConfirming(false)}>
        <p>
          This deletes {count} image
          {count === 1 ? '' : 's'} and frees {formatBytes(bytes)}. It cannot be undone; pulling or rebuilding brings images back.
        </p>
        {prune.isError && (
          <p role="alert" className="mt-3 text-red-700">
            {prune.error instanceof StrataError ? prune.error.message : 'The cleanup failed.'}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={() => setConfirming(false)} className={buttonClass.quiet}>
            Cancel
          </button>
          <button type="button" disabled={prune.isPending} onClick={apply} className={buttonClass.danger}>
            {prune.isPending ? 'Deleting…' : `Delete ${count} and free ${formatBytes(bytes)}`}
          </button>
        </div>
      </Modal>
    </>
  );
}
