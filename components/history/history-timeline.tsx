import Link from 'next/link';
import { Fragment } from 'react';
import type { HistoryResponse } from '@/lib/api/history';
import { StepRow } from '@/components/history/step-row';
import { imageHref } from '@/components/images/image-href';
import { formatBytes, formatRelative } from '@/lib/format';

export interface HistoryTimelineProps {
  history: HistoryResponse;
  reveal: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** "3 months later": the time between two steps when it is more than a day. */
function gapLabel(from: string, to: string): string | null {
  const gap = new Date(to).getTime() - new Date(from).getTime();
  if (gap < DAY_MS) return null;
  return formatRelative(from, new Date(to)).replace(/ ago$/, ' later');
}

export function HistoryTimeline({ history, reveal }: HistoryTimelineProps) {
  const { steps, base, related } = history;
  const largest = Math.max(0, ...steps.map((step) => step.size));
  const builtElsewhere = steps.some((step) => step.imageId === null);
  const baseName = base ? (base.repoTags[0] ?? base.shortId) : null;
  return (
    <section aria-labelledby="timeline-heading" className="rounded-lg border border-slate-200 bg-white">
      <div className="p-5 pb-3">
        <h2 id="timeline-heading" className="text-base font-semibold">Layer history</h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Each Dockerfile step, oldest first. Steps that change files make a layer; the others (ENV, LABEL, CMD, …) only change
          metadata and add no bytes.{' '}
          {history.image.unpackedSize !== null &&
            'On this engine (containerd image store) a layer’s size is the disk its unpacked snapshot takes, in whole filesystem blocks, so even a layer that adds no file shows a few kB. '}
          {builtElsewhere && '“Built elsewhere” is what docker history prints as <missing>: the step was pulled or built by BuildKit, so no local image exists for it — not an error.'}
        </p>
        {history.mapping === 'unknown' && (
          <p className="mt-1 text-xs text-amber-800">Which step made which layer could not be worked out for this image, so layers are not matched to steps.</p>
        )}
        {history.mapping === 'config' && (
          <p className="mt-1 text-xs text-slate-500">Steps were matched to layers with the image config’s empty-layer flags, because the history alone was ambiguous.</p>
        )}
      </div>
      <ol aria-label="Build steps" className="border-t border-slate-100">
        {steps.map((step, i) => {
          const previous = steps[i - 1];
          const gap = previous ? gapLabel(previous.created, step.created) : null;
          return (
            <Fragment key={step.index}>
              {base && i === 0 && (
                <li aria-label="Base image" className="flex items-center gap-2 bg-slate-100 px-3 py-1.5 text-xs text-slate-700">
                  <span className="font-semibold">FROM</span>{' '}
                  <Link href={imageHref(base.id)} className="font-mono text-sky-700 hover:underline">{baseName}</Link>{' '}
                  <span>
                    — {base.layerCount} layer{base.layerCount === 1 ? '' : 's'}, {formatBytes(base.size)}, {base.stepCount} steps
                  </span>
                </li>
              )}
              {base && i === base.stepCount && (
                <li aria-label="This image's own steps" className="bg-sky-50 px-3 py-1.5 text-xs font-semibold text-sky-900">
                  This image’s own steps, on top of {baseName}
                </li>
              )}
              {gap && (
                <li className="px-3 py-1 text-center text-xs italic text-amber-700" aria-label={`Gap: ${gap}`}>
                  ⋯ {gap} ⋯
                </li>
              )}
              <StepRow step={step} largest={largest} reveal={reveal} related={related} />
            </Fragment>
          );
        })}
      </ol>
    </section>
  );
}
