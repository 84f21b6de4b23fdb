'use client';
import { useState } from 'react';
import { Modal, buttonClass } from '@/components/ui/modal';
import { TransferProgress } from '@/components/transfer/transfer-progress';
import { useTransfer } from '@/lib/queries/transfer';
import { imagePathSegment } from '@/lib/reference';

export interface PushDialogProps {
  tags: string[];
  open: boolean;
  onClose: () => void;
}

export function PushDialog({ tags, open, onClose }: PushDialogProps) {
  const [tag, setTag] = useState(tags[0] ?? '');
  const { state, start, cancel, reset } = useTransfer();
  // Closing the dialog lets a running push finish (only Cancel stops it).
  const close = () => {
    if (!state.running) reset();
    onClose();
  };
  return (
    <Modal open={open} wide title="Push to a registry" onClose={close}>
      {tags.length === 0 ? (
        <p>
          An image needs a tag naming its registry and repository before it can be pushed. Add one first, e.g. localhost:5000/team/app:v1.
        </p>
      ) : (
        <form
          className="flex items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void start(`/api/images/${imagePathSegment(tag)}/push`);
          }}
        >
          <label htmlFor="push-tag" className="text-sm">
            Tag
          </label>
          <select
            id="push-tag"
            value={tag}
            onChange={(event) => setTag(event.target.value)}
            className="flex-1 rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm"
          >
            {tags.map((candidate) => (
              <option key={candidate}>{candidate}</option>
            ))}
          </select>
          <button type="submit" disabled={state.running} className={buttonClass.primary}>
            Push
          </button>
        </form>
      )}
      <p className="mt-2 text-xs text-slate-500">
        The registry comes from the tag; a login for it (Docker Hub page → Registries) is used when there is one.
      </p>
      <div className="mt-4">
        <TransferProgress state={state} verb="Push" />
      </div>
      <div className="mt-4 flex justify-end">
        {state.running ? (
          <button type="button" onClick={cancel} className={buttonClass.danger}>
            Cancel push
          </button>
        ) : (
          <button type="button" onClick={close} className={buttonClass.quiet}>
            Close
          </button>
        )}
      </div>
    </Modal>
  );
}
