'use client';
// Drift: one tag, different content on different hosts — the "is app:latest the same everywhere?" answer.
import Link from '@/components/ui/engine-link';
import type { InventoryDrift } from '@/lib/api/inventory';
import { imageHref } from '@/components/images/image-href';
import { shortId } from '@/lib/format';

export function InventoryDriftList({ drift }: { drift: InventoryDrift[] }) {
  if (drift.length === 0)
    return (
      <p className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
        No drift: every tag that is on several engines names the same image on each.
      </p>
    );
  return (
    <section aria-labelledby="drift-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="drift-heading" className="font-semibold text-amber-900">
        Drift: {drift.length === 1 ? '1 tag names' : `${drift.length} tags name`} different images on different engines
      </h2>
      <ul className="mt-2 max-h-64 space-y-1 overflow-auto text-sm text-amber-950">
        {drift.map((entry) => (
          <li key={entry.tag}>
            <span className="font-mono">{entry.tag}</span> is{' '}
            {entry.variants.map((variant, index) => (
              <span key={variant.contentKey}>
                {index > 0 && (index === entry.variants.length - 1 ? ' and ' : ', ')}
                {index === 0 ? 'one image' : 'another'} on{' '}
                {variant.engines.map((engine, at) => (
                  <span key={engine}>
                    {at > 0 && ', '}
                    <Link href={`${imageHref(variant.imageIds[at] ?? '')}?engine=${encodeURIComponent(engine)}`} className="underline">
                      {engine}
                    </Link>{' '}
                    <span className="font-mono text-xs">({shortId(variant.imageIds[at] ?? '')})</span>
                  </span>
                ))}
              </span>
            ))}
            .
          </li>
        ))}
      </ul>
    </section>
  );
}
