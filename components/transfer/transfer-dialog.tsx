'use client';
import type { ReactNode } from 'react';
import { Modal, buttonClass } from '@/components/ui/modal';
import { TransferProgress } from '@/components/transfer/transfer-progress';
import type { useTransfer } from '@/lib/queries/transfer';

export interface TransferDialogProps {
  open: boolean;
  title: string;
  verb: 'Pull' | 'Push';
  /** The dialog's transfer (its form starts it). */
  transfer: ReturnType<typeof useTransfer>;
  onClose: () => void;
  /** Links beside Close (e.g. “Open image” once pulled); given the dialog's close. */
  actions?: (close: () => void) => ReactNode;
  /** The form that chooses what to transfer. */
  children: ReactNode;
}

/** The frame pull and push share: their form, the progress, and Cancel while running, Close after. */
export function TransferDialog({ open, title, verb, transfer, onClose, actions, children }: TransferDialogProps) {
  const { state, cancel, reset } = transfer;
  // Closing the dialog lets a running transfer finish (only Cancel stops it); the list refreshes when it ends.
  const close = () => {
    if (!state.running) reset();
    onClose();
  };
  return (
    <Modal open={open} wide title={title} onClose={close}>
      {children}
      <div className="mt-4">
        <TransferProgress state={state} verb={verb} />
      </div>
      <div className="mt-4 flex justify-end gap-2">
        {actions?.(close)}
        {state.running ? (
          <button type="button" onClick={cancel} className={buttonClass.danger}>
            Cancel {verb.toLowerCase()}
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
