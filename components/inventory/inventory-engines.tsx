'use client';
// One card per engine: what it holds, or why it did not answer.
import Link from '@/components/ui/engine-link';
import type { InventoryEngine, InventoryResponse } from '@/lib/api/inventory';
import { formatBytes } from '@/lib/format';

function storeWords(engine: InventoryEngine): string {
  return engine.imageStore === 'containerd' ? 'containerd image store' : 'classic image store';
}

export function InventoryEngines({ engines, totals }: Pick<InventoryResponse, 'engines' | 'totals'>) {
  return (
    <section aria-label="Engines" className="space-y-3">
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {engines.map((engine) => (
          <li
            key={engine.engine}
            className={`rounded-lg border bg-white p-4 ${engine.reachable ? 'border-slate-200' : 'border-amber-300'}`}
          >
            <div className="flex items-baseline justify-between gap-2">
              <Link href={`/images?engine=${encodeURIComponent(engine.engine)}`} className="font-semibold text-sky-700 hover:underline">
                {engine.engine}
              </Link>
              <span className={`text-xs ${engine.reachable ? 'text-emerald-700' : 'text-amber-700'}`}>
                {engine.reachable ? 'answering' : 'not answering'}
              </span>
            </div>
            {engine.reachable ? (
              <p className="mt-1 text-sm text-slate-600">
                {engine.images} images · {formatBytes(engine.diskUsed)}
                {engine.exact ? '' : ' (estimate)'} · {storeWords(engine)}
              </p>
            ) : (
              <p className="mt-1 text-sm text-amber-800">{engine.error?.message ?? 'It did not answer.'}</p>
            )}
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-700">
        <strong>{totals.contents}</strong> distinct images, <strong>{totals.onSeveral}</strong> of them on more than one engine;{' '}
        <strong>{formatBytes(totals.diskUsed)}</strong> on disk across engines (a layer shared by images counts once per engine, since each
        host keeps its own copy).
      </p>
    </section>
  );
}
