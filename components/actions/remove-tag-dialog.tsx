'use client';
import { StrataError } from '@/lib/api/errors';
import type { ImageSummary } from '@/lib/api/images';
import { Modal, buttonClass } from '@/components/ui/modal';
import { freedPhrase } from '@/lib/size-words';
import { useRemoveTag } from '@/lib/queries/mutations';

export interface RemoveTagDialogProps {
  image: Pick<ImageSummary, 'id' | 'shortId' | 'repoTags' | 'uniqueSize' | 'contentSize' | 'containers'>;
  tag: string | null;
  onClose: () => void;
  onImageGone?: () => void;
  /** The tag is gone but the image stays. */
  onRemoved?: (tag: string) => void;
}

export function RemoveTagDialog({ image, tag, onClose, onImageGone, onRemoved }: RemoveTagDialogProps) {
  const remove = useRemoveTag();
  const last = image.repoTags.length === 1;
  const conflict = remove.error instanceof StrataError && remove.error.code === 'conflict' ? remove.error : null;
  const close = () => {
    remove.reset();
    onClose();
  };
  const run = (force: boolean) =>
    tag &&
    remove.mutate(
      { tag, force },
      {
        onSuccess: (result) => {
          if (result.deletedImages.includes(image.id)) onImageGone?.();
          else {
            onRemoved?.(tag);
            close();
          }
        },
      },
    );
  return (
    <Modal open={tag !== null} title={`Remove the tag ${tag ?? ''}?`} onClose={close}>
      {last ? (
        <p>
          This is the <strong>last tag</strong> of {image.shortId}. A tag is only a name; without one, Docker deletes the image too (freeing
          about {freedPhrase(image)}){image.containers > 0 ? ' — unless a container uses it, in which case the engine refuses' : ''}.
        </p>
      ) : (
        <p>
          Only the name goes: the image {image.shortId} stays, with {image.repoTags.filter((other) => other !== tag).join(', ')}.
        </p>
      )}
      {remove.isError && (
        <p role="alert" className="mt-3 text-red-700">
          {remove.error instanceof StrataError ? remove.error.message : 'Removing the tag failed.'}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" onClick={close} className={buttonClass.quiet}>
          Cancel
        </button>
        {conflict?.details?.canForce === true ? (
          <button type="button" onClick={() => run(true)} className={buttonClass.danger}>
            Remove just the tag (force)
          </button>
        ) : (
          <button type="button" disabled={remove.isPending} onClick={() => run(false)} className={buttonClass.danger}>
            {last ? 'Remove tag and delete image' : 'Remove tag'}
          </button>
        )}
      </div>
    </Modal>
  );
}
