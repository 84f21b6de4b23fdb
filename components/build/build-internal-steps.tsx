'use client';
// BuildKit's own work around the Dockerfile's steps (loading the context, resolving a base's metadata,
// exporting and naming the image), apart from the steps, folded away: it explains a slow build's time,
// but it is not the Dockerfile.
import type { BuildInternalStep } from '@/lib/api/build';
import { Badge } from '@/components/ui/badge';
import { formatDuration } from '@/components/build/build-steps';

const STATUS: Record<BuildInternalStep['status'], string> = { running: 'running…', done: 'done', cached: 'from cache', failed: 'failed' };

export function BuildInternalSteps({ steps }: { steps: BuildInternalStep[] }) {
  if (steps.length === 0) return null;
  return (
    <details className="rounded-lg border border-slate-200 bg-white px-4 py-2.5 text-sm">
      <summary className="cursor-pointer text-slate-700">
        BuildKit&apos;s own work ({steps.length} {steps.length === 1 ? 'task' : 'tasks'}): the context, base image metadata, the export
      </summary>
      <ul aria-label="BuildKit's own work" className="mt-2 divide-y divide-slate-100">
        {steps.map((step) => (
          <li key={step.id} className="flex items-center gap-3 py-1.5">
            <code className="min-w-0 flex-1 truncate font-mono text-xs text-slate-800" title={step.name}>
              {step.name}
            </code>
            <Badge tone={step.status === 'failed' ? 'red' : step.status === 'running' ? 'amber' : 'slate'}>{STATUS[step.status]}</Badge>
            <span className="w-14 shrink-0 text-right text-xs tabular-nums text-slate-500">{formatDuration(step.durationMs)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
