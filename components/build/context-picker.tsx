'use client';
// Where the build's files come from: none (a Dockerfile alone), a folder, or a .tar of one. A folder's
// Dockerfile is offered to the editor, since that is what a person would build.
import { useId } from 'react';
import { formatBytes } from '@/lib/format';

export type BuildContext =
  { kind: 'none' } | { kind: 'folder'; name: string; files: { path: string; file: File }[] } | { kind: 'tar'; file: File };

export interface ContextPickerProps {
  context: BuildContext;
  onChange: (context: BuildContext, dockerfile?: string) => void;
}

/** Files from a folder picker carry `webkitRelativePath` (`app/src/x.js`); the folder's own name goes. */
export function folderFiles(list: FileList): { name: string; files: { path: string; file: File }[] } {
  const files = Array.from(list).map((file) => {
    const relative = file.webkitRelativePath || file.name;
    const slash = relative.indexOf('/');
    return { path: slash >= 0 ? relative.slice(slash + 1) : relative, file };
  });
  const first = list[0]?.webkitRelativePath ?? '';
  return { name: first.includes('/') ? first.slice(0, first.indexOf('/')) : 'folder', files };
}

export function ContextPicker({ context, onChange }: ContextPickerProps) {
  const folderId = useId();
  const tarId = useId();
  const size =
    context.kind === 'folder'
      ? context.files.reduce((sum, entry) => sum + entry.file.size, 0)
      : context.kind === 'tar'
        ? context.file.size
        : 0;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Build context</legend>
      <p className="text-xs text-slate-500">
        The files COPY and ADD can read. Paths listed in the context&apos;s .dockerignore are left out, as the docker CLI does.
      </p>
      <div className="flex flex-wrap gap-2 text-sm">
        <button
          type="button"
          onClick={() => onChange({ kind: 'none' })}
          aria-pressed={context.kind === 'none'}
          className={chip(context.kind === 'none')}
        >
          Dockerfile only
        </button>
        <label htmlFor={folderId} className={`${chip(context.kind === 'folder')} cursor-pointer`}>
          Choose a folder…
        </label>
        <input
          id={folderId}
          type="file"
          multiple
          className="sr-only"
          aria-label="Build context folder"
          {...{ webkitdirectory: '', directory: '' }}
          onChange={async (event) => {
            const list = event.target.files;
            if (!list || list.length === 0) return;
            const folder = folderFiles(list);
            const dockerfile = folder.files.find((entry) => entry.path === 'Dockerfile');
            onChange({ kind: 'folder', ...folder }, dockerfile ? await dockerfile.file.text() : undefined);
            event.target.value = '';
          }}
        />
        <label htmlFor={tarId} className={`${chip(context.kind === 'tar')} cursor-pointer`}>
          Choose a .tar…
        </label>
        <input
          id={tarId}
          type="file"
          accept=".tar,.tar.gz,.tgz,application/x-tar,application/gzip"
          className="sr-only"
          aria-label="Build context archive"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) onChange({ kind: 'tar', file });
            event.target.value = '';
          }}
        />
      </div>
      <p className="text-xs text-slate-600" aria-live="polite">
        {context.kind === 'none' && 'No files: the build can use FROM, RUN and the like, but COPY has nothing to copy.'}
        {context.kind === 'folder' &&
          `Folder “${context.name}”: ${context.files.length.toLocaleString('en-US')} files, ${formatBytes(size)}.`}
        {context.kind === 'tar' &&
          `Archive “${context.file.name}”, ${formatBytes(size)}. The editor's Dockerfile replaces the one inside it.`}
      </p>
    </fieldset>
  );
}

function chip(active: boolean): string {
  return `rounded-md border px-3 py-1.5 ${active ? 'border-slate-900 bg-slate-900 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`;
}
