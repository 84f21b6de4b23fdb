'use client';
import Link from '@/components/ui/engine-link';
import type { ReactNode } from 'react';
import { ErrorState, Skeleton } from '@/components/ui/states';
import { formatBytes } from '@/lib/format';
import { useEngineInfo } from '@/lib/queries/engine';
import { useImageList } from '@/lib/queries/images';
import { countingProgress } from '@/components/images/totals-bar';

export function OverviewView() {
  const engine = useEngineInfo();
  const images = useImageList();
  const error = engine.error ?? images.error;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="mt-1 text-sm text-slate-600">
          Your Docker engine at a glance: what it is, what it holds, and how much disk that really takes.
        </p>
      </div>
      {error ? (
        <ErrorState error={error} action="reach the engine" onRetry={() => void Promise.all([engine.refetch(), images.refetch()])} />
      ) : (
        <>
          <section aria-label="Counts" className="grid grid-cols-2 gap-3 md:grid-cols-5">
            <CountCard
              label="Images"
              value={images.data?.totals.images}
              href="/images"
              hint={images.data ? `${images.data.totals.tags} tags` : undefined}
            />
            <CountCard label="Dangling" value={images.data?.totals.dangling} href="/images?show=dangling" hint="untagged leftovers" />
            <CountCard label="Unused" value={images.data?.totals.unused} href="/images?show=unused" hint="no container uses them" />
            <CountCard label="In use" value={images.data?.totals.inUse} href="/images?show=in-use" hint="by a container" />
            <CountCard
              label="Containers"
              value={engine.data?.containers.total}
              hint={engine.data ? `${engine.data.containers.running} running` : undefined}
            />
          </section>
          <DiskCard />
          <EngineCard />
        </>
      )}
    </div>
  );
}

function CountCard({ label, value, hint, href }: { label: string; value: number | undefined; hint?: string; href?: string }) {
  const body = (
    <>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      {value === undefined ? (
        <Skeleton className="mt-2 h-7 w-12" />
      ) : (
        <div className="mt-1 text-2xl font-semibold tabular-nums">{value}</div>
      )}
      {hint && <div className="text-xs text-slate-500">{hint}</div>}
    </>
  );
  const className = 'block rounded-lg border border-slate-200 bg-white px-4 py-3';
  return href ? (
    <Link href={href} className={`${className} hover:border-sky-300`}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  );
}

function DiskCard() {
  const { data } = useImageList();
  if (!data) return <Skeleton className="h-36 w-full" />;
  const { diskUsed, naiveSum, shared, accounting, counting } = data.totals;
  if (counting) {
    return (
      <section aria-labelledby="disk-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="disk-heading" className="text-base font-semibold">
          Image disk use
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Counting: shared layers are counted once, so Strata reads every image’s layers first ({countingProgress(counting)}).
        </p>
        <Skeleton className="mt-4 h-4 w-full" />
      </section>
    );
  }
  const rest = Math.max(0, diskUsed - shared);
  const pct = (part: number) => (diskUsed > 0 ? `${(part / diskUsed) * 100}%` : '0%');
  const twoCopies = accounting === 'content-and-unpacked';
  return (
    <section aria-labelledby="disk-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="disk-heading" className="text-base font-semibold">
        Image disk use
      </h2>
      {twoCopies ? (
        <p className="mt-1 text-sm text-slate-600">
          This engine keeps every image twice: its <em>content</em>, the compressed layers as pulled or built, and those layers unpacked for
          containers to run from; pieces that several images share are stored once, so adding up every image’s disk usage would say{' '}
          <strong>{formatBytes(naiveSum)}</strong>, but they really take <strong>{formatBytes(diskUsed)}</strong>.
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-600">
          Images share layers, and a shared layer is stored once. Adding up every image’s size would say{' '}
          <strong>{formatBytes(naiveSum)}</strong>; the layers really take <strong>{formatBytes(diskUsed)}</strong>.
        </p>
      )}
      <div className="mt-4 flex h-4 overflow-hidden rounded bg-slate-100" aria-hidden="true">
        <div className="bg-slate-700" style={{ width: pct(rest) }} />
        <div className="bg-sky-500" style={{ width: pct(shared) }} />
      </div>
      <div className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
        <span>
          <span className="mr-1 inline-block h-2 w-2 rounded-sm bg-slate-700" />
          {twoCopies ? 'Content, and unpacked layers of one image' : 'Used by one image'}: {formatBytes(rest)}
        </span>
        <span>
          <span className="mr-1 inline-block h-2 w-2 rounded-sm bg-sky-500" />
          {twoCopies ? 'Unpacked layers shared by several' : 'Shared by several'}: {formatBytes(shared)}
        </span>
      </div>
    </section>
  );
}

function EngineCard() {
  const { data: engine } = useEngineInfo();
  if (!engine) return <Skeleton className="h-40 w-full" />;
  return (
    <section aria-labelledby="engine-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="engine-heading" className="text-base font-semibold">
        Engine{' '}
        {engine.sandbox && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">sandbox</span>}
      </h2>
      <dl className="mt-3 grid gap-x-8 gap-y-2 text-sm sm:grid-cols-2">
        <Fact label="Address">
          <code className="font-mono text-xs">{engine.address}</code>
        </Fact>
        <Fact label="Docker Engine">{engine.version}</Fact>
        <Fact label="API version">
          {engine.apiVersion}{' '}
          <span className="text-slate-500">
            (negotiated; engine supports {engine.minApiVersion}–{engine.maxApiVersion})
          </span>
        </Fact>
        <Fact label="Image store">
          {engine.imageStore === 'containerd' ? 'containerd' : 'classic (graph driver)'} · {engine.storageDriver}
        </Fact>
        <Fact label="Platform">
          {engine.os}/{engine.arch} · {engine.operatingSystem}
        </Fact>
        <Fact label="Host">
          {engine.name} · {engine.cpus} CPUs · {formatBytes(engine.memoryBytes)} memory
        </Fact>
        <Fact label="Data root">
          <code className="font-mono text-xs">{engine.dockerRootDir}</code>
        </Fact>
      </dl>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-3">
      <dt className="w-32 shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 text-slate-800">{children}</dd>
    </div>
  );
}
