import { CopyButton } from '@/components/ui/copy-button';
import { shortId } from '@/lib/format';

export interface LayersSectionProps {
  /** Diff IDs, oldest first. */
  layers: string[];
}

export function LayersSection({ layers }: LayersSectionProps) {
  return (
    <section aria-labelledby="layers-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="layers-heading" className="text-base font-semibold">
        Layers
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Oldest first. Each diff ID is the sha256 of one layer’s uncompressed contents, so the same layer has the same ID in every image that
        shares it, and is stored once.
      </p>
      <ol aria-label="Layer diff IDs" className="mt-3 divide-y divide-slate-100 text-sm">
        {layers.map((diffId, index) => (
          <li key={`${index}-${diffId}`} className="flex items-center gap-3 py-1.5">
            <span className="w-8 text-right tabular-nums text-slate-400">{index + 1}</span>
            <span className="font-mono text-xs text-slate-800" title={diffId}>
              {shortId(diffId)}
            </span>
            <span className="hidden truncate font-mono text-xs text-slate-400 md:inline">{diffId}</span>
            <CopyButton value={diffId} label={`Copy diff ID of layer ${index + 1}`} />
          </li>
        ))}
      </ol>
    </section>
  );
}
