'use client';
import { StrataError } from '@/lib/api/errors';
import { buttonClass, Modal } from '@/components/ui/modal';
import { shortId } from '@/lib/format';
import { useDeleteRegistryTag, useTagDeletePreview } from '@/lib/queries/registries';

export interface DeleteTagDialogProps {
  server: string;
  repository: string;
  tag: string;
  onClose: () => void;
}

/**
 * A registry deletes a manifest, not a tag: the preview names every tag that goes with it, and the
 * delete names the digest the preview showed, so a tag moved since changes nothing.
 */
export function DeleteTagDialog({ server, repository, tag, onClose }: DeleteTagDialogProps) {
  const remove = useDeleteRegistryTag(server, repository);
  // Once deleted, the tag has no preview to ask for: the dialog says what was done.
  const preview = useTagDeletePreview(server, repository, remove.isSuccess ? null : tag);
  const goes = preview.data?.goes ?? [];
  const others = goes.filter((name) => name !== tag);
  const message = (error: unknown) => (error instanceof StrataError ? error.message : 'Something unexpected went wrong.');
  return (
    <Modal open title={`Delete ${repository}:${tag}?`} onClose={onClose}>
      {remove.isSuccess ? (
        <p role="status" className="text-emerald-800">
          Deleted {remove.data.deleted.join(', ')} (image {shortId(remove.data.digest)}) from {server}.
        </p>
      ) : preview.error ? (
        <p role="alert" className="text-red-700">
          {message(preview.error)}
        </p>
      ) : !preview.data ? (
        <p role="status">Asking the registry what points at this tag’s image…</p>
      ) : (
        <div className="space-y-2">
          <p>
            The registry deletes the image <code className="font-mono text-xs">{shortId(preview.data.digest)}</code> that {tag} points to,
            and with it every tag on that image.
          </p>
          <p>
            {others.length === 0 ? (
              'No other tag points to it.'
            ) : (
              <>
                Also deleted: <strong className="font-mono">{others.join(', ')}</strong>.
              </>
            )}
          </p>
          <p className="text-xs text-slate-500">
            Images already pulled to an engine stay there. The registry frees the space at its next garbage collection.
          </p>
          {remove.isError && (
            <p role="alert" className="text-red-700">
              {message(remove.error)}
            </p>
          )}
        </div>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" onClick={onClose} className={buttonClass.quiet}>
          {remove.isSuccess ? 'Close' : 'Cancel'}
        </button>
        {preview.data && !remove.isSuccess && (
          <button
            type="button"
            disabled={remove.isPending}
            onClick={() => remove.mutate({ tag, digest: preview.data.digest })}
            className={buttonClass.danger}
          >
            {remove.isPending ? 'Deleting…' : `Delete ${goes.length} tag${goes.length === 1 ? '' : 's'}`}
          </button>
        )}
      </div>
    </Modal>
  );
}
