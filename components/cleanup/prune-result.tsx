import type { PruneResponse } from '@/lib/api/prune';
import { formatBytes } from '@/lib/format';

export interface PruneResultCardProps {
  preview: { count: number; bytes: number };
  response: PruneResponse;
}

/** What the engine did, beside what the preview said it would. */
export function PruneResultCard({ preview, response }: PruneResultCardProps) {
  const result = response.result!;
  return (
    <section
      aria-label="Cleanup result"
      className={`rounded-lg border p-4 text-sm ${result.matchesPreview ? 'border-emerald-300 bg-emerald-50' : 'border-amber-300 bg-amber-50'}`}
    >
      <h3 className="font-semibold">{result.matchesPreview ? 'Done, exactly as previewed' : 'Done, but not exactly as previewed'}</h3>
      <dl className="mt-2 grid grid-cols-3 gap-3">
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Deleted</dt>
          <dd>
            {result.deletedImages.length} image{result.deletedImages.length === 1 ? '' : 's'}{' '}
            <span className="text-slate-500">(preview: {preview.count})</span>
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Untagged</dt>
          <dd>
            {result.untagged.length} tag{result.untagged.length === 1 ? '' : 's'}
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Reclaimed</dt>
          <dd>
            {formatBytes(result.spaceReclaimed)} <span className="text-slate-500">(preview: {formatBytes(preview.bytes)})</span>
          </dd>
        </div>
      </dl>
      {result.diskBefore > 0 && (
        <p className="mt-2 text-slate-600">
          LayersSize (disk really used, from the engine&apos;s /system/df) went from {formatBytes(result.diskBefore)} to{' '}
          {formatBytes(result.diskAfter)}.
        </p>
      )}
      {response.bytes && <p className="mt-1 text-xs text-slate-500">{response.bytes.note}</p>}
      {result.differences.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-amber-900">
          {result.differences.map((difference) => (
            <li key={difference}>{difference}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
