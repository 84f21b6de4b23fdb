'use client';
// Every installed package, filterable, in a virtualized list: an Ubuntu image holds a few hundred,
// a fat build image a few thousand.
import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ImagePackage } from '@/lib/api/packages';
import { formatBytes } from '@/lib/format';
import { FilterInput } from '@/components/ui/filter-input';

const ROW = 30;
const COLUMNS = 'minmax(160px,1.4fr) minmax(140px,1.2fr) 80px minmax(100px,1fr) 84px 150px';

export interface PackagesTableProps {
  packages: ImagePackage[];
  stepOf: (position: number) => number | undefined;
}

export function PackagesTable({ packages, stepOf }: PackagesTableProps) {
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => {
    const terms = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return packages.filter((pkg) =>
      terms.every((term) => `${pkg.name} ${pkg.version} ${pkg.source ?? ''} ${pkg.type}`.toLowerCase().includes(term)),
    );
  }, [packages, filter]);
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 15,
  });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <FilterInput label="Filter packages" value={filter} onChange={setFilter} className="w-72" />
        <span className="text-slate-500">
          {rows.length === packages.length ? `${packages.length} packages installed` : `${rows.length} of ${packages.length} packages`}
        </span>
      </div>
      <div
        role="table"
        aria-label="Installed packages"
        aria-rowcount={rows.length + 1}
        className="rounded-md border border-slate-200 text-sm"
      >
        <div
          role="row"
          className="grid border-b border-slate-200 bg-slate-50 text-xs font-medium text-slate-600"
          style={{ gridTemplateColumns: COLUMNS }}
        >
          {['Package', 'Version', 'Arch', 'Source', 'Size', 'Installed by'].map((name) => (
            <div key={name} role="columnheader" className={`px-3 py-1.5 ${name === 'Size' ? 'text-right' : ''}`}>
              {name}
            </div>
          ))}
        </div>
        {rows.length === 0 ? (
          <p className="px-3 py-2 text-slate-500">No package matches the filter.</p>
        ) : (
          <div ref={scroller} className="max-h-[420px] overflow-auto">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const pkg = rows[item.index]!;
                const step = stepOf(pkg.layer);
                return (
                  <div
                    key={`${pkg.type}:${pkg.name}:${pkg.arch}`}
                    role="row"
                    aria-rowindex={item.index + 2}
                    className="absolute left-0 grid w-full items-center border-b border-slate-100"
                    style={{ height: ROW, transform: `translateY(${item.start}px)`, gridTemplateColumns: COLUMNS }}
                  >
                    <div role="cell" className="truncate px-3 font-mono text-xs" title={pkg.purl}>
                      {pkg.name}
                    </div>
                    <div
                      role="cell"
                      className="truncate px-3 font-mono text-xs"
                      title={pkg.previousVersion ? `upgraded from ${pkg.previousVersion}` : undefined}
                    >
                      {pkg.version}
                      {pkg.previousVersion && <span className="ml-1 text-amber-700">↑</span>}
                    </div>
                    <div role="cell" className="truncate px-3 text-xs text-slate-600">
                      {pkg.arch ?? '—'}
                    </div>
                    <div role="cell" className="truncate px-3 text-xs text-slate-600">
                      {pkg.source ?? ''}
                    </div>
                    <div role="cell" className="px-3 text-right tabular-nums text-xs">
                      {pkg.size === null ? '—' : formatBytes(pkg.size)}
                    </div>
                    <div role="cell" className="truncate px-3 text-xs">
                      {step === undefined ? (
                        `layer ${pkg.layer}`
                      ) : (
                        <a href={`#step-${step + 1}`} className="text-sky-700 hover:underline">
                          step {step + 1}
                        </a>
                      )}
                      <span className="text-slate-500"> · {pkg.change}</span>
                    </div>
                  </div>
                );
              })}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
