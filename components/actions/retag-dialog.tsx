'use client';
import { useState } from 'react';
import { StrataError } from '@/lib/api/errors';
import { Modal, buttonClass } from '@/components/ui/modal';
import { OutcomeTable } from '@/components/actions/outcome-badge';
import { useRetag } from '@/lib/queries/mutations';

export interface RetagDialogProps {
  open: boolean;
  onClose: () => void;
}

/** Every tag matching a pattern, renamed by another: previewed in full, then applied item by item. */
export function RetagDialog({ open, onClose }: RetagDialogProps) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [move, setMove] = useState(false);
  const preview = useRetag();
  const apply = useRetag();
  const close = () => {
    preview.reset();
    apply.reset();
    onClose();
  };
  const result = apply.data ?? preview.data;
  const error = apply.error ?? preview.error;
  const planned = preview.data?.items.filter((item) => item.outcome === 'planned').length ?? 0;
  const input = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm';
  return (
    <Modal open={open} wide title="Retag by pattern" onClose={close}>
      <form
        className="grid gap-3 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          apply.reset();
          preview.mutate({ from, to, move, dryRun: true });
        }}
      >
        <label className="block">
          <span className="font-medium">Tags matching</span>
          <input
            value={from}
            onChange={(event) => {
              setFrom(event.target.value);
              preview.reset();
            }}
            placeholder="old.registry:5000/team/*"
            className={input}
          />
        </label>
        <label className="block">
          <span className="font-medium">become</span>
          <input
            value={to}
            onChange={(event) => {
              setTo(event.target.value);
              preview.reset();
            }}
            placeholder="new.registry/team/*"
            className={input}
          />
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={move}
            onChange={(event) => {
              setMove(event.target.checked);
              preview.reset();
            }}
          />
          Move (remove the old tags afterwards)
        </label>
        <div className="flex justify-end">
          <button type="submit" disabled={!from || !to || preview.isPending} className={buttonClass.primary}>
            Preview
          </button>
        </div>
      </form>
      <p className="mt-2 text-xs text-slate-500">
        One * stands for the rest of the name; what it matches in the first pattern replaces it in the second.
      </p>
      {error && (
        <p role="alert" className="mt-3 text-red-700">
          {error instanceof StrataError ? error.message : 'The request failed.'}
        </p>
      )}
      {result && result.items.length === 0 && <p className="mt-3">No tag matches that pattern.</p>}
      {result && result.items.length > 0 && (
        <OutcomeTable
          label={apply.isSuccess ? 'Results' : 'Preview'}
          applied={apply.isSuccess}
          columns={[{ title: 'From' }, { title: 'To' }]}
          rows={result.items.map((item) => ({
            key: `${item.from}>${item.to}`,
            names: [item.from, item.to],
            outcome: item.outcome,
            message: item.message,
          }))}
          className="mt-3"
        />
      )}
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" onClick={close} className={buttonClass.quiet}>
          {apply.isSuccess ? 'Close' : 'Cancel'}
        </button>
        {preview.isSuccess && !apply.isSuccess && (
          <button
            type="button"
            disabled={planned === 0 || apply.isPending}
            onClick={() => preview.variables && apply.mutate({ ...preview.variables, dryRun: false })}
            className={buttonClass.danger}
          >
            Apply {planned} change{planned === 1 ? '' : 's'}
          </button>
        )}
      </div>
    </Modal>
  );
}
