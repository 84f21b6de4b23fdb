'use client';
import { useState } from 'react';
import type { RuleView } from '@/lib/api/retention';
import { StrataError } from '@/lib/api/errors';
import { ReportsTable } from '@/components/retention/reports-table';
import { RuleForm } from '@/components/retention/rule-form';
import { RulesTable } from '@/components/retention/rules-table';
import { RunDialog } from '@/components/retention/run-dialog';
import { Modal, buttonClass } from '@/components/ui/modal';
import { EmptyState, ErrorState, LoadingRows } from '@/components/ui/states';
import { useDeleteRule, useRetention } from '@/lib/queries/retention';

/** Retention rules on /cleanup: the rules with their schedules and last runs, a form to add one, and every run's report. */
export function RetentionPanel() {
  const retention = useRetention();
  const [editing, setEditing] = useState<RuleView | 'new' | null>(null);
  const [running, setRunning] = useState<RuleView | null>(null);
  const [deleting, setDeleting] = useState<RuleView | null>(null);
  const remove = useDeleteRule();
  const data = retention.data;
  return (
    <section aria-labelledby="retention-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 id="retention-heading" className="text-base font-semibold">
            Retention rules
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            A rule is a cleanup you can name and schedule, such as “keep the last 3 of every repository, every night”. Each run works out
            its preview again and deletes exactly that, then reports what went and what the engine’s own disk figures say was freed.
          </p>
        </div>
        {data && !data.readOnly && editing === null && (
          <button type="button" className={buttonClass.primary} onClick={() => setEditing('new')}>
            New rule
          </button>
        )}
      </div>
      {data?.readOnly && (
        <p role="status" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Strata runs read-only here (STRATA_READ_ONLY=1): schedules do not run and rules cannot be changed.
        </p>
      )}
      {editing !== null && (
        <RuleForm key={editing === 'new' ? 'new' : editing.id} rule={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      )}
      <div className="mt-4">
        {retention.isPending ? (
          <LoadingRows label="Reading the rules" rows={2} />
        ) : retention.error ? (
          <ErrorState error={retention.error} action="read the retention rules" onRetry={() => void retention.refetch()} />
        ) : data!.rules.length === 0 ? (
          <EmptyState title="No retention rules yet">
            <p>
              Without a rule nothing is cleaned up on its own. Add one to keep, say, the newest 3 images of each repository and delete the
              rest every night; you see exactly what it would delete before you save it.
            </p>
          </EmptyState>
        ) : (
          <div className="overflow-hidden rounded-md border border-slate-200">
            <RulesTable rules={data!.rules} readOnly={data!.readOnly} onEdit={setEditing} onRun={setRunning} onDelete={setDeleting} />
          </div>
        )}
        {data && data.rules.some((rule) => rule.schedule.every !== 'off') && (
          <p className="mt-2 text-xs text-slate-500">Schedule times are the server’s ({data.timeZone}).</p>
        )}
      </div>
      {data && data.reports.length > 0 && (
        <div className="mt-5">
          <h3 className="mb-2 text-sm font-semibold">Runs</h3>
          <div className="overflow-hidden rounded-md border border-slate-200">
            <ReportsTable reports={data.reports} />
          </div>
        </div>
      )}
      {running && <RunDialog rule={running} onClose={() => setRunning(null)} />}
      <Modal open={deleting !== null} title={`Delete the rule “${deleting?.name ?? ''}”?`} onClose={() => setDeleting(null)}>
        <p>The rule and its schedule go; no image is touched. Its reports stay until they age out.</p>
        {remove.error && (
          <p role="alert" className="mt-3 text-red-700">
            {remove.error instanceof StrataError ? remove.error.message : 'The server did not answer.'}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={() => setDeleting(null)} className={buttonClass.quiet}>
            Cancel
          </button>
          <button
            type="button"
            disabled={remove.isPending}
            onClick={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
            className={buttonClass.danger}
          >
            Delete the rule
          </button>
        </div>
      </Modal>
    </section>
  );
}
