'use client';
// Every image content across the engines, virtualized: 15,000 rows scroll like 50. Each engine that
// holds it links to its page there; Copy sends it to an engine that lacks it.
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from '@/components/ui/engine-link';
import { imageHref } from '@/components/images/image-href';
import { buttonClass } from '@/components/ui/modal';
import type { InventoryRow } from '@/lib/api/inventory';
import { formatBytes, formatRelative } from '@/lib/format';

const ROW_HEIGHT = 60;
const COLUMNS = 'minmax(0,2fr) minmax(0,2.2fr) 140px 70px 90px 100px';
const HEADINGS = ['Tags', 'On engines', 'Created', 'Layers', 'Size', ''];

export interface InventoryTableProps {
  rows: InventoryRow[];
  /** Copy is offered only when some engine lacks the image, and not in read-only mode. */
  canCopy: (row: InventoryRow) => boolean;
  onCopy: (row: InventoryRow) => void;
}

export function InventoryTable({ rows, canCopy, onCopy }: InventoryTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions the React Compiler cannot memoize; that is expected here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  return (
    <div
      role="table"
      aria-label="Inventory"
      aria-rowcount={rows.length + 1}
      className="overflow-hidden rounded-lg border border-slate-200 bg-white"
    >
      <div
        role="row"
        aria-rowindex={1}
        className="grid border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500"
        style={{ gridTemplateColumns: COLUMNS }}
      >
        {HEADINGS.map((heading, index) => (
          <div key={index} role="columnheader" className={`px-3 py-2 ${index >= 3 && index <= 4 ? 'text-right' : ''}`}>
            {heading}
          </div>
        ))}
      </div>
      <div ref={scrollRef} className="max-h-[70vh] overflow-auto">
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={row.contentKey}
                role="row"
                aria-rowindex={item.index + 2}
                className="absolute left-0 grid w-full items-center border-b border-slate-100 text-sm"
                style={{ top: item.start, height: ROW_HEIGHT, gridTemplateColumns: COLUMNS }}
              >
                <div role="cell" className="truncate px-3 font-mono text-xs" title={row.tags.join('\n')}>
                  {row.tags.length === 0 ? <span className="text-slate-400">untagged</span> : row.tags.slice(0, 2).join(', ')}
                  {row.tags.length > 2 && <span className="text-slate-500"> +{row.tags.length - 2}</span>}
                </div>
                <div role="cell" className="flex flex-wrap gap-1 overflow-hidden px-3">
                  {row.placements.map((placement) => (
                    <Link
                      key={placement.engine}
                      href={`${imageHref(placement.imageId)}?engine=${encodeURIComponent(placement.engine)}`}
                      title={`${placement.imageId}${placement.containers ? ` · ${placement.containers} containers` : ''}`}
                      className="rounded bg-sky-50 px-1.5 py-0.5 text-xs text-sky-800 ring-1 ring-sky-200 hover:bg-sky-100"
                    >
                      {placement.engine}
                      {placement.containers > 0 && <span className="text-slate-500"> · {placement.containers} ctr</span>}
                    </Link>
                  ))}
                </div>
                <div role="cell" className="px-3 text-slate-600">
                  {formatRelative(row.created)}
                </div>
                <div role="cell" className="px-3 text-right tabular-nums">
                  {row.layers}
                </div>
                <div role="cell" className="px-3 text-right tabular-nums">
                  {formatBytes(row.size)}
                </div>
                <div role="cell" className="px-3 text-right">
                  {canCopy(row) && (
                    <button
                      type="button"
                      onClick={() => onCopy(row)}
                      className={`${buttonClass.quiet} px-2 py-1 text-xs`}
                      aria-label={`Copy ${row.tags[0] ?? row.contentKey} to another engine`}
                    >
                      Copy…
                    </button>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
