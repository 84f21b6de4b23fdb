'use client';
import { useEffect, useState } from 'react';
import Link from '@/components/ui/engine-link';
import { draftOfRule, type RuleView } from '@/lib/api/retention';
import { StrataError } from '@/lib/api/errors';
import { RulePreviewList } from '@/components/retention/rule-preview';
import { reportHref } from '@/components/retention/reports-table';
import { RunStatusBadge } from '@/components/retention/run-status';
import { LoadingRows } from '@/components/ui/states';
import { Modal, buttonClass } from '@/components/ui/modal';
import { useRulePreview, useRunRule } from '@/lib/queries/retention';

export interface RunDialogProps {
  rule: RuleView;
  onClose: () => void;
}

/** "Run now": the preview first, then the run, which previews again and deletes exactly that; a held run asks once more. */
export function RunDialog({ rule, onClose }: RunDialogProps) {
  const preview = useRulePreview();
  const run = useRunRule();
  const { mutate } = preview;
  // The rule as the dialog opened on it: the list refetching (after the run, say) must not preview again.
  const [draft] = useState(() => draftOfRule(rule));
  useEffect(() => mutate(draft), [mutate, draft]);
  // Only a run that is still held asks again; once confirmed, the dialog just reports.
  const held = (run.data?.some((report) => report.status === 'held') ?? false) && !run.variables?.confirm;
  const error = (preview.error ?? run.error) as StrataError | null;
  return (
    <Modal open title={`Run “${rule.name}” now?`} onClose={onClose} wide>
      {run.data ? (
        <ul aria-label="Run results" className="space-y-2">
          {run.data.map((report) => (
            <li key={report.id}>
              <RunStatusBadge status={report.status} matchesPreview={report.matchesPreview} />{' '}
              {rule.engines.length > 1 && <span className="font-mono text-xs">{report.engine}: </span>}
              {report.message}{' '}
              <Link href={reportHref(report.id)} className="text-sky-800 hover:underline">
                Read the report
              </Link>
            </li>
          ))}
        </ul>
      ) : preview.isPending ? (
        <LoadingRows label="Working out what the rule deletes now" rows={3} />
      ) : (
        preview.data && <RulePreviewList previews={preview.data} />
      )}
      {error && (
        <p role="alert" className="mt-3 text-red-700">
          {error instanceof StrataError ? error.message : 'The server did not answer.'}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" onClick={onClose} className={buttonClass.quiet}>
          {run.data ? 'Close' : 'Cancel'}
        </button>
        {!run.data && (
          <button
            type="button"
            disabled={!preview.data || run.isPending}
            onClick={() => run.mutate({ id: rule.id, confirm: false })}
            className={buttonClass.danger}
          >
            {run.isPending ? 'Deleting…' : 'Delete what the preview lists'}
          </button>
        )}
        {held && (
          <button
            type="button"
            disabled={run.isPending}
            onClick={() => run.mutate({ id: rule.id, confirm: true })}
            className={buttonClass.danger}
          >
            {run.isPending ? 'Deleting…' : 'Confirm the larger set and run'}
          </button>
        )}
      </div>
    </Modal>
  );
}
