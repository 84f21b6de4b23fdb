'use client';
import type { BuildCacheKept, BuildCacheRecord } from '@/lib/api/prune';
import { formatBytes, formatDateTime, formatRelative } from '@/lib/format';

export interface BuildCacheTableProps {
  remove: BuildCacheRecord[];
  keep: BuildCacheKept[];
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/**
 * BuildKit's descriptions name its operations (`mount / from exec /bin/sh -c …`, `http url http://build-context-…`):
 * say what each is in Dockerfile terms, the engine's own text staying beneath.
 */
export function recordLabel(description: string): string | null {
  if (description === '' || description.trim() === 'from local') return 'Base image layer (or an internal record)';
  if (description.startsWith('http url http://build-context-')) return 'Build context, as uploaded';
  if (description === 'copy /context /') return 'Build context, unpacked';
  if (description === 'fileop target') return 'Result of a COPY or ADD step';
  const run = /^mount \/ from exec \/bin\/sh -c (.*)$/s.exec(description);
  if (run) return `RUN ${run[1]}`;
  const cache = /^cached mount (\S+) from exec /.exec(description);
  if (cache) return `Cache mount ${cache[1]} (RUN --mount=type=cache)`;
  return null;
}

/** Every record the engine lists: what the prune removes first, then what it keeps and why. */
export function BuildCacheTable({ remove, keep }: BuildCacheTableProps) {
  const rows = [
    ...remove.map((record) => ({ record, goes: true, reason: 'Removed by this prune.' })),
    ...keep.map(({ record, reason }) => ({ record, goes: false, reason })),
  ];
  return (
    <table aria-label="Build cache records" className="w-full table-fixed text-sm">
      <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="px-3 py-2">Record</th>
          <th className="w-28 px-3 py-2">Type</th>
          <th className="w-20 px-3 py-2 text-right">Size</th>
          <th className="w-16 px-3 py-2">Shared</th>
          <th className="w-20 px-3 py-2">In use</th>
          <th className="w-32 px-3 py-2">Last used</th>
          <th className="w-72 px-3 py-2">This prune</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ record, goes, reason }) => (
          <tr key={record.id} data-record-id={record.id} className="border-t border-slate-100 align-top">
            <td className="px-3 py-2">
              <div className="truncate" title={recordLabel(record.description) ?? record.description}>
                {recordLabel(record.description) ?? record.description}
              </div>
              <div className="truncate font-mono text-xs text-slate-500" title={record.description || undefined}>
                {record.id.slice(0, 12)}
                {recordLabel(record.description) && record.description ? ` · ${record.description}` : ''}
              </div>
            </td>
            <td className="px-3 py-2 text-xs">{record.type}</td>
            <td className="px-3 py-2 text-right tabular-nums">{formatBytes(record.size)}</td>
            <td className="px-3 py-2">{yesNo(record.shared)}</td>
            <td className="px-3 py-2">{yesNo(record.inUse)}</td>
            <td className="px-3 py-2 text-slate-600" title={record.lastUsed ? formatDateTime(record.lastUsed) : undefined}>
              {record.lastUsed ? formatRelative(record.lastUsed) : 'never'}
            </td>
            <td className="px-3 py-2">
              <span
                className={`mr-1 inline-block rounded px-1.5 text-xs font-medium ${goes ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-700'}`}
              >
                {goes ? 'Goes' : 'Stays'}
              </span>
              {!goes && <span className="text-xs text-slate-600">{reason}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
