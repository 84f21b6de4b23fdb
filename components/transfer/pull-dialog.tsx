'use client';
import { useEffect, useRef, useState } from 'react';
import Link from 'next/link';
import { Modal, buttonClass } from '@/components/ui/modal';
import { TransferProgress } from '@/components/transfer/transfer-progress';
import { imageHref } from '@/components/images/image-href';
import { useTransfer } from '@/lib/queries/transfer';
import { parseReference } from '@/lib/reference';
import { parsePlatform } from '@/lib/api/platform';

export interface PullDialogProps {
  open: boolean;
  onClose: () => void;
  /** Pre-filled reference (from a Docker Hub tag); the dialog starts pulling at once. */
  initialRef?: string;
}

export function PullDialog({ open, onClose, initialRef = '' }: PullDialogProps) {
  const [ref, setRef] = useState(initialRef);
  // Empty: the engine's own platform. Otherwise os/architecture[/variant], checked as the server checks it.
  const [platform, setPlatform] = useState('');
  const platformCheck = platform.trim() ? parsePlatform(platform.trim()) : null;
  const { state, start, cancel, reset } = useTransfer();
  const parsed = ref.trim() ? parseReference(ref) : null;
  // Opened from a Hub tag's Pull button: the choice is made, so start right away (once).
  const started = useRef(false);
  useEffect(() => {
    if (open && initialRef && !started.current) {
      started.current = true;
      void start('/api/pull', { ref: initialRef });
    }
  }, [open, initialRef, start]);
  // Closing the dialog lets a running pull finish (only Cancel stops it); the list refreshes when it ends.
  const close = () => {
    if (!state.running) reset();
    onClose();
  };
  return (
    <Modal open={open} wide title="Pull an image" onClose={close}>
      <form
        className="flex items-start gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (parsed?.ok && platformCheck?.ok !== false)
            void start('/api/pull', { ref: ref.trim(), ...(platformCheck?.ok ? { platform: platform.trim() } : {}) });
        }}
      >
        <div className="flex-1">
          <label htmlFor="pull-ref" className="sr-only">
            Image to pull
          </label>
          <input
            id="pull-ref"
            value={ref}
            onChange={(event) => setRef(event.target.value)}
            placeholder="nginx:1.27-alpine or localhost:5000/team/app:v1"
            className="w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm"
          />
          {parsed && !parsed.ok && <p className="mt-1 text-xs text-red-700">{parsed.message}</p>}
          {parsed?.ok && <p className="mt-1 text-xs text-slate-500">Full name: {parsed.ref.normalized}</p>}
        </div>
        <div className="w-44">
          <label htmlFor="pull-platform" className="sr-only">
            Platform
          </label>
          <input
            id="pull-platform"
            value={platform}
            onChange={(event) => setPlatform(event.target.value)}
            placeholder="platform: this engine’s"
            title="Pull one platform of a multi-platform image, e.g. linux/arm64 or linux/arm/v7. Empty: the engine’s own platform."
            className="w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm"
          />
          {platformCheck && !platformCheck.ok && (
            <p className="mt-1 text-xs text-red-700">Write os/architecture[/variant], e.g. linux/arm64.</p>
          )}
          {platformCheck?.ok && <p className="mt-1 text-xs text-slate-500">Only {platform.trim()}</p>}
        </div>
        <button type="submit" disabled={!parsed?.ok || platformCheck?.ok === false || state.running} className={buttonClass.primary}>
          Pull
        </button>
      </form>
      <div className="mt-4">
        <TransferProgress state={state} verb="Pull" />
      </div>
      <div className="mt-4 flex justify-end gap-2">
        {state.done?.imageId && (
          <Link href={imageHref(state.done.imageId)} className={buttonClass.quiet} onClick={close}>
            Open image
          </Link>
        )}
        {state.running ? (
          <button type="button" onClick={cancel} className={buttonClass.danger}>
            Cancel pull
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
