'use client';
// A virtualized table: only the rows in view are in the DOM, so 5,000 images scroll as smoothly as 50.
import { useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ImageRow, SortDirection, SortKey } from '@/components/images/image-table-model';
import { ImageTableRow, ROW_HEIGHT, gridColumnsFor } from '@/components/images/image-table-row';
import type { SizeAccounting } from '@/lib/api/images';
import { CONTENT_HINT, sizeWords } from '@/lib/size-words';
import { PullDialog } from '@/components/transfer/pull-dialog';
import { mostNotable, updatesByTag } from '@/components/images/update-badge';
import { useReadOnly } from '@/lib/queries/engine';
import { useImageUpdates } from '@/lib/queries/registries';

interface Column {
  key: SortKey;
  label: string;
  align: 'left' | 'right';
  title?: string;
}

/** The columns for a store: the containerd store's content size gets a column of its own, as in `docker image ls --tree`. */
function columnsFor(accounting: SizeAccounting): Column[] {
  const words = sizeWords(accounting);
  return [
    { key: 'tag', label: 'Tags', align: 'left' },
    { key: 'id', label: 'Image ID', align: 'left' },
    { key: 'os', label: 'OS', align: 'left', title: 'The base OS, from /etc/os-release, once the image’s layers were read' },
    { key: 'created', label: 'Created', align: 'left' },
    { key: 'size', label: words.size, align: 'right', title: words.sizeHint },
    ...(accounting === 'content-and-unpacked'
      ? [{ key: 'content' as const, label: 'Content', align: 'right' as const, title: CONTENT_HINT }]
      : []),
    { key: 'unique', label: words.unique, align: 'right', title: words.uniqueHint },
    { key: 'shared', label: words.shared, align: 'right', title: words.sharedHint },
    { key: 'containers', label: 'Containers', align: 'right', title: 'Containers created from this image, running or stopped' },
    { key: 'status', label: 'Status', align: 'left', title: 'Dangling first, then unused, then in use' },
  ];
}

export interface ImagesTableProps {
  rows: ImageRow[];
  total: number;
  sortKey: SortKey;
  sortDirection: SortDirection;
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onSelect: (key: string, selected: boolean) => void;
  onSelectAll: (selected: boolean) => void;
  /** What the sizes count on this engine's store (ImageTotals.accounting). */
  accounting: SizeAccounting;
}

export function ImagesTable({
  rows,
  total,
  sortKey,
  sortDirection,
  onSort,
  selected,
  onSelect,
  onSelectAll,
  accounting,
}: ImagesTableProps) {
  const columns = columnsFor(accounting);
  const gridColumns = gridColumnsFor(accounting);
  const updates = updatesByTag(useImageUpdates().data);
  const readOnly = useReadOnly();
  // The dialog lives here, not in a row: the row goes (or moves) when the pull retags the image.
  const [pulling, setPulling] = useState<string | null>(null);
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.key));
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions the React Compiler cannot memoize; that is expected here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  return (
    <div role="table" aria-label="Images" aria-rowcount={total + 1} className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <div role="rowgroup">
        <div
          role="row"
          aria-rowindex={1}
          className="grid border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500"
          style={{ gridTemplateColumns: gridColumns }}
        >
          <div role="columnheader" className="flex items-center justify-center">
            <input
              type="checkbox"
              checked={allSelected}
              onChange={(event) => onSelectAll(event.target.checked)}
              aria-label="Select all shown"
              className="h-4 w-4 accent-slate-900"
            />
          </div>
          {columns.map((column) => {
            const active = sortKey === column.key;
            return (
              <div
                key={column.key}
                role="columnheader"
                aria-sort={active ? (sortDirection === 'asc' ? 'ascending' : 'descending') : 'none'}
                className={`px-3 py-2 ${column.align === 'right' ? 'text-right' : ''}`}
              >
                <button
                  type="button"
                  title={column.title}
                  onClick={() => onSort(column.key)}
                  className={`inline-flex items-center gap-1 whitespace-nowrap uppercase hover:text-slate-900 ${active ? 'text-slate-900' : ''}`}
                >
                  {column.label}
                  <span aria-hidden="true" className="w-2">
                    {active ? (sortDirection === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div
        ref={scrollRef}
        role="rowgroup"
        className="overflow-auto"
        style={{ height: 'min(calc(100vh - 330px), 100000px)', minHeight: 320 }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <ImageTableRow
                key={row.key}
                row={row}
                index={item.index}
                start={item.start}
                selected={selected.has(row.key)}
                onSelect={onSelect}
                accounting={accounting}
                update={mostNotable(row.tags.map((tag) => updates.get(tag)))}
                onPullUpdate={readOnly ? undefined : setPulling}
              />
            );
          })}
        </div>
      </div>
      {pulling && <PullDialog key={pulling} open initialRef={pulling} onClose={() => setPulling(null)} />}
    </div>
  );
}
