'use client';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/modal';
import { SelectField } from '@/components/ui/fields';
import { TransferDialog } from '@/components/transfer/transfer-dialog';
import { useTransfer } from '@/lib/queries/transfer';
import { imagePathSegment } from '@/lib/reference';

export interface PushDialogProps {
  tags: string[];
  open: boolean;
  onClose: () => void;
}

export function PushDialog({ tags, open, onClose }: PushDialogProps) {
  const [tag, setTag] = useState(tags[0] ?? '');
  const transfer = useTransfer();
  const { state, start } = transfer;
  return (
    <TransferDialog open={open} title="Push to a registry" verb="Push" transfer={transfer} onClose={onClose}>
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
          <SelectField
            id="push-tag"
            label="Tag"
            value={tag}
            onChange={setTag}
            options={tags.map((candidate) => ({ value: candidate, label: candidate }))}
            className="flex-1 py-1.5 font-mono"
          />
          <button type="submit" disabled={state.running} className={buttonClass.primary}>
            Push
          </button>
        </form>
      )}
      <p className="mt-2 text-xs text-slate-500">
        The registry comes from the tag; a login for it (Docker Hub page → Registries) is used when there is one.
      </p>
    </TransferDialog>
  );
}
