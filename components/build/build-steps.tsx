'use client';
// The build, step by step: from cache or built, how long it took, the layer it made, what it printed,
// and — for the steps that missed the cache — why.
import type { BuildStep } from '@/lib/api/build';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { formatBytes, shortId } from '@/lib/format';

export interface BuildStepsProps {
  steps: BuildStep[];
  output: Record<number, string[]>;
}

const STATUS: Record<BuildStep['status'], { label: string; tone: BadgeTone }> = {
  waiting: { label: 'waiting', tone: 'slate' },
  skipped: { label: 'skipped (stage not needed)', tone: 'slate' },
  'not-run': { label: 'not run', tone: 'slate' },
  running: { label: 'running…', tone: 'amber' },
  base: { label: 'base image', tone: 'slate' },
  cached: { label: 'from cache', tone: 'green' },
  built: { label: 'built', tone: 'blue' },
  failed: { label: 'failed', tone: 'red' },
};

export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

function layerText(step: BuildStep): string {
  if (step.status !== 'cached' && step.status !== 'built') return '';
  if (step.emptyLayer) return 'no layer (config only)';
  if (step.layerSize === null) return step.imageId ? `→ ${shortId(step.imageId)}` : '';
  return `layer ${formatBytes(step.layerSize)}${step.imageId ? ` · ${shortId(step.imageId)}` : ''}`;
}

export function BuildSteps({ steps, output }: BuildStepsProps) {
  if (steps.length === 0) return null;
  return (
    <ol aria-label="Build steps" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {steps.map((step, i) => {
        const lines = output[step.number] ?? [];
        const status = STATUS[step.status];
        // A multi-stage build (BuildKit) shows where each stage starts.
        const stageStarts = step.stage !== null && step.stage !== steps[i - 1]?.stage;
        return (
          <li
            key={step.number}
            aria-label={`Step ${step.number}: ${status.label}`}
            className={`px-4 py-2.5 ${step.status === 'failed' ? 'bg-red-50/60' : ''} ${step.status === 'skipped' || step.status === 'not-run' ? 'text-slate-400' : ''}`}
          >
            {stageStarts && <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Stage {step.stage}</p>}
            <div className="flex items-center gap-3 text-sm">
              <span className="w-12 shrink-0 text-xs tabular-nums text-slate-500">
                {step.number}/{step.total}
              </span>
              <code className="min-w-0 flex-1 truncate font-mono text-xs text-slate-900" title={step.instruction}>
                {step.instruction}
              </code>
              <Badge tone={status.tone}>{status.label}</Badge>
              <span className="w-44 shrink-0 text-right text-xs text-slate-500">{layerText(step)}</span>
              <span className="w-14 shrink-0 text-right text-xs tabular-nums text-slate-500">{formatDuration(step.durationMs)}</span>
            </div>
            {step.cacheReason && <p className="ml-15 mt-1 text-xs text-amber-800">{step.cacheReason}</p>}
            {lines.length > 0 && (
              <details open={step.status === 'failed' || step.status === 'running'} className="ml-15 mt-1">
                <summary className="cursor-pointer text-xs text-slate-500">
                  Output ({lines.length} {lines.length === 1 ? 'line' : 'lines'})
                </summary>
                <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs leading-relaxed text-slate-100">
                  {lines.join('\n')}
                </pre>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
