'use client';
import { useMemo, useState } from 'react';
import type { ImageAnalysis } from '@/lib/api/analysis';
import { FileTree } from '@/components/files/file-tree';
import { FileView } from '@/components/files/file-view';
import { buttonClass } from '@/components/ui/modal';
import { buildTree, filesystemAt, flatten, type TreeSort } from '@/lib/analysis/tree';
import { formatBytes } from '@/lib/format';
import type { AnalysisHandle } from '@/lib/queries/analysis';
import { useImageHistory } from '@/lib/queries/images';

export interface FilesSectionProps {
  imageRef: string;
  /** One platform of a multi-platform image (`linux/arm64`); '' for the engine's default. */
  platform?: string;
  /** The analysis run, shared with the packages section (one read of the layers serves both). */
  analysis: AnalysisHandle;
}

/** What each layer adds, changes and removes, and the space wasted on the way — read from the image itself. */
export function FilesSection({ imageRef, platform = '', analysis }: FilesSectionProps) {
  const { state, start, cancel } = analysis;
  const percent = state.totalBytes ? Math.min(100, Math.round((state.bytesRead / state.totalBytes) * 100)) : 0;
  return (
    <section aria-labelledby="files-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="files-heading" className="text-base font-semibold">
            Files and wasted space
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            Reads the image’s layers (streamed, never held in memory) to show what each one adds, changes and removes. A file written in one
            layer and deleted or rewritten in a later one still takes space in the earlier layer: that is wasted space.
          </p>
        </div>
        {state.running ? (
          <button type="button" onClick={cancel} className={buttonClass.danger}>
            Cancel
          </button>
        ) : (
          <button type="button" onClick={() => void start()} className={buttonClass.primary}>
            {state.result ? 'Analyse again' : 'Analyse layers'}
          </button>
        )}
      </div>
      {state.running && (
        <div className="mt-3">
          <div className="flex justify-between text-xs text-slate-600">
            <span>
              Reading the image export: {formatBytes(state.bytesRead)} of about {formatBytes(state.totalBytes)}
              {state.cachedLayers > 0 && ` · ${state.cachedLayers} of ${state.layers} layers already analysed before`}
            </span>
            <span>{percent}%</span>
          </div>
          <div
            role="progressbar"
            aria-label="Analysis progress"
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
            className="mt-1 h-2 overflow-hidden rounded bg-slate-100"
          >
            <div className="h-full bg-sky-500" style={{ width: `${percent}%` }} />
          </div>
        </div>
      )}
      {state.error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {state.error.message}
        </p>
      )}
      {state.cancelled && (
        <p role="status" className="mt-3 text-sm text-slate-600">
          Cancelled.
        </p>
      )}
      {state.result && <AnalysisResult analysis={state.result} imageRef={imageRef} platform={platform} />}
    </section>
  );
}

