'use client';
import { useDeferredValue, useMemo, useState } from 'react';
import { ImagesTable } from '@/components/images/images-table';
import { ImagesToolbar } from '@/components/images/images-toolbar';
import { TotalsBar } from '@/components/images/totals-bar';
import { UpdatesNotice } from '@/components/images/updates-notice';
import {
  defaultDirection,
  filterRows,
  parseQuickFilter,
  quickCounts,
  sortRows,
  toRows,
  type QuickFilter,
  type SortDirection,
  type SortKey,
} from '@/components/images/image-table-model';
import { EmptyState, ErrorState, LoadingRows } from '@/components/ui/states';
import { BulkDialog } from '@/components/actions/bulk-dialog';
import { SaveButton } from '@/components/archives/save-button';
import { RetagDialog } from '@/components/actions/retag-dialog';
import { buttonClass } from '@/components/ui/modal';
import { PullDialog } from '@/components/transfer/pull-dialog';
import type { BulkAction } from '@/lib/api/tags';
import { useImageList } from '@/lib/queries/images';
import { oneOf, useUrlState, useUrlText } from '@/lib/url-state';
import { useReadOnly } from '@/lib/queries/engine';

const SORT_KEYS: readonly SortKey[] = ['tag', 'id', 'os', 'created', 'size', 'unique', 'shared', 'containers', 'status'];

