'use client';
// The registries Strata could not ask whether local tags are behind, said once above the list.
import { parseReference } from '@/lib/reference';
import { useCheckUpdatesNow, useImageUpdates } from '@/lib/queries/registries';

export function UpdatesNotice() {
  const { data } = useImageUpdates();
  const checkNow = useCheckUpdatesNow();
  const byRegistry = new Map<string, { tags: number; message: string | null }>();
  for (const update of data?.updates ?? []) {
    if (update.state !== 'unreachable') continue;
    const parsed = parseReference(update.tag);
    const registry = parsed.ok ? parsed.ref.domain : update.tag;
    const entry = byRegistry.get(registry) ?? { tags: 0, message: update.message };
    entry.tags += 1;
    byRegistry.set(registry, entry);
  }
  if (byRegistry.size === 0) return null;
  return (
    <div
      role="note"
      aria-label="Registries not reached"
      className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs text-slate-600"
    >
      {[...byRegistry].map(([registry, { tags, message }]) => (
        <p key={registry}>
          Could not ask <span className="font-mono">{registry}</span> whether {tags} local tag{tags === 1 ? ' is' : 's are'} behind
          {message ? `: ${message}` : '.'}
        </p>
      ))}
      <button type="button" disabled={checkNow.isPending} onClick={() => checkNow.mutate()} className="mt-1 text-sky-700 hover:underline">
        {checkNow.isPending ? 'Asking again…' : 'Ask again'}
      </button>
    </div>
  );
}
