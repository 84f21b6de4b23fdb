'use client';
import type { HistoryResponse } from '@/lib/api/history';
import { ShareBar } from '@/components/history/share-bar';
import { computeBreakdown, imageTitle } from '@/lib/history-breakdown';
import { formatBytes, formatDateTime, formatPercent } from '@/lib/format';
import { redactCommand } from '@/lib/secrets';

export interface BreakdownCardProps {
  history: HistoryResponse;
  reveal: boolean;
}

// Base layers in greys, this image's own layers in alternating blues, so neighbours stay apart.
const BASE_COLOURS = ['#94a3b8', '#cbd5e1'];
const OWN_COLOURS = ['#0ea5e9', '#6366f1', '#38bdf8', '#818cf8'];

export function BreakdownCard({ history, reveal }: BreakdownCardProps) {
  const breakdown = computeBreakdown(history);
  const { image, base } = history;
  let own = 0;
  let inBase = 0;
  return (
    <section id="breakdown" aria-labelledby="breakdown-heading" className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="breakdown-heading" className="text-base font-semibold">
            Layer breakdown
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {image.platform !== undefined && image.unpackedSize === 0
              ? `${image.platform} of ${imageTitle(image)} is stored here (${formatBytes(image.size)} of content) but not unpacked, so its ${breakdown.layers.length} layer${breakdown.layers.length === 1 ? ' has' : 's have'} no size on this engine`
              : image.unpackedSize === null
                ? `${imageTitle(image)} is ${formatBytes(breakdown.total)} in ${breakdown.layers.length} layer${breakdown.layers.length === 1 ? '' : 's'}`
                : // The containerd store: these are the unpacked layers; the image's content is beside them.
                  `${imageTitle(image)} unpacks to ${formatBytes(breakdown.total)} in ${breakdown.layers.length} layer${breakdown.layers.length === 1 ? '' : 's'}`}
            {base
              ? `: ${formatBytes(breakdown.baseBytes)} from its base ${base.repoTags[0] ?? base.shortId}, ${formatBytes(breakdown.ownBytes)} its own.`
              : '.'}
          </p>
        </div>
        <ShareBar history={history} />
      </div>
      <div
        role="img"
        aria-label={`Size by layer: ${breakdown.layers.map((layer) => `layer ${layer.position} ${formatBytes(layer.step.size)}`).join(', ')}`}
        className="mt-4 flex h-8 w-full overflow-hidden rounded-md bg-slate-100"
      >
        {breakdown.layers.map((layer) => {
          const colour = layer.step.fromBase ? BASE_COLOURS[inBase++ % BASE_COLOURS.length] : OWN_COLOURS[own++ % OWN_COLOURS.length];
          return (
            <div
              key={layer.position}
              title={`Layer ${layer.position}: ${formatBytes(layer.step.size)} (${formatPercent(layer.step.size, breakdown.total)}) — ${redactCommand(layer.step.createdBy)}`}
              style={{ width: `${layer.share * 100}%`, background: colour }}
              className="h-full border-r border-white/70 last:border-r-0"
            />
          );
        })}
      </div>
      <div className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
        {base && (
          <span>
            <span className="mr-1 inline-block h-2 w-2 rounded-sm" style={{ background: BASE_COLOURS[0] }} />
            Base ({base.repoTags[0] ?? base.shortId}): {formatBytes(breakdown.baseBytes)}
          </span>
        )}
        <span>
          <span className="mr-1 inline-block h-2 w-2 rounded-sm" style={{ background: OWN_COLOURS[0] }} />
          {base ? 'Its own layers' : 'Layers'}: {formatBytes(breakdown.ownBytes)}
        </span>
        <span className="ml-auto text-slate-500">
          {image.shortId} · created {formatDateTime(image.created)}
        </span>
      </div>
      <h3 className="mt-4 text-sm font-semibold">Largest layers</h3>
      {breakdown.top.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">
          {image.platform !== undefined && image.unpackedSize === 0
            ? 'Not unpacked here: the engine sizes no layer of this platform.'
            : 'Every layer of this image is empty.'}
        </p>
      ) : (
        <ol aria-label="Largest layers" className="mt-2 space-y-1.5 text-sm">
          {breakdown.top.map((layer) => (
            <li key={layer.position} className="grid grid-cols-[4.5rem_minmax(0,1fr)_5rem_3.5rem] items-center gap-3">
              <span className="text-xs text-slate-500">
                layer {layer.position}
                {layer.step.fromBase ? ' · base' : ''}
              </span>
              <code className="truncate font-mono text-xs">{reveal ? layer.step.createdBy : redactCommand(layer.step.createdBy)}</code>
              <span className="text-right tabular-nums">{formatBytes(layer.step.size)}</span>
              <span className="text-right text-xs tabular-nums text-slate-500">{formatPercent(layer.step.size, breakdown.total)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
