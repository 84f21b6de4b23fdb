'use client';
import Link from '@/components/ui/engine-link';
import { useState } from 'react';
import type { HistoryStep, ImageBrief } from '@/lib/api/history';
import { InstructionBadge } from '@/components/history/instruction-badge';
import { imageHref } from '@/components/images/image-href';
import { formatBytes, formatDateTime, formatRelative, shortId } from '@/lib/format';
import { redactCommand } from '@/lib/secrets';

export interface StepRowProps {
  step: HistoryStep;
  largest: number;
  reveal: boolean;
  related: Record<string, ImageBrief>;
  /** The platform shown is stored but not unpacked here: a 0 is "no size on this engine", not an empty layer. */
  unsized?: boolean;
  /** The image whose history this is (its own top step names it). */
  imageId: string;
}

/**
 * A step whose image is still on this engine but has no tag: an intermediate image of a legacy build
 * (a tagged step is a base image; the image's own step is the image itself).
 */
export const isIntermediateStep = (step: HistoryStep, imageId: string) =>
  step.imageId !== null && step.imageId !== imageId && step.tags.length === 0;

// Steps that write files but, this time, wrote none: the engine recorded no layer for them.
const FILE_STEPS = new Set(['RUN', 'COPY', 'ADD']);

const nameOf = (brief: ImageBrief | undefined, id: string) => brief?.repoTags[0] ?? brief?.shortId ?? shortId(id);

export function StepRow({ step, largest, reveal, related, imageId, unsized = false }: StepRowProps) {
  const [expanded, setExpanded] = useState(false);
  const command = reveal ? step.createdBy : redactCommand(step.createdBy);
  const long = command.length > 90;
  const isLayer = step.layerIndex !== null;
  return (
    <li
      id={`step-${step.index + 1}`}
      data-step={step.index + 1}
      className={`grid grid-cols-[2.5rem_6.5rem_minmax(0,1fr)_7.5rem_11rem] items-start gap-3 border-b border-slate-100 px-3 py-2 text-sm ${
        isLayer ? '' : 'bg-slate-50/60 text-slate-500'
      }`}
    >
      <span className="pt-0.5 text-right tabular-nums text-slate-400">{step.index + 1}</span>
      <InstructionBadge instruction={step.instruction} />
      <div className="min-w-0">
        <code
          className={`block font-mono text-xs leading-5 ${expanded ? 'whitespace-pre-wrap break-all' : 'truncate'} ${isLayer ? 'text-slate-900' : 'text-slate-500'}`}
        >
          {command}
        </code>
        <div className="mt-0.5 flex flex-wrap items-center gap-x-3 gap-y-0.5 text-xs text-slate-500">
          {long && (
            <button type="button" onClick={() => setExpanded(!expanded)} className="text-sky-700 hover:underline" aria-expanded={expanded}>
              {expanded ? 'Show less' : 'Show whole command'}
            </button>
          )}
          {isLayer ? (
            <span title={step.diffId ?? undefined}>
              layer {step.layerIndex! + 1} · <span className="font-mono">{shortId(step.diffId ?? '')}</span>
              {step.size === 0 && !unsized && (
                <span className="ml-1 rounded bg-amber-50 px-1 text-amber-800">a real layer that adds 0 bytes</span>
              )}
            </span>
          ) : (
            <span>{FILE_STEPS.has(step.instruction) ? 'no layer: it changed no files' : 'no layer: metadata only'}</span>
          )}
          {step.imageId === null && (
            <span title="docker history prints <missing> here: no local image exists for this step. It was pulled from a registry, built by BuildKit, or its legacy-build intermediate image was deleted (a prune does that). That is normal, not an error.">
              no local image
            </span>
          )}
          {step.imageId !== null && isIntermediateStep(step, imageId) && (
            <span title="The untagged image a legacy build (docker build without BuildKit) kept for this step; docker image ls -a lists it">
              intermediate image{' '}
              <Link href={imageHref(step.imageId)} className="font-mono text-sky-700 hover:underline">
                {shortId(step.imageId)}
              </Link>
            </span>
          )}
          {step.tags.length > 0 && <span className="font-mono text-slate-600">tagged {step.tags.join(', ')}</span>}
          {step.sharedWith.length > 0 && (
            <span>
              also in{' '}
              {step.sharedWith.slice(0, 3).map((id, i) => (
                <span key={id}>
                  {i > 0 && ', '}
                  <Link href={imageHref(id)} className="font-mono text-sky-700 hover:underline">
                    {nameOf(related[id], id)}
                  </Link>
                </span>
              ))}
              {step.sharedWith.length > 3 && ` and ${step.sharedWith.length - 3} more`} (stored once)
            </span>
          )}
        </div>
      </div>
      <span className="pt-0.5 text-xs text-slate-500" title={formatDateTime(step.created)}>
        {formatRelative(step.created)}
      </span>
      <div className="flex items-center gap-2 pt-0.5">
        <div className="h-2 flex-1 overflow-hidden rounded bg-slate-100" aria-hidden="true">
          {isLayer && (
            <div
              className="h-full rounded bg-sky-500"
              style={{ width: `${largest > 0 ? Math.max(step.size > 0 ? 2 : 0, (step.size / largest) * 100) : 0}%` }}
            />
          )}
        </div>
        <span className={`w-16 text-right text-xs tabular-nums ${isLayer ? 'text-slate-900' : 'text-slate-400'}`}>
          {isLayer ? formatBytes(step.size) : '—'}
        </span>
      </div>
    </li>
  );
}
