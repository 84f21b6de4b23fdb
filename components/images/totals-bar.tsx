import type { ImageTotals, ListCounting } from '@/lib/api/images';
import { formatBytes } from '@/lib/format';

export interface TotalsBarProps {
  totals: ImageTotals;
}

export function TotalsBar({ totals }: TotalsBarProps) {
  const saved = Math.max(0, totals.naiveSum - totals.diskUsed);
  const twoCopies = totals.accounting === 'content-and-unpacked';
  const counting = totals.counting;
  return (
    <section aria-label="Totals" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <Stat label="Images" value={String(totals.images)} hint={`${totals.tags} tag${totals.tags === 1 ? '' : 's'}`} />
      <Stat
        label="Disk really used"
        value={counting ? 'counting…' : formatBytes(totals.diskUsed)}
        hint={
          counting
            ? countingProgress(counting)
            : !totals.exact
              ? 'some layer sizes unknown: estimate'
              : twoCopies
                ? 'content and unpacked layers, shared ones once (the engine’s count)'
                : 'each shared layer counted once'
        }
        testId="disk-used"
      />
      <Stat
        label={twoCopies ? 'Shared unpacked layers' : 'Shared layers'}
        value={counting ? 'counting…' : formatBytes(totals.shared)}
        hint={twoCopies ? 'unpacked layers two or more images use' : 'used by two or more images'}
        testId="shared-total"
      />
      <Stat
        label={twoCopies ? 'Sum of disk usage' : 'Sum of image sizes'}
        value={formatBytes(totals.naiveSum)}
        hint={counting ? 'as the engine lists them' : saved > 0 ? `over-counts by ${formatBytes(saved)}` : 'no layers shared'}
        muted
      />
    </section>
  );
}

/** "layers of 1,234 of 5,000 images read": how far a cold start's count has got. */
export function countingProgress({ done, total }: ListCounting): string {
  return `layers of ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} images read`;
}

interface StatProps {
  label: string;
  value: string;
  hint: string;
  muted?: boolean;
  testId?: string;
}

function Stat({ label, value, hint, muted = false, testId }: StatProps) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div
        data-testid={testId}
        className={`mt-1 text-xl font-semibold tabular-nums ${muted ? 'text-slate-400 line-through decoration-slate-300' : 'text-slate-900'}`}
      >
        {value}
      </div>
      <div className="mt-0.5 text-xs text-slate-500">{hint}</div>
    </div>
  );
}