function AnalysisResult({ analysis, imageRef, platform }: { analysis: ImageAnalysis; imageRef: string; platform: string }) {
  const [layer, setLayer] = useState(analysis.layers.length);
  const [view, setView] = useState<'changes' | 'filesystem'>('changes');
  const [sort, setSort] = useState<TreeSort>('size');
  const [filter, setFilter] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [opened, setOpened] = useState<{ path: string; size: number } | null>(null);
  const { data: history } = useImageHistory(imageRef, platform);
  const stepOf = (position: number) => history?.steps.find((step) => step.layerIndex === position - 1)?.index;

  const tree = useMemo(
    () => buildTree(view === 'changes' ? (analysis.changes[layer - 1] ?? []) : filesystemAt(analysis.changes, layer)),
    [analysis, layer, view],
  );
  const rows = useMemo(() => flatten(tree, expanded, sort, filter), [tree, expanded, sort, filter]);
  const toggle = (path: string, open: boolean) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (open) next.add(path);
      else next.delete(path);
      return next;
    });
  const current = analysis.layers[layer - 1];

  return (
    <div className="mt-4 space-y-4">
      <dl aria-label="Efficiency" className="grid grid-cols-3 gap-3 text-sm">
        <div className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs uppercase tracking-wide text-slate-500">Efficiency</dt>
          <dd className="text-lg font-semibold" data-testid="efficiency">
            {(Math.floor(analysis.efficiency * 1000) / 10).toFixed(1)}%
          </dd>
        </div>
        <div className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs uppercase tracking-wide text-slate-500">Wasted</dt>
          <dd className="text-lg font-semibold" data-testid="wasted-bytes">
            {formatBytes(analysis.wastedBytes)}
          </dd>
        </div>
        <div className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs uppercase tracking-wide text-slate-500">Stored in layers</dt>
          <dd className="text-lg font-semibold">{formatBytes(analysis.totalBytes)}</dd>
        </div>
      </dl>
      <p className="text-xs text-slate-500">
        Efficiency = 1 − wasted ÷ stored. Only copies that a later layer overwrites or deletes count as wasted — never the copy that stays.
      </p>
      {analysis.wasted.length > 0 && (
        <ol aria-label="Wasted space" className="space-y-1 text-sm">
          {analysis.wasted.slice(0, 20).map((item) => {
            const step = stepOf(item.layers[1]);
            return (
              <li key={`${item.path}-${item.layers.join('-')}`} className="grid grid-cols-[minmax(0,1fr)_5rem] gap-3">
                <div className="min-w-0">
                  <code className="font-mono text-xs">{item.path}</code> <span className="text-slate-600">— {item.reason}</span>
                  {step !== undefined && (
                    <a href={`#step-${step + 1}`} className="ml-1 text-xs text-sky-700 hover:underline">
                      step {step + 1}
                    </a>
                  )}
                  <div className="text-xs text-slate-500">{item.hint}</div>
                </div>
                <span className="text-right tabular-nums">{formatBytes(item.bytes)}</span>
              </li>
            );
          })}
        </ol>
      )}
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          Layer
          <select
            value={layer}
            onChange={(event) => setLayer(Number(event.target.value))}
            className="rounded-md border border-slate-300 px-2 py-1"
          >
            {analysis.layers.map((summary) => (
              <option key={summary.position} value={summary.position}>
                {summary.position}: +{summary.added} ~{summary.modified} −{summary.removed} · {formatBytes(summary.bytes)}
              </option>
            ))}
          </select>
        </label>
        <div role="group" aria-label="View" className="inline-flex rounded-md border border-slate-300 p-0.5">
          {(['changes', 'filesystem'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={view === option}
              onClick={() => setView(option)}
              className={`rounded px-2 py-0.5 ${view === option ? 'bg-slate-900 text-white' : 'text-slate-600'}`}
            >
              {option === 'changes' ? 'This layer’s changes' : 'Filesystem as of this layer'}
            </button>
          ))}
        </div>
        <select
          aria-label="Sort files"
          value={sort}
          onChange={(event) => setSort(event.target.value as TreeSort)}
          className="rounded-md border border-slate-300 px-2 py-1"
        >
          <option value="size">Largest first</option>
          <option value="name">By name</option>
        </select>
        <input
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder="Filter by path"
          aria-label="Filter files"
          className="w-56 rounded-md border border-slate-300 px-2 py-1"
        />
      </div>
      {current && (
        <p className="text-xs text-slate-500">
          Layer {current.position}: {current.added} added, {current.modified} changed, {current.removed} removed,{' '}
          {formatBytes(current.bytes)} stored.
        </p>
      )}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{filter ? 'No path matches the filter.' : 'This layer changes no files.'}</p>
      ) : (
        <FileTree
          rows={rows}
          onToggle={toggle}
          onOpen={(path) => setOpened({ path, size: rows.find((row) => row.node.path === path)?.node.size ?? 0 })}
          label={view === 'changes' ? `Changes in layer ${layer}` : `Filesystem as of layer ${layer}`}
        />
      )}
      {opened && current && (
        <FileView
          key={`${current.diffId}:${opened.path}`}
          imageRef={imageRef}
          platform={platform}
          diffId={current.diffId}
          position={current.position}
          path={opened.path}
          size={opened.size}
          onClose={() => setOpened(null)}
        />
      )}
    </div>
  );
}
