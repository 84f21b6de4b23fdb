'use client';
import type { BuildCacheKept, BuildCacheRecord } from '@/lib/api/prune';
import { formatBytes, formatDateTime, formatRelative } from '@/lib/format';

export interface BuildCacheTableProps {
  remove: BuildCacheRecord[];
  keep: BuildCacheKept[];
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

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
          <th className="w-16 px-3 py-2">In use</th>
          <th className="w-28 px-3 py-2">Last used</th>
          <th className="w-64 px-3 py-2">This prune</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ record, goes, reason }) => (
          <tr key={record.id} data-record-id={record.id} className="border-t border-slate-100 align-top">
            <td className="px-3 py-2">
              <div className="truncate font-mono text-xs" title={record.description || undefined}>
                {record.description || <span className="text-slate-500">(no description: a base layer or an internal record)</span>}
              </div>
              <div className="font-mono text-xs text-slate-500">{record.id.slice(0, 12)}</div>
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
