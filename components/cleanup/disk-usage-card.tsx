'use client';
import type { DiskUsageCategory } from '@/lib/api/prune';
import { ErrorState, Skeleton } from '@/components/ui/states';
import { formatBytes } from '@/lib/format';
import { useDiskUsage } from '@/lib/queries/cleanup';
import { useEngineInfo } from '@/lib/queries/engine';

const ROWS: { key: 'images' | 'containers' | 'buildCache' | 'volumes'; label: string; note: string }[] = [
  { key: 'images', label: 'Images', note: 'reclaimable = exactly what removing every unused image frees' },
  { key: 'containers', label: 'Containers', note: 'writable layers; stopped ones are reclaimable' },
  {
    key: 'buildCache',
    label: 'Build cache',
    note: 'BuildKit cache records; reclaimable = what builder prune --all removes (every record no build is using)',
  },
  { key: 'volumes', label: 'Volumes', note: 'read-only here: Strata never prunes volumes' },
];

/** `docker system df`, fetched on its own so a slow engine never holds up the rest of the page. */
// On the containerd store the engine's image total holds content and unpacked layers, and the preview's
// reclaimable figure counts an image's content (its blobs) only once a preview has read its export
// (lib/docker/prune/run.ts): say so beside the number.
const CONTAINERD_IMAGES_NOTE =
  'content and unpacked layers; reclaimable is the drop in the engine’s LayersSize that removing every unused image would give, counting the content of the images a preview has read';

export function DiskUsageCard() {
  const { data, error, isPending, refetch } = useDiskUsage();
  const containerd = useEngineInfo().data?.imageStore === 'containerd';
  const largest = data ? Math.max(1, ...ROWS.map((row) => data[row.key].size)) : 1;
  return (
    <section aria-labelledby="disk-usage-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="disk-usage-heading" className="text-base font-semibold">
        Disk usage
      </h2>
      <p className="mt-1 text-sm text-slate-600">What `docker system df` reports, with the part a cleanup could give back.</p>
      {isPending ? (
        <div role="status" aria-label="Loading disk usage" className="mt-4 space-y-3">
          {ROWS.map((row) => (
            <Skeleton key={row.key} className="h-8 w-full" />
          ))}
        </div>
      ) : error ? (
        <div className="mt-3">
          <ErrorState error={error} action="read disk usage" onRetry={() => void refetch()} />
        </div>
      ) : (
        <dl className="mt-4 space-y-3">
          {ROWS.map((row) => (
            <UsageRow
              key={row.key}
              label={row.label}
              note={row.key === 'images' && containerd ? CONTAINERD_IMAGES_NOTE : row.note}
              counts={row.key === 'images' && containerd ? 'unpacked layers; content once previewed' : null}
              usage={data[row.key]}
              largest={largest}
            />
          ))}
        </dl>
      )}
    </section>
  );
}

interface UsageRowProps {
  label: string;
  note: string;
  /** What `reclaimable` counts, said beside it where it is not the whole of `size`. */
  counts: string | null;
  usage: DiskUsageCategory;
  largest: number;
}

function UsageRow({ label, note, counts, usage, largest }: UsageRowProps) {
  const width = (bytes: number) => `${(bytes / largest) * 100}%`;
  return (
    <div data-usage={label} className="grid grid-cols-[8rem_minmax(0,1fr)_20rem] items-center gap-3 text-sm">
      <dt className="font-medium">
        {label} <span className="font-normal text-slate-500">({usage.count})</span>
      </dt>
      <dd className="flex h-3 overflow-hidden rounded bg-slate-100" title={note}>
        <div className="h-full bg-slate-600" style={{ width: width(usage.size - usage.reclaimable) }} />
        <div className="h-full bg-amber-400" style={{ width: width(usage.reclaimable) }} />
      </dd>
      <dd className="text-right tabular-nums">
        {formatBytes(usage.size)}{' '}
        <span className="text-amber-700">
          · {formatBytes(usage.reclaimable)} reclaimable{counts ? ` (${counts})` : ''}
        </span>
      </dd>
    </div>
  );
}
