'use client';
import { useMemo, useState } from 'react';
import type { DefaultBuilder, PruneResponse } from '@/lib/api/prune';
import { StrataError } from '@/lib/api/errors';
import { AgeField, isAge } from '@/components/cleanup/age-field';
import { BuildCacheResultCard } from '@/components/cleanup/build-cache-result';
import { BuildCacheTable } from '@/components/cleanup/build-cache-table';
import { Modal, buttonClass } from '@/components/ui/modal';
import { EmptyState, ErrorState, LoadingRows } from '@/components/ui/states';
import { formatBytes } from '@/lib/format';
import { usePrune, usePrunePreview, type PruneParams } from '@/lib/queries/cleanup';
import { useReadOnly } from '@/lib/queries/engine';

/** Where this engine's build cache records come from, so an empty table reads right on either engine. */
const BUILDER_NOTE: Record<DefaultBuilder, string> = {
  buildkit: 'This engine builds with BuildKit unless a build asks otherwise (Docker 23 and later), so every build leaves its records here.',
  classic:
    'This engine builds with the classic builder unless a build asks for BuildKit (before Docker 23): the classic builder’s cache is the intermediate images under the image tabs, and records appear here only for BuildKit builds (DOCKER_BUILDKIT=1, buildx).',
};

const plural = (count: number) => `${count} cache record${count === 1 ? '' : 's'}`;

/** The build-cache tab: `docker builder prune` with its `--all` and `until`, previewed by BuildKit's rule. */
export function BuildCachePanel() {
  const [all, setAll] = useState(false);
  const [until, setUntil] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ response: PruneResponse; preview: { count: number; bytes: number } } | null>(null);
  const age = until.trim();
  const params: PruneParams = useMemo(
    () => ({ target: 'build-cache', all: all || undefined, until: isAge(age) && age ? age : undefined }),
    [all, age],
  );
  const preview = usePrunePreview(params);
  const prune = usePrune();
  const readOnly = useReadOnly();
  const remove = preview.data?.buildCache ?? [];
  const keep = preview.data?.buildCacheKept ?? [];
  const bytes = preview.data?.spaceReclaimed ?? 0;
  const builder = preview.data?.builder;

  const apply = () => {
    const predicted = { count: remove.length, bytes };
    prune.mutate(
      { ...params, expectRecords: remove.map((record) => record.id) },
      {
        onSuccess: (response) => {
          setDone({ response, preview: predicted });
          setConfirming(false);
        },
      },
    );
  };

  return (
    <>
      <div className="mt-3 flex flex-wrap items-end gap-4 text-sm">
        <label className="flex max-w-sm items-start gap-2 pb-1">
          <input type="checkbox" checked={all} onChange={(event) => setAll(event.target.checked)} className="mt-1" />
          <span>
            <span className="font-medium">All</span> <code className="font-mono text-xs text-slate-600">--all</code>
            <span className="block text-xs text-slate-500">
              Also records an image shares and BuildKit&apos;s internal ones. Records a running build uses always stay.
            </span>
          </span>
        </label>
        <AgeField label="Unused for at least" value={until} onChange={setUntil} hint="by when each record was last used" />
      </div>
      {builder && (
        <p className="mt-3 max-w-3xl text-xs text-slate-500" data-testid="builder-note">
          {BUILDER_NOTE[builder]}
        </p>
      )}

      {done && (
        <div className="mt-4">
          <BuildCacheResultCard response={done.response} preview={done.preview} />
        </div>
      )}

      <div className="mt-4 space-y-2">
        {preview.isPending ? (
          <LoadingRows label="Reading the build cache" rows={3} />
        ) : preview.error ? (
          <ErrorState error={preview.error} action="read the build cache" onRetry={() => void preview.refetch()} />
        ) : remove.length + keep.length === 0 ? (
          <EmptyState title="No build cache records">
            <p>The engine lists no BuildKit cache: there is nothing to clean up here.</p>
          </EmptyState>
        ) : (
          <>
            <div className="overflow-x-auto rounded-md border border-slate-200">
              <BuildCacheTable remove={remove} keep={keep} />
            </div>
            <p className="text-xs text-slate-500" data-testid="build-cache-bytes-note">
              Sizes and the total are the engine&apos;s own (the sum it reports as reclaimed). A shared record&apos;s data is also an
              image&apos;s layers: removing it with “all” gives that space back only once the image is gone too.
            </p>
          </>
        )}
      </div>

      <div className="mt-4 flex items-center justify-between gap-3 border-t border-slate-100 pt-4">
        <p aria-live="polite" className="text-sm" data-testid="prune-summary">
          {remove.length === 0
            ? keep.length > 0
              ? 'Nothing to remove: every record stays (see why in the table).'
              : 'Nothing to clean up.'
            : `${plural(remove.length)} of ${remove.length + keep.length}, freeing ${formatBytes(bytes)}.`}
        </p>
        {readOnly ? (
          <span className="text-sm text-slate-500">Read-only: previews only.</span>
        ) : (
          <button
            type="button"
            disabled={remove.length === 0 || preview.isFetching}
            onClick={() => setConfirming(true)}
            className={buttonClass.danger}
          >
            Clean up…
          </button>
        )}
      </div>

      <Modal open={confirming} title="Delete for real?" onClose={() => setConfirming(false)}>
        <p>
          This removes {plural(remove.length)} and frees {formatBytes(bytes)}. It cannot be undone; the next build that needs them runs
          those steps again.
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
            {prune.isPending ? 'Deleting…' : `Delete ${remove.length} and free ${formatBytes(bytes)}`}
          </button>
        </div>
      </Modal>
    </>
  );
}
