'use client';
// A virtualized, keyboard-navigable tree: only the rows in view are in the DOM, so 100,000 paths scroll
// smoothly. ↑/↓ move, → opens, ← closes (or goes to the parent), Enter toggles a folder or shows a file.
import { useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TreeRow } from '@/lib/analysis/tree';
import { isDirectory } from '@/lib/analysis/tree';
import { formatBytes } from '@/lib/format';

const ROW = 26;
const MARK: Record<string, { label: string; className: string }> = {
  added: { label: 'A', className: 'text-emerald-700' },
  modified: { label: 'M', className: 'text-amber-700' },
  removed: { label: 'D', className: 'text-red-700' },
  unchanged: { label: '', className: 'text-slate-400' },
};

export interface FileTreeProps {
  rows: TreeRow[];
  onToggle: (path: string, open: boolean) => void;
  /** A file (not a folder, not a deletion) was chosen: show its content. */
  onOpen?: (path: string) => void;
  label: string;
}

const openable = (row: TreeRow) => !isDirectory(row.node) && row.node.change !== 'removed' && row.node.type !== 'other';

export function FileTree({ rows, onToggle, onOpen, label }: FileTreeProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 20,
  });
  const current = rows[Math.min(active, rows.length - 1)];

  const move = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next);
  };
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!current) return;
    const dir = isDirectory(current.node);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      ArrowRight: () => dir && !current.expanded && onToggle(current.node.path, true),
      ArrowLeft: () => {
        if (dir && current.expanded) onToggle(current.node.path, false);
        else move(rows.findLastIndex((row, i) => i < active && row.depth < current.depth));
      },
      Enter: () => (dir ? onToggle(current.node.path, !current.expanded) : openable(current) && onOpen?.(current.node.path)),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  return (
    <div
      ref={scroller}
      role="tree"
      aria-label={label}
      tabIndex={0}
      onKeyDown={onKey}
      aria-activedescendant={current ? `tree-row-${Math.min(active, rows.length - 1)}` : undefined}
      className="h-[420px] overflow-auto rounded-md border border-slate-200 font-mono text-xs outline-none focus:ring-2 focus:ring-sky-300"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const dir = isDirectory(row.node);
          const mark = MARK[row.node.change]!;
          return (
            <div
              key={row.node.path}
              id={`tree-row-${item.index}`}
              role="treeitem"
              aria-level={row.depth + 1}
              aria-expanded={dir ? row.expanded : undefined}
              aria-selected={item.index === active}
              data-path={row.node.path}
              onClick={() => {
                setActive(item.index);
                if (dir) onToggle(row.node.path, !row.expanded);
                else if (openable(row)) onOpen?.(row.node.path);
              }}
              className={`absolute left-0 flex w-full cursor-default items-center gap-2 px-2 ${item.index === active ? 'bg-sky-100' : 'hover:bg-slate-50'}`}
              style={{ height: ROW, transform: `translateY(${item.start}px)` }}
            >
              <span className={`w-3 font-bold ${mark.className}`} title={row.node.change}>
                {mark.label}
              </span>
              <span
                style={{ paddingLeft: row.depth * 14 }}
                className={`min-w-0 flex-1 truncate ${row.node.change === 'removed' ? 'text-red-700 line-through' : ''}`}
              >
                {dir ? (row.expanded ? '▾ ' : '▸ ') : '  '}
                {row.node.name}
                {dir ? '/' : ''}
                {row.node.linkTarget && <span className="text-slate-500"> → {row.node.linkTarget}</span>}
                {row.node.permissionsOnly && <span className="ml-2 rounded bg-amber-50 px-1 text-amber-800">mode/owner only</span>}
              </span>
              <span className="w-20 text-right tabular-nums text-slate-600">{formatBytes(row.node.size)}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
