'use client';
// `docker load`: an archive made by `docker save` (here or elsewhere) goes back into the engine, with its tags.
import { useState } from 'react';
import Link from '@/components/ui/engine-link';
import { UploadStatus } from '@/components/archives/progress-bar';
import { imageHref } from '@/components/images/image-href';
import { buttonClass } from '@/components/ui/modal';
import { useLoadArchive } from '@/lib/queries/archives';
import { imagePathSegment } from '@/lib/reference';

export function LoadCard({ disabled }: { disabled: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const { load: start, progress, running, error, data } = useLoadArchive();
  const { lines, loaded } = data;

  const load = async () => {
    if (file) await start(file);
  };

  return (
    <section aria-labelledby="load-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="load-heading" className="text-base font-semibold">
        Load an image archive
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        A <code className="font-mono text-xs">.tar</code> made by <code className="font-mono text-xs">docker save</code> (or Save here)
        holds whole images: their layers, config and tags. Loading it brings them back exactly, with the same image IDs.
      </p>
      <div className="mt-3 flex items-center gap-3">
        <input
          type="file"
          aria-label="Image archive to load"
          accept=".tar,application/x-tar"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          className="text-sm"
        />
        <button type="button" disabled={disabled || !file || running} onClick={() => void load()} className={buttonClass.primary}>
          {running ? 'Loading…' : 'Load'}
        </button>
      </div>
      <UploadStatus running={running} progress={progress} error={error?.message ?? null} />
      {lines.length > 0 && (
        <pre className="mt-3 max-h-40 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs text-slate-100">{lines.join('\n')}</pre>
      )}
      {loaded && (
        <div className="mt-3 text-sm">
          <p className="font-medium text-emerald-800">
            Loaded {loaded.length} {loaded.length === 1 ? 'image' : 'images'}:
          </p>
          <ul className="mt-1 list-disc pl-5">
            {loaded.map((name) => (
              <li key={name}>
                <Link
                  href={name.startsWith('sha256:') ? imageHref(name) : `/images/${imagePathSegment(name)}`}
                  className="font-mono text-xs text-sky-700 hover:underline"
                >
                  {name}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
