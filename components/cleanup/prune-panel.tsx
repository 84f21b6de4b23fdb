'use client';
import type { PruneTarget } from '@/lib/api/prune';
import { BuildCachePanel } from '@/components/cleanup/build-cache-panel';
import { ImagePrunePanel } from '@/components/cleanup/image-prune-panel';
import { oneOf, useUrlState } from '@/lib/url-state';

const TARGETS: { value: PruneTarget; label: string; explain: string }[] = [
  {
    value: 'dangling',
    label: 'Dangling images',
    explain:
      'A dangling image has no tag and no image builds on it: usually what is left when a rebuild moves a tag (say app:dev) to a new image. This is `docker image prune`.',
  },
  {
    value: 'unused',
    label: 'Unused images',
    explain: 'Every image no container (running or stopped) was created from, tagged or not. This is `docker image prune -a`.',
  },
  {
    value: 'build-cache',
    label: 'Build cache',
    explain:
      'BuildKit keeps a cache record for each build step and each build context it was sent; `docker builder prune` removes those no image shares and no build is using (with “all”, every record no build is using).',
  },
];

const TARGET_VALUES = TARGETS.map((option) => option.value);

export function PrunePanel() {
  // The tab is in the URL (`/cleanup?tab=unused`): a link opens it, back returns to the last one.
  const url = useUrlState();
  const target: PruneTarget = oneOf(url.params.get('tab'), TARGET_VALUES, 'dangling');
  const setTarget = (next: PruneTarget) => url.set({ tab: next === 'dangling' ? null : next });
  const explain = TARGETS.find((option) => option.value === target)!.explain;
  return (
    <section aria-labelledby="prune-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="prune-heading" className="text-base font-semibold">
        Clean up
      </h2>
      <div role="tablist" aria-label="What to clean up" className="mt-3 inline-flex rounded-md border border-slate-300 p-0.5 text-sm">
        {TARGETS.map((option) => (
          <button
            key={option.value}
            role="tab"
            type="button"
            aria-selected={target === option.value}
            onClick={() => setTarget(option.value)}
            className={`rounded px-3 py-1 ${target === option.value ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-100'}`}
          >
            {option.label}
          </button>
        ))}
      </div>
      <p className="mt-3 max-w-3xl text-sm text-slate-600">{explain}</p>
      {/* A new tab (a click, or back/forward) starts from a fresh preview: each tab is its own component. */}
      {target === 'build-cache' ? <BuildCachePanel /> : <ImagePrunePanel key={target} target={target} />}
    </section>
  );
}
