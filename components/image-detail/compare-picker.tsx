'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useImageList } from '@/lib/queries/images';

export interface ComparePickerProps {
  imageId: string;
}

/** "Compare with…": pick another local image and open the side-by-side view. */
export function ComparePicker({ imageId }: ComparePickerProps) {
  const router = useRouter();
  const { data } = useImageList();
  const [other, setOther] = useState('');
  const options = (data?.images ?? []).filter((image) => image.id !== imageId);
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (other) router.push(`/images/compare?a=${encodeURIComponent(imageId)}&b=${encodeURIComponent(other)}`);
      }}
    >
      <label htmlFor="compare-with" className="text-sm text-slate-600">
        Compare with
      </label>
      <select
        id="compare-with"
        value={other}
        onChange={(event) => setOther(event.target.value)}
        className="max-w-72 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        <option value="">choose an image…</option>
        {options.map((image) => (
          <option key={image.id} value={image.id}>
            {image.repoTags[0] ?? `<none> ${image.shortId}`}
          </option>
        ))}
      </select>
      <button type="submit" disabled={!other} className="rounded-md bg-slate-900 px-3 py-1 text-sm text-white disabled:opacity-40">
        Compare
      </button>
    </form>
  );
}
