// The in-process scheduler: at each rule's window, a run on each of its engines, one run at a time.
// What ran is on disk (store.ts claims each window before its run), so a restart picks up where the
// last process stopped: the newest missed window runs once, however many were missed, and a window
// already claimed never runs again. Read-only mode (STRATA_READ_ONLY=1) runs nothing.
//
// The timer only decides when to look; `runDueRules(now)` does the work, so tests drive it with their
// own clock instead of waiting.
import 'server-only';
import type { RunReport } from '@/lib/api/retention';
import { onEngine } from '@/lib/docker/engine/scope';
import { appendAudit } from '@/lib/security/audit';
import { dueWindow, nextWindow } from '@/lib/retention/schedule';
import { runRule } from '@/lib/docker/retention/run';
import { claimWindow, claimedWindows, listRules } from '@/lib/docker/retention/store';

export const schedulesEnabled = () => process.env.STRATA_READ_ONLY !== '1';

/** Look at least this often, so a clock change or a rule saved by another process is noticed. */
const MAX_WAIT_MS = 15 * 60_000;

interface SchedulerState {
  running: Promise<RunReport[]> | null;
  timer: ReturnType<typeof setTimeout> | null;
  started: boolean;
  /** Each arm() supersedes the ones before it; one still waiting for wakeAt() then sets no timer of its own. */
  generation: number;
}

// On globalThis: Next loads this module once for instrumentation.ts and again for the route handlers, and
// a rule saved through a route must move the timer instrumentation.ts started (one scheduler per process).
const state: SchedulerState = ((globalThis as { __strataRetentionScheduler?: SchedulerState }).__strataRetentionScheduler ??= {
  running: null,
  timer: null,
  started: false,
  generation: 0,
});

const STATUS = { applied: 200, nothing: 200, held: 409, failed: 500 } as const;

async function runDue(now: Date): Promise<RunReport[]> {
  const [rules, claimed] = await Promise.all([listRules(), claimedWindows()]);
  const reports: RunReport[] = [];
  for (const rule of rules)
    for (const engine of rule.engines) {
      const last = claimed[rule.id]?.[engine];
      const window = dueWindow(rule.schedule, now, new Date(rule.scheduledSince), last ? new Date(last) : null);
      if (!window || !(await claimWindow(rule.id, engine, window))) continue;
      const report = await onEngine(engine, () => runRule(rule, { trigger: 'schedule', window, now, waitForLock: true }));
      reports.push(report);
      await appendAudit({
        time: report.finishedAt,
        client: 'scheduler',
        method: 'RUN',
        target: `retention rule “${rule.name}” (${rule.id}) → report ${report.id}: ${report.status}`,
        engine,
        status: STATUS[report.status],
      });
    }
  return reports;
}

/** Runs every window due at `now`. Never two at once: a call while runs are under way waits for them and runs nothing new. */
export async function runDueRules(now: Date = new Date()): Promise<RunReport[]> {
  if (!schedulesEnabled()) return [];
  if (state.running) {
    await state.running.catch(() => []);
    return [];
  }
  state.running = runDue(now);
  try {
    return await state.running;
  } finally {
    state.running = null;
  }
}

async function wakeAt(): Promise<number> {
  const now = new Date();
  const next = (await listRules())
    .map((rule) => nextWindow(rule.schedule, now)?.getTime() ?? Infinity)
    .reduce((soonest, time) => Math.min(soonest, time), Infinity);
  return Math.min(Math.max(next - now.getTime(), 1000), MAX_WAIT_MS);
}

function arm(): void {
  const mine = ++state.generation;
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  void wakeAt()
    .catch(() => MAX_WAIT_MS)
    .then((wait) => {
      if (mine !== state.generation) return;
      const timer = setTimeout(() => {
        void runDueRules()
          .catch((error) => console.error('[strata] scheduled cleanup failed', error))
          .finally(arm);
      }, wait);
      // The scheduler never keeps a process alive on its own.
      timer.unref?.();
      state.timer = timer;
    });
}

/** From instrumentation.ts: first the windows missed while Strata was down (once each rule), then the timer. */
export function startScheduler(): void {
  if (state.started || !schedulesEnabled()) return;
  state.started = true;
  void runDueRules()
    .catch((error) => console.error('[strata] scheduled cleanup failed', error))
    .finally(arm);
}

/** A rule was saved or deleted: look again for the soonest window. */
export function scheduleChanged(): void {
  if (state.started) arm();
}
