'use client';
// `docker save` for any set of local images: chosen by tag here, written as one .tar.
import { useMemo, useState } from 'react';
import { SaveButton } from '@/components/archives/save-button';
import { formatBytes } from '@/lib/format';
import { useImageList } from '@/lib/queries/images';

export function SaveCard() {
  const images = useImageList();
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const tags = useMemo(
    () =>
      (images.data?.images ?? [])
        .flatMap((image) => image.repoTags.map((tag) => ({ tag, size: image.size })))
        .sort((a, b) => a.tag.localeCompare(b.tag)),
    [images.data],
  );
  const shown = tags.filter((entry) => entry.tag.includes(filter.trim())).slice(0, 200);
  const toggle = (tag: string) =>
    setChosen((current) => (current.includes(tag) ? current.filter((item) => item !== tag) : [...current, tag]));

  return (
    <section aria-labelledby="save-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="save-heading" className="text-base font-semibold">
        Save images to a .tar
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        One archive with every layer the chosen images need (each shared layer once), their configs and tags — to copy to a machine without
        a registry and Load there. It streams from the engine as it is written.
      </p>
      <input
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        placeholder="Filter tags"
        aria-label="Filter tags to save"
        className="mt-3 w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
      />
      <ul aria-label="Tags to save" className="mt-2 max-h-48 overflow-auto rounded-md border border-slate-100 text-sm">
        {images.isPending && <li className="px-3 py-2 text-slate-500">Loading images…</li>}
        {!images.isPending && shown.length === 0 && (
          <li className="px-3 py-2 text-slate-500">No tagged image matches. Untagged images are saved from their own page.</li>
        )}
        {shown.map((entry) => (
          <li key={entry.tag} className="flex items-center justify-between px-3 py-1 hover:bg-slate-50">
            <label className="flex items-center gap-2 font-mono text-xs">
              <input type="checkbox" checked={chosen.includes(entry.tag)} onChange={() => toggle(entry.tag)} />
              {entry.tag}
            </label>
            <span className="text-xs text-slate-500">{formatBytes(entry.size)}</span>
          </li>
        ))}
      </ul>
      <div className="mt-3 flex items-start gap-3">
        <SaveButton refs={chosen} label={chosen.length > 1 ? `Save ${chosen.length} images` : 'Save as .tar'} />
        <p className="pt-1.5 text-xs text-slate-500">{chosen.length === 0 ? 'Choose one or more tags.' : chosen.join(', ')}</p>
      </div>
    </section>
  );
}
