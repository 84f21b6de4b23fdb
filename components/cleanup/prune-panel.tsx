'use client';
import { useMemo, useState } from 'react';
import type { PruneResponse, PruneTarget } from '@/lib/api/prune';
import { StrataError } from '@/lib/api/errors';
import { BuildCacheTable, KeepTable, RemoveTable } from '@/components/cleanup/prune-tables';
import { PruneResultCard } from '@/components/cleanup/prune-result';
import { Modal, buttonClass } from '@/components/ui/modal';
import { EmptyState, ErrorState, LoadingRows } from '@/components/ui/states';
import { formatBytes } from '@/lib/format';
import { usePrune, usePrunePreview, type PruneParams } from '@/lib/queries/cleanup';
import { useReadOnly } from '@/lib/queries/engine';
import { oneOf, useUrlState } from '@/lib/url-state';

const TARGETS: { value: PruneTarget; label: string; explain: string }[] = [
  {
    value: 'dangling',
    label: 'Dangling images',
    explain:
      'A dangling image has no tag and no image builds on it: usually what is left when a rebuild moves a tag (say app:dev) to a new image. This is `docker image prune`.',
  },
  {
    value: 'unused',
    label: 'Unused images',
    explain: 'Every image no container (running or stopped) was created from, tagged or not. This is `docker image prune -a`.',
  },
  { value: 'build-cache', label: 'Build cache', explain: 'Build cache records no build is using. This is `docker builder prune`.' },
];

const TARGET_VALUES = TARGETS.map((option) => option.value);

export function PrunePanel() {
  // The tab is in the URL (`/cleanup?tab=unused`): a link opens it, back returns to the last one.
  const url = useUrlState();
  const target: PruneTarget = oneOf(url.params.get('tab'), TARGET_VALUES, 'dangling');
  const setTarget = (next: PruneTarget) => url.set({ tab: next === 'dangling' ? null : next });
  const [until, setUntil] = useState('');
  const [label, setLabel] = useState('');
  const [deselected, setDeselected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ response: PruneResponse; preview: { count: number; bytes: number } } | null>(null);

  // Half-typed ages are not sent: the preview waits for something the engine would accept.
  const untilValue = until.trim();
  const untilValid =
    untilValue === '' || /^\d+[smhd]$/.test(untilValue) || (untilValue.length >= 10 && !Number.isNaN(Date.parse(untilValue)));
  const base: PruneParams = useMemo(
    () => ({
      target,
      until: target === 'build-cache' || !untilValid ? undefined : untilValue || undefined,
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
  const explain = TARGETS.find((option) => option.value === target)!.explain;

  const switchTarget = (next: PruneTarget) => setTarget(next);
  // A new tab (a click, or back/forward) starts from a fresh preview: reset while rendering, as React
  // advises for state that follows a changing value.
  const [shownTarget, setShownTarget] = useState(target);
  if (shownTarget !== target) {
    setShownTarget(target);
    setDeselected(new Set());
    setDone(null);
  }
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

  const count = target === 'build-cache' ? (preview.data?.buildCache.length ?? 0) : chosen.length;
  const bytes = exact?.spaceReclaimed ?? 0;
  return (
    <section aria-labelledby="prune-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="prune-heading" className="text-base font-semibold">
        Clean up
      </h2>
      <div role="tablist" aria-label="What to clean up" className="mt-3 inline-flex rounded-md border border-slate-300 p-0.5 text-sm">
        {TARGETS.map((option) => (
          <button
            key={option.value}
            role="tab"
            type="button"
            aria-selected={target === option.value}
            onClick={() => switchTarget(option.value)}
            className={`rounded px-3 py-1 ${target === option.value ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-100'}`}
          >
            {option.label}
          </button>
        ))}
      </div>
      <p className="mt-3 max-w-3xl text-sm text-slate-600">{explain}</p>
      {target !== 'build-cache' && (
        <div className="mt-3 flex flex-wrap items-end gap-3 text-sm">
          <label className="block">
            <span className="text-slate-600">Older than</span>
            <input
              value={until}
              onChange={(event) => setUntil(event.target.value)}
              placeholder="e.g. 24h, 7d"
              aria-invalid={!untilValid}
              className="mt-1 block w-32 rounded-md border border-slate-300 px-2 py-1"
            />
            {!untilValid && <span className="mt-1 block text-xs text-red-700">Use 24h, 7d, 90m or a date.</span>}
          </label>
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
      )}

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
        ) : target === 'build-cache' ? (
          preview.data.buildCache.length === 0 ? (
            <EmptyState title="No build cache to clean up">
              <p>
                Nothing is cached, or every record is in use. The classic builder keeps its cache as intermediate images instead; BuildKit
                keeps records here.
              </p>
            </EmptyState>
          ) : (
            <BuildCacheTable records={preview.data.buildCache} />
          )
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
              : `${subset ? 'Selected: ' : ''}${count} ${target === 'build-cache' ? 'cache record' : 'image'}${count === 1 ? '' : 's'}, freeing ${formatBytes(bytes)}.`}
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
          This deletes {count} {target === 'build-cache' ? 'cache record' : 'image'}
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
    </section>
  );
}
