'use client';
import type { RuleEnginePreview, RulePreview } from '@/lib/api/retention';
import { GoingImageCells, KeepTable } from '@/components/cleanup/prune-tables';
import { formatBytes } from '@/lib/format';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One sentence a person can check: how many go, what they free, and the budget if there is one. */
export function previewSummary(preview: RulePreview): string {
  const cache = preview.buildCache;
  const cacheWords =
    cache && cache.records.length ? ` and ${plural(cache.records.length, 'build cache record')} (${formatBytes(cache.bytes)})` : '';
  const images =
    preview.images.length === 0
      ? 'Deletes no image'
      : `Deletes ${plural(preview.images.length, 'image')}, freeing ${formatBytes(preview.freedBytes)}`;
  return `${images}${cacheWords}.`;
}

function budgetWords(budget: NonNullable<RulePreview['budget']>): string {
  if (budget.before <= budget.limit)
    return `Images take ${formatBytes(budget.before)}, already under the ${formatBytes(budget.limit)} budget.`;
  return budget.met
    ? `Images take ${formatBytes(budget.before)}; after this, ${formatBytes(budget.after)}: under the ${formatBytes(budget.limit)} budget.`
    : `Images take ${formatBytes(budget.before)}; even deleting all the rule allows leaves ${formatBytes(budget.after)}, over the ${formatBytes(budget.limit)} budget.`;
}

export function RulePreviewView({ preview }: { preview: RulePreview }) {
  return (
    <div className="space-y-3">
      <p className="font-medium" data-testid="rule-preview-summary">
        {previewSummary(preview)}
      </p>
      {preview.budget && <p className="text-slate-600">{budgetWords(preview.budget)}</p>}
      {preview.images.length > 0 && (
        <div className="overflow-hidden rounded-md border border-slate-200 bg-white">
          <table aria-label={`The rule deletes on ${preview.engine}`} className="w-full table-fixed text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-3 py-2">Image</th>
                <th className="w-32 px-3 py-2">Built</th>
                <th className="w-24 px-3 py-2 text-right">Frees</th>
                <th className="px-3 py-2">Why</th>
              </tr>
            </thead>
            <tbody>
              {preview.images.map((image) => (
                <tr key={image.id} className="border-t border-slate-100 align-top">
                  <GoingImageCells image={image} />
                  <td className="px-3 py-2 text-right font-medium tabular-nums">{formatBytes(image.freedBytes)}</td>
                  <td className="px-3 py-2 text-slate-600">{image.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview.images.length > 0 && <p className="text-xs text-slate-500">{preview.bytes.note}</p>}
      {preview.keep.length > 0 && (
        <details>
          <summary className="cursor-pointer text-slate-700">
            Kept: {plural(preview.keep.length, 'image')} the rule looked at, and why
          </summary>
          <div className="mt-2 overflow-hidden rounded-md border border-slate-200 bg-white">
            <KeepTable keep={preview.keep} />
          </div>
        </details>
      )}
    </div>
  );
}

/** Each engine's preview apart: one that cannot answer says why without hiding the others. */
export function RulePreviewList({ previews }: { previews: RuleEnginePreview[] }) {
  return (
    <section aria-label="Preview" className="space-y-4 border-t border-slate-200 pt-4">
      {previews.map((result) => (
        <div key={result.engine}>
          {previews.length > 1 && <h3 className="mb-2 font-mono text-xs font-semibold text-slate-700">{result.engine}</h3>}
          {result.ok ? (
            <RulePreviewView preview={result.preview} />
          ) : (
            <p role="alert" className="text-red-700">
              {result.engine}: {result.error.message}
            </p>
          )}
        </div>
      ))}
    </section>
  );
}
