'use client';
import Link from '@/components/ui/engine-link';
import type { CompareResponse, CompareRow } from '@/lib/api/history';
import { imageHref } from '@/components/images/image-href';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { EmptyState, ErrorState, LoadingRows } from '@/components/ui/states';
import { formatBytes } from '@/lib/format';
import { imageListOptions, useCompare } from '@/lib/queries/images';
import { useQuery } from '@tanstack/react-query';
import { PackageDiffSection } from '@/components/compare/package-diff';
import { redactCommand } from '@/lib/secrets';

export interface CompareViewProps {
  a: string;
  b: string;
}

const KIND: Record<CompareRow['kind'], { label: string; tone: BadgeTone }> = {
  same: { label: 'same', tone: 'slate' },
  changed: { label: 'changed', tone: 'amber' },
  'only-a': { label: 'only in A', tone: 'red' },
  'only-b': { label: 'only in B', tone: 'green' },
};

const name = (image: CompareResponse['a']) => image.repoTags[0] ?? image.shortId;
const signed = (bytes: number) => (bytes === 0 ? '—' : `${bytes > 0 ? '+' : '−'}${formatBytes(Math.abs(bytes))}`);

export function CompareView({ a, b }: CompareViewProps) {
  const { data, error, isPending, refetch } = useCompare(a, b);
  const { data: list } = useQuery(imageListOptions());
  const readBefore = (id: string) => (list?.images.find((image) => image.id === id)?.baseOs ?? null) !== null;
  if (!a || !b) {
    return (
      <EmptyState title="Pick two images to compare">
        <p>Open an image and use “Compare with” to choose the other one, for example your last two builds of the same app.</p>
      </EmptyState>
    );
  }
  if (isPending) return <LoadingRows label="Comparing images" />;
  if (error) return <ErrorState error={error} action="compare these images" onRetry={() => void refetch()} />;

  const onlyABytes = data.onlyA.reduce((sum, layer) => sum + layer.size, 0);
  const onlyBBytes = data.onlyB.reduce((sum, layer) => sum + layer.size, 0);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">
          <Link href={imageHref(data.a.id)} className="font-mono hover:underline">
            A: {name(data.a)}
          </Link>
          <span className="mx-3 text-slate-400">vs</span>
          <Link href={imageHref(data.b.id)} className="font-mono hover:underline">
            B: {name(data.b)}
          </Link>
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          {formatBytes(data.a.size)} → {formatBytes(data.b.size)} ({signed(data.b.size - data.a.size)}). Layers both use are stored once;
          what differs is what a pull or push of B moves when A is already there.
        </p>
      </div>
      <section aria-label="Layer summary" className="grid gap-3 sm:grid-cols-3">
        <Summary label="Shared layers" count={data.sharedLayers.length} bytes={data.sharedBytes} hint="same layer, stored once" />
        <Summary label="Only in A" count={data.onlyA.length} bytes={onlyABytes} hint="freed if A goes and B stays" />
        <Summary label="Only in B" count={data.onlyB.length} bytes={onlyBBytes} hint="new in B" />
      </section>
      <section aria-labelledby="steps-heading" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        <h2 id="steps-heading" className="px-4 pt-4 text-base font-semibold">
          Step by step
        </h2>
        <table className="mt-2 w-full table-fixed text-sm">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="w-24 px-3 py-2">Change</th>
              <th className="px-3 py-2">A</th>
              <th className="w-20 px-3 py-2 text-right">Size A</th>
              <th className="px-3 py-2">B</th>
              <th className="w-20 px-3 py-2 text-right">Size B</th>
              <th className="w-24 px-3 py-2 text-right">Δ</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row, i) => (
              <tr key={i} data-kind={row.kind} className={`border-t border-slate-100 ${row.kind === 'same' ? 'text-slate-500' : ''}`}>
                <td className="px-3 py-1.5">
                  <Badge tone={KIND[row.kind].tone}>{KIND[row.kind].label}</Badge>
                </td>
                <td className="truncate px-3 py-1.5 font-mono text-xs" title={row.a ? redactCommand(row.a.createdBy) : undefined}>
                  {row.a ? redactCommand(row.a.createdBy) : ''}
                </td>
                <td className="px-3 py-1.5 text-right tabular-nums">{row.a?.diffId ? formatBytes(row.a.size) : row.a ? '—' : ''}</td>
                <td className="truncate px-3 py-1.5 font-mono text-xs" title={row.b ? redactCommand(row.b.createdBy) : undefined}>
                  {row.b ? redactCommand(row.b.createdBy) : ''}
                </td>
                <td className="px-3 py-1.5 text-right tabular-nums">{row.b?.diffId ? formatBytes(row.b.size) : row.b ? '—' : ''}</td>
                <td
                  className={`px-3 py-1.5 text-right tabular-nums ${row.delta > 0 ? 'text-red-700' : row.delta < 0 ? 'text-emerald-700' : ''}`}
                >
                  {signed(row.delta)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <PackageDiffSection
        key={`${data.a.id}:${data.b.id}`}
        a={data.a.id}
        b={data.b.id}
        readBefore={readBefore(data.a.id) && readBefore(data.b.id)}
      />
    </div>
  );
}

interface SummaryProps {
  label: string;
  count: number;
  bytes: number;
  hint: string;
}

function Summary({ label, count, bytes, hint }: SummaryProps) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="mt-1 text-xl font-semibold tabular-nums">
        {count}{' '}
        <span className="text-base font-normal text-slate-600">
          layer{count === 1 ? '' : 's'} · {formatBytes(bytes)}
        </span>
      </div>
      <div className="text-xs text-slate-500">{hint}</div>
    </div>
  );
}
