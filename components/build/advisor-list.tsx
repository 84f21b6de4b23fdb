'use client';
// The advisor's findings as a list beside the editor: severity, line, why, and the fix.
import type { DockerfileFinding } from '@/lib/api/dockerfile';
import { Badge, type BadgeTone } from '@/components/ui/badge';

export interface AdvisorListProps {
  findings: DockerfileFinding[];
  checking: boolean;
  onShowLine: (line: number) => void;
}

const TONE: Record<DockerfileFinding['severity'], BadgeTone> = { error: 'red', warning: 'amber', info: 'blue' };

export function AdvisorList({ findings, checking, onShowLine }: AdvisorListProps) {
  return (
    <section aria-labelledby="advisor-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex items-baseline justify-between gap-4">
        <h2 id="advisor-heading" className="text-sm font-semibold text-slate-800">
          Dockerfile advisor{' '}
          {findings.length > 0 && (
            <span className="font-normal text-slate-500">
              · {findings.length} {findings.length === 1 ? 'finding' : 'findings'}
            </span>
          )}
        </h2>
        {checking && <span className="text-xs text-slate-500">Checking…</span>}
      </div>
      {findings.length === 0 && (
        <p className="mt-2 text-sm text-slate-600">
          No findings. The advisor looks for what slows rebuilds or bloats images: cache-busting order, apt lists left behind, unpinned
          bases, files deleted a layer too late, and more.
        </p>
      )}
      {findings.length > 0 && (
        <ol className="mt-3 space-y-3">
          {findings.map((finding, index) => (
            <li key={`${finding.rule}-${finding.line}-${index}`} className="text-sm">
              <div className="flex items-center gap-2">
                <Badge tone={TONE[finding.severity]}>{finding.severity}</Badge>
                <button type="button" onClick={() => onShowLine(finding.line)} className="font-mono text-xs text-sky-700 hover:underline">
                  line {finding.line}
                </button>
                <span className="font-mono text-xs text-slate-400">{finding.rule}</span>
              </div>
              <p className="mt-1 text-slate-800">{finding.message}</p>
              <p className="text-slate-600">
                <span className="font-medium">Fix:</span> {finding.fix}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