export function ImagesView() {
  // Filter, quick filter, per-tag rows, intermediates and sort live in the URL (`/images?q=app&show=dangling&sort=size`).
  const url = useUrlState();
  const intermediates = url.params.get('all') === '1';
  const { data, error, isPending, refetch } = useImageList(intermediates);
  const [text, setText] = useUrlText('q');
  const quick: QuickFilter = parseQuickFilter(url.params.get('show') ?? undefined);
  const perTag = url.params.get('tags') === '1';
  const sortKey = oneOf(url.params.get('sort'), SORT_KEYS, 'created');
  const sortDirection: SortDirection = oneOf(url.params.get('dir'), ['asc', 'desc'] as const, defaultDirection(sortKey));
  const setQuick = (value: QuickFilter) => url.set({ show: value === 'all' ? null : value });
  const setPerTag = (value: boolean) => url.set({ tags: value });
  const setIntermediates = (value: boolean) => url.set({ all: value });
  // Typing stays responsive: the table catches up with the deferred text.
  const deferredText = useDeferredValue(text);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkAction, setBulkAction] = useState<BulkAction | null>(null);
  const [retagging, setRetagging] = useState(false);
  const [pulling, setPulling] = useState(false);
  const readOnly = useReadOnly();

  const images = data?.images;
  const rows = useMemo(() => (images ? toRows(images, perTag) : []), [images, perTag]);
  const visible = useMemo(
    () => sortRows(filterRows(rows, deferredText, quick), sortKey, sortDirection),
    [rows, deferredText, quick, sortKey, sortDirection],
  );
  const counts = useMemo(() => quickCounts(images ?? []), [images]);
  const chosen = useMemo(() => rows.filter((row) => selected.has(row.key)), [rows, selected]);
  const targets = useMemo(
    () => (bulkAction === 'delete' ? [...new Set(chosen.map((row) => row.image.id))] : [...new Set(chosen.flatMap((row) => row.tags))]),
    [bulkAction, chosen],
  );
  const select = (key: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  const selectAll = (on: boolean) => setSelected(on ? new Set(visible.map((row) => row.key)) : new Set());
  const untaggable = chosen.some((row) => row.tags.length > 0);

  const onSort = (key: SortKey) => {
    const direction = key === sortKey ? (sortDirection === 'asc' ? 'desc' : 'asc') : defaultDirection(key);
    url.set({ sort: key === 'created' ? null : key, dir: direction === defaultDirection(key) ? null : direction });
  };

  return (
    <div className="space-y-4">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Images</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            An image is a stack of read-only layers plus the metadata to run it; a tag is only a name pointing at an image ID, and one ID
            can carry many tags. Layers shared between images are stored once,{' '}
            {data?.totals.accounting === 'content-and-unpacked' ? (
              <>
                and this engine keeps each image twice over: its <em>content</em> (compressed, as pulled or built) and its layers unpacked
                for containers. <em>Disk usage</em> counts both; <em>Unique</em> and <em>Shared</em> count the unpacked layers.
              </>
            ) : (
              <>
                so <em>Unique</em> is what deleting an image would really free.
              </>
            )}
          </p>
        </div>
        {!readOnly && (
          <button type="button" onClick={() => setPulling(true)} className={`shrink-0 ${buttonClass.primary}`}>
            Pull image…
          </button>
        )}
        <PullDialog open={pulling} onClose={() => setPulling(false)} />
      </div>
      {isPending ? (
        <LoadingRows label="Loading images" />
      ) : error ? (
        <ErrorState error={error} action="load your images" onRetry={() => void refetch()} />
      ) : data.images.length === 0 ? (
        <EmptyState title="No images on this engine yet">
          <p>
            Images appear here as soon as the engine has any: pull one (<code className="font-mono text-xs">docker pull nginx:alpine</code>
            ), build one (<code className="font-mono text-xs">docker build -t myapp .</code>) or load a saved archive. This page updates by
            itself.
          </p>
        </EmptyState>
      ) : (
        <>
          <TotalsBar totals={data.totals} />
          <ImagesToolbar
            text={text}
            onText={setText}
            quick={quick}
            onQuick={setQuick}
            counts={counts}
            perTag={perTag}
            onPerTag={setPerTag}
            intermediates={intermediates}
            onIntermediates={setIntermediates}
          />
          <UpdatesNotice />
          <div className="flex min-h-8 flex-wrap items-center gap-2">
            <p aria-live="polite" className="text-xs text-slate-500">
              Showing {visible.length} of {rows.length} {perTag ? 'tags' : 'images'}
              {intermediates && ` (${data.totals.intermediates ?? 0} of them intermediate images of legacy builds)`}
            </p>
            {chosen.length > 0 && !readOnly && (
              <div role="group" aria-label="Selection" className="flex items-center gap-2 text-sm">
                <span className="font-medium">{chosen.length} selected</span>
                <button type="button" disabled={!untaggable} onClick={() => setBulkAction('untag')} className={buttonClass.quiet}>
                  Remove tags
                </button>
                <button type="button" onClick={() => setBulkAction('delete')} className={buttonClass.quiet}>
                  Delete images
                </button>
                <SaveButton
                  refs={[...new Set(chosen.flatMap((row) => (row.tags.length > 0 ? row.tags : [row.image.id])))]}
                  label="Save as .tar"
                />
                <button type="button" onClick={() => setSelected(new Set())} className="text-xs text-slate-500 hover:underline">
                  Clear
                </button>
              </div>
            )}
            {!readOnly && (
              <button type="button" onClick={() => setRetagging(true)} className={`ml-auto ${buttonClass.quiet}`}>
                Retag by pattern…
              </button>
            )}
          </div>
          <BulkDialog
            action={bulkAction}
            targets={targets}
            onClose={(applied) => {
              setBulkAction(null);
              if (applied) setSelected(new Set());
            }}
          />
          <RetagDialog open={retagging} onClose={() => setRetagging(false)} />
          {visible.length === 0 ? (
            <EmptyState title="Nothing matches">
              <p>
                {quick === 'dangling' && deferredText.trim() === ''
                  ? 'No dangling images: none of your images has lost its last tag to a rebuild.'
                  : 'No image matches this filter. Clear the text or pick “All”.'}
              </p>
            </EmptyState>
          ) : (
            <ImagesTable
              rows={visible}
              total={visible.length}
              sortKey={sortKey}
              sortDirection={sortDirection}
              onSort={onSort}
              selected={selected}
              onSelect={select}
              onSelectAll={selectAll}
              accounting={data.totals.accounting}
            />
          )}
        </>
      )}
    </div>
  );
}
