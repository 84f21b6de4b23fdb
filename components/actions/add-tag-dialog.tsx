'use client';
import { useState } from 'react';
import type { ImageSummary } from '@/lib/api/images';
import { StrataError } from '@/lib/api/errors';
import { Modal, buttonClass } from '@/components/ui/modal';
import { useImageList } from '@/lib/queries/images';
import { useAddTag } from '@/lib/queries/mutations';
import { parseReference } from '@/lib/reference';

export interface AddTagDialogProps {
  image: Pick<ImageSummary, 'id' | 'shortId' | 'repoTags'>;
  open: boolean;
  onClose: () => void;
}

/** What typing a tag means before anything is sent: valid or not (and why), its full name, and whom it moves from. */
function usePreview(value: string, imageId: string) {
  const { data } = useImageList();
  if (value.trim() === '') return null;
  const parsed = parseReference(value);
  if (!parsed.ok) return { ok: false as const, message: parsed.message };
  if (parsed.ref.digest) return { ok: false as const, message: 'A tag cannot include a digest (@sha256:…).' };
  const familiar = parsed.ref.familiar;
  const owner = data?.images.find((candidate) => candidate.repoTags.includes(familiar));
  let move: string | null = null;
  if (owner?.id === imageId) move = 'This image already has that tag.';
  else if (owner) {
    // Its last tag leaving makes it untagged; the server confirms "dangling" (it also knows about children).
    const dangling = owner.repoTags.length === 1;
    move = `This tag now points at ${owner.shortId}; it will move here${dangling ? `, and ${owner.shortId} will be left with no tag (dangling)` : ''}.`;
  }
  return { ok: true as const, normalized: parsed.ref.normalized, familiar, move, same: owner?.id === imageId };
}

export function AddTagDialog({ image, open, onClose }: AddTagDialogProps) {
  const [value, setValue] = useState('');
  const preview = usePreview(value, image.id);
  const addTag = useAddTag();
  const close = () => {
    setValue('');
    addTag.reset();
    onClose();
  };
  return (
    <Modal open={open} title={`Add a tag to ${image.repoTags[0] ?? image.shortId}`} onClose={close}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (preview?.ok && !preview.same) addTag.mutate({ image: image.id, ref: value.trim() });
        }}
      >
        <label htmlFor="new-tag" className="block font-medium">
          New tag
        </label>
        <input
          id="new-tag"
          autoFocus
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            addTag.reset();
          }}
          placeholder="registry:5000/team/app:v2"
          aria-describedby="new-tag-help"
          aria-invalid={preview?.ok === false}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-200"
        />
        <div id="new-tag-help" aria-live="polite" className="mt-2 min-h-10 text-sm">
          {preview === null && (
            <p className="text-slate-500">A tag is [registry/]name[:tag]; the name is lowercase, the tag defaults to “latest”.</p>
          )}
          {preview?.ok === false && <p className="text-red-700">{preview.message}</p>}
          {preview?.ok && (
            <>
              <p>
                Full name: <code className="font-mono text-xs">{preview.normalized}</code>
              </p>
              {preview.move && <p className="mt-1 text-amber-800">{preview.move}</p>}
            </>
          )}
        </div>
        {addTag.isSuccess && (
          <p role="status" className="mt-2 text-emerald-700">
            Tagged {addTag.data.tag}.
            {addTag.data.movedFrom &&
              ` It moved from ${addTag.data.movedFrom.shortId}${addTag.data.movedFrom.becameDangling ? ', which is now dangling' : ''}.`}
          </p>
        )}
        {addTag.isError && (
          <p role="alert" className="mt-2 text-red-700">
            {addTag.error instanceof StrataError ? addTag.error.message : 'Tagging failed.'}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={close} className={buttonClass.quiet}>
            {addTag.isSuccess ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" disabled={!preview?.ok || preview.same || addTag.isPending} className={buttonClass.primary}>
            {addTag.isPending ? 'Tagging…' : 'Add tag'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
