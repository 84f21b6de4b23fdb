'use client';
import { useEffect, useState } from 'react';
import type { BulkAction, BulkItem } from '@/lib/api/tags';
import { StrataError } from '@/lib/api/errors';
import { Modal, buttonClass } from '@/components/ui/modal';
import { OutcomeBadge } from '@/components/actions/outcome-badge';
import { useBulk } from '@/lib/queries/mutations';

export interface BulkDialogProps {
  action: BulkAction | null;
  targets: string[];
  onClose: (applied: boolean) => void;
}

/** One confirmation listing exactly what will happen to each item, then what did. */
export function BulkDialog({ action, targets, onClose }: BulkDialogProps) {
  const [force, setForce] = useState(false);
  const preview = useBulk();
  const apply = useBulk();
  const { mutate: runPreview, reset: resetPreview } = preview;

  const applied = apply.isSuccess;
  // The preview follows the selection and the force switch; once applied, the results stay put.
  useEffect(() => {
    if (action && targets.length > 0 && !applied) runPreview({ action, targets, force, dryRun: true });
  }, [action, targets, force, runPreview, applied]);

  const close = () => {
    resetPreview();
    apply.reset();
    setForce(false);
    onClose(applied);
  };
  const items: BulkItem[] = apply.data?.items ?? preview.data?.items ?? [];
  const verb = action === 'untag' ? 'Remove' : 'Delete';
  const noun = action === 'untag' ? `tag${targets.length === 1 ? '' : 's'}` : `image${targets.length === 1 ? '' : 's'}`;
  return (
    <Modal open={action !== null} wide title={apply.isSuccess ? 'Done' : `${verb} ${targets.length} ${noun}?`} onClose={close}>
      {preview.isPending && <p role="status">Working out what would happen…</p>}
      {((preview.isError && !applied) || apply.isError) && (
        <p role="alert" className="text-red-700">
          {(preview.error ?? apply.error) instanceof StrataError ? (preview.error ?? apply.error)!.message : 'The request failed.'}
        </p>
      )}
      {items.length > 0 && (
        <table aria-label={apply.isSuccess ? 'Results' : 'What will happen'} className="w-full table-fixed text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="w-2/5 py-1">{action === 'untag' ? 'Tag' : 'Image'}</th>
              <th className="w-24 py-1">{apply.isSuccess ? 'Result' : 'Plan'}</th>
              <th className="py-1">Details</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.target} className="border-t border-slate-100 align-top">
                <td className="truncate py-1.5 pr-2 font-mono text-xs" title={item.target}>
                  {item.target}
                </td>
                <td className="py-1.5">
                  <OutcomeBadge outcome={item.outcome} />
                </td>
                <td className="py-1.5">{item.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!apply.isSuccess && (
        <label className="mt-3 flex items-center gap-2 text-sm">
          <input type="checkbox" checked={force} onChange={(event) => setForce(event.target.checked)} className="accent-red-700" />
          Force (deletes images with several tags or a stopped container; never one a running container uses)
        </label>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" onClick={close} className={buttonClass.quiet}>
          {apply.isSuccess ? 'Close' : 'Cancel'}
        </button>
        {!apply.isSuccess && (
          <button
            type="button"
            disabled={!preview.isSuccess || apply.isPending || items.every((item) => item.outcome !== 'planned')}
            onClick={() => action && apply.mutate({ action, targets, force, dryRun: false })}
            className={buttonClass.danger}
          >
            {apply.isPending ? 'Working…' : `${verb} ${noun}`}
          </button>
        )}
      </div>
    </Modal>
  );
}
