'use client';
import { useState } from 'react';
import { PullDialog } from '@/components/transfer/pull-dialog';
import { UpdateBadge, updatesByTag } from '@/components/images/update-badge';
import { buttonClass } from '@/components/ui/modal';
import { useReadOnly } from '@/lib/queries/engine';
import { useCheckUpdatesNow, useImageUpdates } from '@/lib/queries/registries';

/** Each tag of this image that came from a registry, against what the registry's tag points at now. */
export function ImageUpdates({ tags }: { tags: string[] }) {
  const updates = useImageUpdates();
  const checkNow = useCheckUpdatesNow();
  const readOnly = useReadOnly();
  const [pulling, setPulling] = useState<string | null>(null);
  const byTag = updatesByTag(updates.data);
  const mine = tags.flatMap((tag) => byTag.get(tag) ?? []);
  if (mine.length === 0) return null;
  return (
    <div aria-label="Registry updates" className="mt-2 flex flex-wrap items-center gap-1.5 text-xs">
      {mine.map((update) => (
        <UpdateBadge key={update.tag} update={update} named onPull={readOnly ? undefined : setPulling} />
      ))}
      <button
        type="button"
        disabled={checkNow.isPending}
        onClick={() => checkNow.mutate()}
        className={`${buttonClass.quiet} !px-2 !py-0.5 !text-xs`}
      >
        {checkNow.isPending ? 'Asking the registries…' : 'Check now'}
      </button>
      {pulling && <PullDialog key={pulling} open initialRef={pulling} onClose={() => setPulling(null)} />}
    </div>
  );
}
