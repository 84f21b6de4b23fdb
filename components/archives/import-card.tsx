'use client';
// `docker import`: a root filesystem tarball (what `docker export` or a distro's rootfs download gives)
// becomes a one-layer image with no history, optionally with CMD, ENV or WORKDIR set.
import { useState } from 'react';
import Link from '@/components/ui/engine-link';
import { UploadStatus } from '@/components/archives/progress-bar';
import { imageHref } from '@/components/images/image-href';
import { buttonClass } from '@/components/ui/modal';
import type { ImportResult } from '@/lib/api/build';
import { IMPORT_CHANGE } from '@/lib/api/build';
import { useUpload } from '@/lib/queries/archives';
import { parseReference } from '@/lib/reference';

export function ImportCard({ disabled }: { disabled: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const [tag, setTag] = useState('');
  const [changes, setChanges] = useState('CMD ["/bin/sh"]');
  const [result, setResult] = useState<ImportResult | null>(null);
  const { send, progress, running, error } = useUpload();

  const parsedTag = tag.trim() ? parseReference(tag.trim()) : null;
  const changeLines = changes
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const badChange = changeLines.find((line) => !IMPORT_CHANGE.test(line));
  const problem =
    (parsedTag && !parsedTag.ok ? parsedTag.message : null) ??
    (badChange ? `“${badChange}” is not one of CMD, ENTRYPOINT, ENV, WORKDIR, EXPOSE, USER, LABEL, STOPSIGNAL, VOLUME.` : null);

  const run = async () => {
    if (!file || problem) return;
    const query = new URLSearchParams();
    if (tag.trim()) query.set('tag', tag.trim());
    for (const line of changeLines) query.append('change', line);
    setResult(null);
    setResult(await send(`/api/images/import?${query}`, file, (text) => JSON.parse(text) as ImportResult));
  };

  return (
    <section aria-labelledby="import-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="import-heading" className="text-base font-semibold">
        Import a root filesystem
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        A tarball of a filesystem (<code className="font-mono text-xs">.tar</code>, <code className="font-mono text-xs">.tar.gz</code>,{' '}
        <code className="font-mono text-xs">.tar.xz</code>) becomes a new image with a single layer and no build history — the way base
        images start.
      </p>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <label className="text-sm">
          <span className="font-medium text-slate-800">Root filesystem tarball</span>
          <input
            type="file"
            aria-label="Root filesystem tarball"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            className="mt-1 block text-sm"
          />
        </label>
        <label className="text-sm">
          <span className="font-medium text-slate-800">Tag (optional)</span>
          <input
            value={tag}
            onChange={(event) => setTag(event.target.value)}
            placeholder="my-base:1"
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm"
          />
        </label>
        <label className="text-sm sm:col-span-2">
          <span className="font-medium text-slate-800">Config changes, one per line</span>
          <textarea
            rows={3}
            value={changes}
            onChange={(event) => setChanges(event.target.value)}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm"
          />
        </label>
      </div>
      {problem && <p className="mt-1 text-xs text-red-700">{problem}</p>}
      <button
        type="button"
        disabled={disabled || !file || running || problem !== null}
        onClick={() => void run()}
        className={`${buttonClass.primary} mt-3`}
      >
        {running ? 'Importing…' : 'Import'}
      </button>
      <UploadStatus running={running} progress={progress} error={error} />
      {result && (
        <p className="mt-3 text-sm text-emerald-800">
          Imported as{' '}
          <Link href={imageHref(result.id)} className="font-mono text-xs text-sky-700 hover:underline">
            {result.tags[0] ?? result.id.slice(0, 19)}
          </Link>
          .
        </p>
      )}
    </section>
  );
}
