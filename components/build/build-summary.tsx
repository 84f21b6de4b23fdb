'use client';
// After a build: how much came from the cache, where the cache broke and why, and where to go next.
import Link from '@/components/ui/engine-link';
import type { BuildSummary } from '@/lib/api/build';
import { imageHref } from '@/components/images/image-href';
import { formatDuration } from '@/components/build/build-steps';
import { formatBytes } from '@/lib/format';

export interface BuildSummaryCardProps {
  summary: BuildSummary;
}

function stepList(numbers: number[]): string {
  if (numbers.length === 0) return '';
  const first = numbers[0] as number;
  const last = numbers[numbers.length - 1] as number;
  return numbers.length === last - first + 1 && numbers.length > 2 ? `${first}–${last}` : numbers.join(', ');
}

export function BuildSummaryCard({ summary }: BuildSummaryCardProps) {
  const name = summary.tags[0] ?? (summary.imageId ? summary.imageId.slice(7, 19) : 'the image');
  const counted = summary.cached + summary.built;
  return (
    <section aria-label="Build result" className="rounded-lg border border-emerald-200 bg-white p-4 text-sm">
      <h2 className="text-base font-semibold text-slate-900">
        Built {name} in {formatDuration(summary.durationMs)}
      </h2>
      <p className="mt-1 text-slate-700">
        {summary.cached} of {counted} {counted === 1 ? 'step' : 'steps'} came from the build cache, {summary.built}{' '}
        {summary.built === 1 ? 'was' : 'were'} built.
        {summary.skipped > 0 &&
          ` ${summary.skipped} ${summary.skipped === 1 ? 'step' : 'steps'} of stages the target does not need ${summary.skipped === 1 ? 'was' : 'were'} skipped.`}
      </p>
      {summary.cacheBreak ? (
        <div className="mt-3 rounded-md bg-amber-50 p-3 text-amber-900">
          <p>
            <span className="font-medium">The cache broke at step {summary.cacheBreak.step}</span>,{' '}
            <code className="font-mono text-xs">{summary.cacheBreak.instruction}</code>: {summary.cacheBreak.reason}
          </p>
          {summary.cacheBreak.rebuilt.length > 0 && (
            <p className="mt-1">
              {summary.cacheBreak.rebuilt.length === 1 ? 'Step' : 'Steps'} {stepList(summary.cacheBreak.rebuilt)}{' '}
              {summary.cacheBreak.rebuilt.length === 1 ? 'was' : 'were'} rebuilt because of it. Steps that change rarely belong above the
              ones that change often, so a rebuild reuses them.
            </p>
          )}
        </div>
      ) : (
        <p className="mt-3 rounded-md bg-emerald-50 p-3 text-emerald-900">
          Every step came from the cache: nothing the build reads had changed.
        </p>
      )}
      <p className="mt-3 text-xs text-slate-500">
        Built by the engine&apos;s {summary.builder}. Sent {summary.contextFiles.toLocaleString('en-US')}{' '}
        {summary.contextFiles === 1 ? 'file' : 'files'} ({formatBytes(summary.contextBytes)} as tar)
        {summary.ignoredFiles > 0 ? `; ${summary.ignoredFiles.toLocaleString('en-US')} left out by .dockerignore` : ''}.
        {summary.networkNote && ` ${summary.networkNote}`}
      </p>
      {summary.imageId && (
        <Link href={imageHref(summary.imageId)} className="mt-3 inline-block text-sm font-medium text-sky-700 hover:underline">
          Open {name}&apos;s layer timeline →
        </Link>
      )}
    </section>
  );
}
