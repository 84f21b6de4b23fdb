import type { PruneResponse } from '@/lib/api/prune';
import { formatBytes } from '@/lib/format';

export interface BuildCacheResultCardProps {
  preview: { count: number; bytes: number };
  response: PruneResponse;
}

/** What the engine's /build/prune answered (CachesDeleted, SpaceReclaimed), beside what the preview said. */
export function BuildCacheResultCard({ preview, response }: BuildCacheResultCardProps) {
  const result = response.result!;
  const removed = result.deletedRecords.length;
  return (
    <section
      aria-label="Cleanup result"
      className={`rounded-lg border p-4 text-sm ${result.matchesPreview ? 'border-emerald-300 bg-emerald-50' : 'border-amber-300 bg-amber-50'}`}
    >
      <h3 className="font-semibold">{result.matchesPreview ? 'Done, exactly as previewed' : 'Done, but not exactly as previewed'}</h3>
      <dl className="mt-2 grid grid-cols-2 gap-3">
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Removed</dt>
          <dd>
            {removed} cache record{removed === 1 ? '' : 's'} <span className="text-slate-500">(preview: {preview.count})</span>
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Reclaimed</dt>
          <dd>
            {formatBytes(result.spaceReclaimed)} <span className="text-slate-500">(preview: {formatBytes(preview.bytes)})</span>
          </dd>
        </div>
      </dl>
      <p className="mt-2 text-xs text-slate-500">
        Both figures are the engine&apos;s own answer to the prune (its CachesDeleted and SpaceReclaimed), record by record against the
        preview.
      </p>
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
