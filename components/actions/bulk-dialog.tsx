'use client';
import { useEffect, useState } from 'react';
import type { BulkAction, BulkItem } from '@/lib/api/tags';
import { StrataError } from '@/lib/api/errors';
import { Modal, buttonClass } from '@/components/ui/modal';
import { OutcomeTable } from '@/components/actions/outcome-badge';
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
        <OutcomeTable
          label={apply.isSuccess ? 'Results' : 'What will happen'}
          applied={apply.isSuccess}
          columns={[{ title: action === 'untag' ? 'Tag' : 'Image', className: 'w-2/5' }]}
          rows={items.map((item) => ({ key: item.target, names: [item.target], outcome: item.outcome, message: item.message }))}
        />
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
