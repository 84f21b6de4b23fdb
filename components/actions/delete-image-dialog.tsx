'use client';
import { StrataError } from '@/lib/api/errors';
import type { ImageSummary } from '@/lib/api/images';
import { Modal, buttonClass } from '@/components/ui/modal';
import { freedPhrase } from '@/lib/size-words';
import { useDeleteImage } from '@/lib/queries/mutations';

export interface DeleteImageDialogProps {
  image: Pick<ImageSummary, 'id' | 'shortId' | 'repoTags' | 'uniqueSize' | 'contentSize'>;
  open: boolean;
  onClose: () => void;
  onDeleted: () => void;
}

export function DeleteImageDialog({ image, open, onClose, onDeleted }: DeleteImageDialogProps) {
  const remove = useDeleteImage();
  const conflict = remove.error instanceof StrataError && remove.error.code === 'conflict' ? remove.error : null;
  const canForce = conflict?.details?.canForce === true;
  const close = () => {
    remove.reset();
    onClose();
  };
  const run = (force: boolean) => remove.mutate({ image: image.id, force }, { onSuccess: onDeleted });
  return (
    <Modal open={open} title={`Delete image ${image.repoTags[0] ?? image.shortId}?`} onClose={close}>
      <p>
        Deletes {image.shortId}
        {image.repoTags.length > 0 ? ` and its tag${image.repoTags.length === 1 ? '' : 's'} ${image.repoTags.join(', ')}` : ''}. Layers no
        other image uses are removed from disk: about {freedPhrase(image)}.
      </p>
      {remove.isError && (
        <div role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-red-800">
          <p className="font-medium">The engine refused.</p>
          <p className="mt-1">{remove.error instanceof StrataError ? remove.error.message : 'Deleting failed.'}</p>
        </div>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" onClick={close} className={buttonClass.quiet}>
          Cancel
        </button>
        {canForce ? (
          <button type="button" disabled={remove.isPending} onClick={() => run(true)} className={buttonClass.danger}>
            Force delete
          </button>
        ) : (
          <button
            type="button"
            disabled={remove.isPending || (conflict !== null && !canForce)}
            onClick={() => run(false)}
            className={buttonClass.danger}
          >
            {remove.isPending ? 'Deleting…' : 'Delete image'}
          </button>
        )}
      </div>
    </Modal>
  );
}
