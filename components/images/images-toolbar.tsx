'use client';
import type { QuickFilter } from '@/components/images/image-table-model';

const QUICK: { value: QuickFilter; label: string; title: string }[] = [
  { value: 'all', label: 'All', title: 'Every image' },
  { value: 'dangling', label: 'Dangling', title: 'Untagged images that no other image builds on: usually leftovers of a rebuild' },
  { value: 'unused', label: 'Unused', title: 'No container, running or stopped, was created from them' },
  { value: 'in-use', label: 'In use', title: 'At least one container, running or stopped, uses them' },
];

export interface ImagesToolbarProps {
  text: string;
  onText: (text: string) => void;
  quick: QuickFilter;
  onQuick: (quick: QuickFilter) => void;
  counts: Record<QuickFilter, number>;
  perTag: boolean;
  onPerTag: (perTag: boolean) => void;
  intermediates: boolean;
  onIntermediates: (intermediates: boolean) => void;
}

export function ImagesToolbar({
  text,
  onText,
  quick,
  onQuick,
  counts,
  perTag,
  onPerTag,
  intermediates,
  onIntermediates,
}: ImagesToolbarProps) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <input
        type="search"
        value={text}
        onChange={(event) => onText(event.target.value)}
        placeholder="Filter by tag, ID or label (app=web)"
        aria-label="Filter images"
        className="w-80 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-200"
      />
      <div role="group" aria-label="Quick filters" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 text-sm">
        {QUICK.map((option) => (
          <button
            key={option.value}
            type="button"
            title={option.title}
            aria-pressed={quick === option.value}
            onClick={() => onQuick(option.value)}
            className={`rounded px-2.5 py-1 ${quick === option.value ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-100'}`}
          >
            {option.label} <span className="tabular-nums opacity-70">{counts[option.value]}</span>
          </button>
        ))}
      </div>
      <label
        className="ml-auto inline-flex cursor-pointer items-center gap-2 text-sm text-slate-600"
        title="Also list the untagged images a legacy build (docker build without BuildKit) leaves for each step, which later images are built on: what docker image ls -a adds"
      >
        <input
          type="checkbox"
          checked={intermediates}
          onChange={(event) => onIntermediates(event.target.checked)}
          className="h-4 w-4 accent-slate-900"
        />
        Show intermediate images
      </label>
      <label className="inline-flex cursor-pointer items-center gap-2 text-sm text-slate-600">
        <input type="checkbox" checked={perTag} onChange={(event) => onPerTag(event.target.checked)} className="h-4 w-4 accent-slate-900" />
        One row per tag
      </label>
    </div>
  );
}
