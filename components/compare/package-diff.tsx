'use client';
// The two images' packages side by side. Reading an image's packages reads its layers, which takes a
// while for an image never analysed, so it starts on a click unless both were read before.
import { useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/modal';
import { ErrorState } from '@/components/ui/states';
import { formatBytes } from '@/lib/format';
import { diffPackages, type PackageDiffKind } from '@/lib/packages/diff';
import { usePackages } from '@/lib/queries/packages';

const KIND: Record<PackageDiffKind, { label: string; tone: BadgeTone }> = {
  changed: { label: 'version', tone: 'amber' },
  added: { label: 'only in B', tone: 'green' },
  removed: { label: 'only in A', tone: 'red' },
};

export interface PackageDiffSectionProps {
  a: string;
  b: string;
  /** Both images' layers were read before: compare at once. */
  readBefore: boolean;
}

export function PackageDiffSection({ a, b, readBefore }: PackageDiffSectionProps) {
  const [clicked, setClicked] = useState(false);
  const asked = clicked || readBefore;
  const left = usePackages(a, asked);
  const right = usePackages(b, asked);
  const error = left.error ?? right.error;
  return (
    <section aria-labelledby="package-diff-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="package-diff-heading" className="text-base font-semibold">
        Packages
      </h2>
      {!asked ? (
        <p className="mt-2 text-sm text-slate-600">
          Which packages B adds, drops or changes, from each image’s package databases (reads the layers of an image not analysed yet).{' '}
          <button type="button" onClick={() => setClicked(true)} className={buttonClass.primary}>
            Compare packages
          </button>
        </p>
      ) : error ? (
        <ErrorState error={error} action="read the packages" onRetry={() => void (left.error ? left.refetch() : right.refetch())} />
      ) : !left.data || !right.data ? (
        <p role="status" className="mt-2 text-sm text-slate-500">
          Reading both images’ packages…
        </p>
      ) : (
        <PackageDiffTable
          diff={diffPackages(left.data.packages, right.data.packages)}
          osA={left.data.os?.prettyName}
          osB={right.data.os?.prettyName}
        />
      )}
    </section>
  );
}

function PackageDiffTable({ diff, osA, osB }: { diff: ReturnType<typeof diffPackages>; osA?: string; osB?: string }) {
  return (
    <div className="mt-2 space-y-2 text-sm">
      <p className="text-slate-600">
        Base OS: {osA ?? 'none'} → {osB ?? 'none'}. {diff.same} package{diff.same === 1 ? '' : 's'} the same;{' '}
        {diff.rows.length === 0 ? 'no package differs.' : `${diff.rows.length} differ:`}
      </p>
      {diff.rows.length > 0 && (
        <table aria-label="Package differences" className="w-full table-fixed">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="w-28 px-3 py-2">Change</th>
              <th className="px-3 py-2">Package</th>
              <th className="px-3 py-2">A</th>
              <th className="px-3 py-2">B</th>
              <th className="w-24 px-3 py-2 text-right">Δ size</th>
            </tr>
          </thead>
          <tbody>
            {diff.rows.map((row) => (
              <tr key={`${row.type}:${row.name}:${row.arch}`} className="border-t border-slate-100">
                <td className="px-3 py-1.5">
                  <Badge tone={KIND[row.kind].tone}>{KIND[row.kind].label}</Badge>
                </td>
                <td className="truncate px-3 py-1.5 font-mono text-xs">{row.name}</td>
                <td className="truncate px-3 py-1.5 font-mono text-xs">{row.a ?? ''}</td>
                <td className="truncate px-3 py-1.5 font-mono text-xs">{row.b ?? ''}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">
                  {row.sizeDelta === 0 ? '—' : `${row.sizeDelta > 0 ? '+' : '−'}${formatBytes(Math.abs(row.sizeDelta))}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
