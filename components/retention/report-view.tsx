'use client';
import Link from '@/components/ui/engine-link';
import type { RunReport } from '@/lib/api/retention';
import { StrataError } from '@/lib/api/errors';
import { RulePreviewView } from '@/components/retention/rule-preview';
import { reportHref } from '@/components/retention/reports-table';
import { RunStatusBadge } from '@/components/retention/run-status';
import { buttonClass } from '@/components/ui/modal';
import { ErrorState, LoadingRows } from '@/components/ui/states';
import { formatBytes, formatDateTime } from '@/lib/format';
import { useReport, useRunRule } from '@/lib/queries/retention';

const Figure = ({ label, value }: { label: string; value: string }) => (
  <div>
    <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
    <dd className="text-lg font-semibold tabular-nums">{value}</dd>
  </div>
);

function Measured({ report }: { report: RunReport }) {
  const known = report.diskBefore !== null && report.diskAfter !== null;
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" aria-label="Measured">
      <Figure label="Images before" value={known ? formatBytes(report.diskBefore!) : '—'} />
      <Figure label="Images after" value={known ? formatBytes(report.diskAfter!) : '—'} />
      <Figure label="Freed" value={formatBytes(report.freedBytes)} />
      <Figure label="Build cache records" value={`${report.buildCacheDeleted} (${formatBytes(report.buildCacheBytes)})`} />
    </dl>
  );
}

/** One run: what it was allowed to delete, what went, what /system/df says it freed, and anything that differed. */
export function ReportView({ id }: { id: string }) {
  const report = useReport(id);
  const run = useRunRule();
  if (report.isPending) return <LoadingRows label="Reading the report" rows={4} />;
  if (report.error) return <ErrorState error={report.error} action="read the report" onRetry={() => void report.refetch()} />;
  const data = report.data;
  return (
    <div className="space-y-4">
      <div>
        <Link href="/cleanup" className="text-sm text-sky-800 hover:underline">
          ← Cleanup
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">
          “{data.ruleName}” on {data.engine}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          {data.trigger === 'schedule' ? `Scheduled run for ${formatDateTime(data.window ?? data.startedAt)}` : 'Run by hand'}, started{' '}
          {formatDateTime(data.startedAt)}, finished {formatDateTime(data.finishedAt)}.
        </p>
      </div>
      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <p className="text-sm" data-testid="report-message">
          <RunStatusBadge status={data.status} matchesPreview={data.matchesPreview} /> {data.message}
        </p>
        {data.status === 'held' && (
          <div className="flex items-center gap-3">
            {/* Once confirmed, the new run's report is the place to read: no second run from here. */}
            {!run.data && (
              <button
                type="button"
                className={buttonClass.danger}
                disabled={run.isPending}
                onClick={() => run.mutate({ id: data.ruleId, confirm: true })}
              >
                {run.isPending ? 'Deleting…' : 'Confirm the larger set and run'}
              </button>
            )}
            {run.data?.map((next) => (
              <Link key={next.id} href={reportHref(next.id)} className="text-sm text-sky-800 hover:underline">
                {next.engine}: {next.message}
              </Link>
            ))}
            {run.error && (
              <span role="alert" className="text-sm text-red-700">
                {run.error instanceof StrataError ? run.error.message : 'The run failed.'}
              </span>
            )}
          </div>
        )}
        {data.status === 'applied' && <Measured report={data} />}
        {data.status === 'applied' && (
          <div>
            <h2 className="mb-1 text-sm font-semibold">Compared with the preview</h2>
            {data.differences.length === 0 ? (
              <p className="text-sm text-emerald-800">
                Exactly as previewed: the same images went and the disk figure dropped by the bytes predicted.
              </p>
            ) : (
              <ul className="list-disc pl-5 text-sm text-amber-900">
                {data.differences.map((difference) => (
                  <li key={difference}>{difference}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {data.deleted.length > 0 && (
          <div>
            <h2 className="mb-1 text-sm font-semibold">Deleted</h2>
            <ul aria-label="Deleted images" className="columns-2 font-mono text-xs">
              {data.deleted.map((image) => (
                <li key={image.id}>{image.repoTags.length ? image.repoTags.join(', ') : `<none> ${image.id.slice(7, 19)}`}</li>
              ))}
            </ul>
          </div>
        )}
      </section>
      {data.preview && (
        <section aria-labelledby="report-preview" className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
          <h2 id="report-preview" className="mb-2 text-base font-semibold">
            The preview this run worked out
          </h2>
          <RulePreviewView preview={data.preview} />
        </section>
      )}
    </div>
  );
}
