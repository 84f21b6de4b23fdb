'use client';
import Link from '@/components/ui/engine-link';
import type { RuleView } from '@/lib/api/retention';
import { reportHref } from '@/components/retention/reports-table';
import { RunStatusBadge } from '@/components/retention/run-status';
import { buttonClass } from '@/components/ui/modal';
import { formatDateTime, formatRelative } from '@/lib/format';
import { describeRule, scheduleWords } from '@/lib/retention/describe';

export interface RulesTableProps {
  rules: RuleView[];
  readOnly: boolean;
  onEdit: (rule: RuleView) => void;
  onRun: (rule: RuleView) => void;
  onDelete: (rule: RuleView) => void;
}

export function RulesTable({ rules, readOnly, onEdit, onRun, onDelete }: RulesTableProps) {
  return (
    <table aria-label="Rules" className="w-full table-fixed text-sm">
      <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="px-3 py-2">Rule</th>
          <th className="w-44 px-3 py-2">Runs</th>
          <th className="w-64 px-3 py-2">Last run</th>
          {!readOnly && <th className="w-72 px-3 py-2 text-right">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {rules.map((rule) => (
          <tr key={rule.id} className="border-t border-slate-100 align-top">
            <td className="px-3 py-2">
              <div className="font-medium">{rule.name}</div>
              <div className="text-xs text-slate-600">{describeRule(rule)}</div>
              <div className="mt-1 font-mono text-xs text-slate-500">on {rule.engines.join(', ')}</div>
            </td>
            <td className="px-3 py-2">
              <div>{scheduleWords(rule.schedule)}</div>
              {rule.nextRun && (
                <div className="text-xs text-slate-500" title={formatDateTime(rule.nextRun)}>
                  next {formatDateTime(rule.nextRun)}
                </div>
              )}
            </td>
            <td className="px-3 py-2">
              {rule.lastRuns.length === 0 ? (
                <span className="text-slate-500">Not run yet</span>
              ) : (
                rule.lastRuns.map((run) => (
                  <div key={run.id} className="mb-1">
                    <RunStatusBadge status={run.status} matchesPreview={run.matchesPreview} />{' '}
                    <Link href={reportHref(run.id)} className="text-xs hover:underline" title={formatDateTime(run.startedAt)}>
                      {formatRelative(run.startedAt)}
                      {rule.engines.length > 1 ? ` on ${run.engine}` : ''}
                    </Link>
                  </div>
                ))
              )}
            </td>
            {!readOnly && (
              <td className="space-x-1 whitespace-nowrap px-3 py-2 text-right">
                <button type="button" className={buttonClass.quiet} onClick={() => onRun(rule)} aria-label={`Run ${rule.name} now`}>
                  Run now…
                </button>
                <button type="button" className={buttonClass.quiet} onClick={() => onEdit(rule)} aria-label={`Edit ${rule.name}`}>
                  Edit
                </button>
                <button type="button" className={buttonClass.quiet} onClick={() => onDelete(rule)} aria-label={`Delete ${rule.name}`}>
                  Delete
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
