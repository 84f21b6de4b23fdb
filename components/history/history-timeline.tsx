import Link from '@/components/ui/engine-link';
import { Fragment } from 'react';
import type { HistoryResponse } from '@/lib/api/history';
import { isIntermediateStep, StepRow } from '@/components/history/step-row';
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
  const hasIntermediates = steps.some((step) => isIntermediateStep(step, history.image.id));
  const baseName = base ? (base.repoTags[0] ?? base.shortId) : null;
  // A foreign platform (arm64 on an amd64 host) is stored but never unpacked: the engine sizes no step.
  const notUnpacked = history.image.platform !== undefined && history.image.unpackedSize === 0;
  return (
    <section aria-labelledby="timeline-heading" className="rounded-lg border border-slate-200 bg-white">
      <div className="p-5 pb-3">
        <h2 id="timeline-heading" className="text-base font-semibold">
          Layer history
          {history.image.platform && (
            <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 font-mono text-xs font-normal text-sky-800">
              {history.image.platform}
            </span>
          )}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Each Dockerfile step, oldest first. Steps that change files make a layer; the others (ENV, LABEL, CMD, …) only change metadata and
          add no bytes.{' '}
          {history.image.unpackedSize !== null &&
            'On this engine (containerd image store) a layer’s size is the disk its unpacked snapshot takes, in whole filesystem blocks, so even a layer that adds no file shows a few kB. '}
          {notUnpacked &&
            `${history.image.platform} is stored on this engine but not unpacked (it is not the engine’s own platform), so the engine gives its steps no size; “Analyse layers” reads their files from the stored content. `}
          {builtElsewhere &&
            '“No local image” is what docker history prints as <missing>: the step was pulled, built by BuildKit, or its intermediate image was deleted (a prune does that; on the containerd image store a plain prune deletes every intermediate) — not an error.'}
          {hasIntermediates &&
            ' An “intermediate image” is the untagged image a legacy build (docker build without BuildKit) kept for that step; the images list shows these with “Show intermediate images”.'}
        </p>
        {history.mapping === 'unknown' && (
          <p className="mt-1 text-xs text-amber-800">
            Which step made which layer could not be worked out for this image, so layers are not matched to steps.
          </p>
        )}
        {history.mapping === 'config' && (
          <p className="mt-1 text-xs text-slate-500">
            Steps were matched to layers with the image config’s empty-layer flags, because the history alone was ambiguous.
          </p>
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
                  <Link href={imageHref(base.id)} className="font-mono text-sky-700 hover:underline">
                    {baseName}
                  </Link>{' '}
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
              <StepRow step={step} largest={largest} reveal={reveal} related={related} imageId={history.image.id} unsized={notUnpacked} />
            </Fragment>
          );
        })}
      </ol>
    </section>
  );
}
