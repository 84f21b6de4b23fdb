'use client';
import { useEffect, useRef, useState } from 'react';
import Link from '@/components/ui/engine-link';
import { buttonClass } from '@/components/ui/modal';
import { TextField } from '@/components/ui/fields';
import { TransferDialog } from '@/components/transfer/transfer-dialog';
import { imageHref } from '@/components/images/image-href';
import { useTransfer } from '@/lib/queries/transfer';
import { parseReference } from '@/lib/reference';
import { parsePlatform } from '@/lib/api/platform';

export interface PullDialogProps {
  open: boolean;
  onClose: () => void;
  /** Pre-filled reference (from a Docker Hub or registry tag); the dialog starts pulling at once. */
  initialRef?: string;
  /** With `initialRef`: pull only this platform (os/architecture[/variant]) of a multi-platform image. */
  initialPlatform?: string;
}

export function PullDialog({ open, onClose, initialRef = '', initialPlatform = '' }: PullDialogProps) {
  const [ref, setRef] = useState(initialRef);
  // Empty: the engine's own platform. Otherwise os/architecture[/variant], checked as the server checks it.
  const [platform, setPlatform] = useState(initialPlatform);
  const platformCheck = platform.trim() ? parsePlatform(platform.trim()) : null;
  const transfer = useTransfer();
  const { state, start } = transfer;
  const parsed = ref.trim() ? parseReference(ref) : null;
  // Opened from a Hub tag's Pull button: the choice is made, so start right away (once).
  const started = useRef(false);
  useEffect(() => {
    if (open && initialRef && !started.current) {
      started.current = true;
      void start('/api/pull', { ref: initialRef, ...(initialPlatform ? { platform: initialPlatform } : {}) });
    }
  }, [open, initialRef, initialPlatform, start]);
  return (
    <TransferDialog
      open={open}
      title="Pull an image"
      verb="Pull"
      transfer={transfer}
      onClose={onClose}
      actions={(close) =>
        state.done?.imageId && (
          <Link href={imageHref(state.done.imageId)} className={buttonClass.quiet} onClick={close}>
            Open image
          </Link>
        )
      }
    >
      <form
        className="flex items-start gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (parsed?.ok && platformCheck?.ok !== false)
            void start('/api/pull', { ref: ref.trim(), ...(platformCheck?.ok ? { platform: platform.trim() } : {}) });
        }}
      >
        <TextField
          id="pull-ref"
          label="Image to pull"
          hiddenLabel
          value={ref}
          onChange={setRef}
          placeholder="nginx:1.27-alpine or localhost:5000/team/app:v1"
          error={parsed && !parsed.ok ? parsed.message : null}
          hint={parsed?.ok ? `Full name: ${parsed.ref.normalized}` : null}
          className="flex-1"
        />
        <TextField
          id="pull-platform"
          label="Platform"
          hiddenLabel
          value={platform}
          onChange={setPlatform}
          placeholder="platform: this engine’s"
          title="Pull one platform of a multi-platform image, e.g. linux/arm64 or linux/arm/v7. Empty: the engine’s own platform."
          error={platformCheck && !platformCheck.ok ? 'Write os/architecture[/variant], e.g. linux/arm64.' : null}
          hint={platformCheck?.ok ? `Only ${platform.trim()}` : null}
          className="w-44"
        />
        <button type="submit" disabled={!parsed?.ok || platformCheck?.ok === false || state.running} className={buttonClass.primary}>
          Pull
        </button>
      </form>
    </TransferDialog>
  );
}
