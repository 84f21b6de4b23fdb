import { DiskUsageCard } from '@/components/cleanup/disk-usage-card';
import { PrunePanel } from '@/components/cleanup/prune-panel';
import { RetentionPanel } from '@/components/retention/retention-panel';

export function CleanupView() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Cleanup</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          See exactly what a prune deletes and what it frees before anything happens. Layers shared with images that stay are not freed, so
          the bytes here are what your disk really gets back — and afterwards Strata sets what the engine did beside what it predicted.
        </p>
      </div>
      <DiskUsageCard />
      <PrunePanel />
      <RetentionPanel />
    </div>
  );
}
