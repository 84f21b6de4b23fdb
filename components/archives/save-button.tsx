'use client';
// "Save as .tar" for one image or several: `docker save`, streamed from the engine to a file.
import { archiveFilename } from '@/lib/api/build';
import { ProgressBar } from '@/components/archives/progress-bar';
import { buttonClass } from '@/components/ui/modal';
import { useSaveArchive } from '@/lib/queries/archives';

export interface SaveButtonProps {
  /** Names keep their tags in the archive; a bare ID saves the image untagged. */
  refs: string[];
  label?: string;
}

export function SaveButton({ refs, label = 'Save as .tar' }: SaveButtonProps) {
  const { save, progress, state, error } = useSaveArchive();
  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        disabled={refs.length === 0 || state === 'saving'}
        onClick={() => void save(refs, archiveFilename(refs))}
        className={buttonClass.quiet}
      >
        {state === 'saving' ? 'Saving…' : label}
      </button>
      {state === 'saving' && progress && <ProgressBar label="Save progress" progress={progress} estimated />}
      {state === 'saved' && <span className="text-xs text-emerald-700">Saved.</span>}
      {state === 'handed-off' && <span className="text-xs text-slate-500">Downloading — your browser shows the progress.</span>}
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
