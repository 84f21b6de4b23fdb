'use client';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/fetch';
import type { StrataEvent } from '@/lib/api/engine';
import { EmptyState, ErrorState, LoadingRows } from '@/components/ui/states';
import { formatDateTime } from '@/lib/format';

interface Activity {
  writes: { time: string; client: string; method: string; target: string; engine?: string; status: number }[];
  events: StrataEvent[] | null;
}

export function ActivityView() {
  const { data, error, isPending, refetch } = useQuery({
    queryKey: ['images', 'activity'],
    queryFn: ({ signal }) => apiFetch<Activity>('/api/activity', { signal }),
  });
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Activity</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Every change made through Strata (from its audit log: time, client, what, outcome), and what the engine itself recorded for images
          in the last day — changes made from a terminal included.
        </p>
      </div>
      {isPending ? (
        <LoadingRows label="Loading activity" rows={4} />
      ) : error ? (
        <ErrorState error={error} action="load the activity" onRetry={() => void refetch()} />
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <section aria-labelledby="writes-heading" className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="writes-heading" className="text-base font-semibold">
              Changes through Strata
            </h2>
            {data.writes.length === 0 ? (
              <EmptyState title="Nothing changed through Strata yet">
                <p>Tagging, deleting, pruning, pulling, pushing and logging in are recorded here.</p>
              </EmptyState>
            ) : (
              <table aria-label="Audit log" className="mt-2 w-full table-fixed text-sm">
                <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className="w-44 py-1">When</th>
                    <th className="py-1">What</th>
                    <th className="w-16 py-1 text-right">Result</th>
                  </tr>
                </thead>
                <tbody>
                  {data.writes.map((write, i) => (
                    <tr key={`${write.time}-${i}`} className="border-t border-slate-100 align-top">
                      <td className="py-1.5 text-xs text-slate-600">
                        {formatDateTime(write.time)}
                        <div>{write.client}</div>
                      </td>
                      <td className="break-all py-1.5 font-mono text-xs">
                        {write.method} {write.target}
                        {write.engine && <div className="font-sans text-slate-500">on engine {write.engine}</div>}
                      </td>
                      <td className={`py-1.5 text-right tabular-nums ${write.status < 400 ? 'text-emerald-700' : 'text-red-700'}`}>
                        {write.status}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="events-heading" className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="events-heading" className="text-base font-semibold">
              Engine events
            </h2>
            {data.events === null ? (
              <p className="mt-2 text-sm text-slate-600">The engine is not answering, so its events cannot be shown.</p>
            ) : data.events.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">No image events in the last day.</p>
            ) : (
              <ul aria-label="Engine events" className="mt-2 space-y-1 text-sm">
                {data.events.slice(0, 200).map((event, i) =>
                  event.kind === 'image' ? (
                    <li key={`${event.time}-${i}`} className="flex gap-3">
                      <span className="w-44 shrink-0 text-xs text-slate-600">{formatDateTime(event.time)}</span>
                      <span className="w-16 shrink-0 font-medium">{event.action}</span>
                      <span className="min-w-0 break-all font-mono text-xs">{event.name ?? event.id}</span>
                    </li>
                  ) : null,
                )}
              </ul>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
