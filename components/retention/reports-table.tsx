'use client';
import Link from '@/components/ui/engine-link';
import type { ReportSummary } from '@/lib/api/retention';
import { RunStatusBadge } from '@/components/retention/run-status';
import { formatBytes, formatDateTime, formatRelative } from '@/lib/format';

export const reportHref = (id: string) => `/cleanup/reports/${encodeURIComponent(id)}`;

/** The runs, newest first: each links to its full report. */
export function ReportsTable({ reports }: { reports: ReportSummary[] }) {
  return (
    <table aria-label="Runs" className="w-full table-fixed text-sm">
      <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="w-40 px-3 py-2">When</th>
          <th className="w-40 px-3 py-2">Rule</th>
          <th className="w-28 px-3 py-2">Engine</th>
          <th className="w-36 px-3 py-2">Result</th>
          <th className="w-24 px-3 py-2 text-right">Freed</th>
          <th className="px-3 py-2">What happened</th>
        </tr>
      </thead>
      <tbody>
        {reports.map((report) => (
          <tr key={report.id} className="border-t border-slate-100 align-top">
            <td className="px-3 py-2" title={formatDateTime(report.startedAt)}>
              <Link href={reportHref(report.id)} className="hover:underline">
                {formatRelative(report.startedAt)}
              </Link>
              <div className="text-xs text-slate-500">{report.trigger === 'schedule' ? 'on schedule' : 'run by hand'}</div>
            </td>
            <td className="truncate px-3 py-2">{report.ruleName}</td>
            <td className="truncate px-3 py-2 font-mono text-xs">{report.engine}</td>
            <td className="px-3 py-2">
              <RunStatusBadge status={report.status} matchesPreview={report.matchesPreview} />
            </td>
            <td className="px-3 py-2 text-right tabular-nums">{formatBytes(report.freedBytes)}</td>
            <td className="px-3 py-2 text-slate-600">{report.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
