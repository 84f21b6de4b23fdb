'use client';
import { useRouter } from 'next/navigation';
import { useEngineHref } from '@/components/ui/engine-link';
import { useState } from 'react';
import { SelectField } from '@/components/ui/fields';
import { useImageList } from '@/lib/queries/images';

export interface ComparePickerProps {
  imageId: string;
}

/** "Compare with…": pick another local image and open the side-by-side view. */
export function ComparePicker({ imageId }: ComparePickerProps) {
  const router = useRouter();
  const engineHref = useEngineHref();
  const { data } = useImageList();
  const [other, setOther] = useState('');
  const options = (data?.images ?? []).filter((image) => image.id !== imageId);
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (other) router.push(engineHref(`/images/compare?a=${encodeURIComponent(imageId)}&b=${encodeURIComponent(other)}`));
      }}
    >
      <SelectField
        id="compare-with"
        label="Compare with"
        labelClassName="text-sm text-slate-600"
        value={other}
        onChange={setOther}
        options={[
          { value: '', label: 'choose an image…' },
          ...options.map((image) => ({ value: image.id, label: image.repoTags[0] ?? `<none> ${image.shortId}` })),
        ]}
        className="max-w-72"
      />
      <button type="submit" disabled={!other} className="rounded-md bg-slate-900 px-3 py-1 text-sm text-white disabled:opacity-40">
        Compare
      </button>
    </form>
  );
}
