// Retention rules, the schedule's claimed windows and the run reports, in $STRATA_DATA_DIR/retention:
// rules.json, windows.json and one file per report under reports/. Every write is atomic (temp file +
// rename) and read-modify-writes run one at a time, so a crash or two saves at once never leave half a file.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { StrataError } from '@/lib/api/errors';
import type { ReportSummary, RetentionRule, RunReport } from '@/lib/api/retention';
import { dataDir, readJsonFile, serialised, writeJsonFile } from '@/lib/data-dir';

const folder = () => path.join(dataDir(), 'retention');
const rulesFile = () => path.join(folder(), 'rules.json');
const windowsFile = () => path.join(folder(), 'windows.json');
const reportsFolder = () => path.join(folder(), 'reports');

/** Reports kept per rule and engine: a nightly rule's last three months. */
const REPORTS_KEPT = 100;

// One lock per process, on globalThis: the scheduler's copy of this module (loaded for instrumentation.ts)
// and the routes' copy write the same files.
const exclusive = ((globalThis as { __strataRetentionStoreLock?: ReturnType<typeof serialised> }).__strataRetentionStoreLock ??=
  serialised());

export const listRules = async (): Promise<RetentionRule[]> =>
  (await readJsonFile<{ rules: RetentionRule[] }>(rulesFile(), { rules: [] })).rules;

export async function getRule(id: string): Promise<RetentionRule> {
  const rule = (await listRules()).find((candidate) => candidate.id === id);
  if (!rule) throw new StrataError('not_found', 'There is no retention rule with that ID: it may have been deleted.');
  return rule;
}

/** Changes the rule list in one step: `change` gets the rules and returns the new list and a result. */
export function updateRules<T>(change: (rules: RetentionRule[]) => { rules: RetentionRule[]; result: T }): Promise<T> {
  return exclusive(async () => {
    const { rules, result } = change(await listRules());
    await writeJsonFile(rulesFile(), { rules });
    return result;
  });
}

type Windows = Record<string, Record<string, string>>;

/** The window each rule last claimed on each engine (rule ID → engine → ISO time). */
export const claimedWindows = () => readJsonFile<Windows>(windowsFile(), {});

/**
 * Claims a window before its run starts, so a run interrupted by a restart is not run again: false when
 * the window (or a later one) was already claimed.
 */
export function claimWindow(ruleId: string, engine: string, window: Date): Promise<boolean> {
  return exclusive(async () => {
    const windows = await claimedWindows();
    const last = windows[ruleId]?.[engine];
    if (last && Date.parse(last) >= window.getTime()) return false;
    windows[ruleId] = { ...windows[ruleId], [engine]: window.toISOString() };
    await writeJsonFile(windowsFile(), windows);
    return true;
  });
}

export const newReportId = (startedAt: Date) => `${startedAt.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;

const REPORT_ID = /^[0-9TZ-]{20,30}-[0-9a-f]{8}$/;

const fullFile = (id: string) => path.join(reportsFolder(), `${id}.json`);
// The list reads summaries only: a full report holds its whole preview, thousands of images at scale.
const summaryFile = (id: string) => path.join(reportsFolder(), `${id}.summary`);

export async function saveReport(report: RunReport): Promise<void> {
  await writeJsonFile(fullFile(report.id), report);
  await writeJsonFile(summaryFile(report.id), summary(report));
  const mine = (await listReports()).filter((other) => other.ruleId === report.ruleId && other.engine === report.engine);
  for (const old of mine.slice(REPORTS_KEPT)) {
    await rm(summaryFile(old.id), { force: true });
    await rm(fullFile(old.id), { force: true });
  }
}

export async function getReport(id: string): Promise<RunReport> {
  if (!REPORT_ID.test(id)) throw new StrataError('invalid_input', 'That is not a report ID.');
  const report = await readJsonFile<RunReport | null>(fullFile(id), null);
  if (!report) throw new StrataError('not_found', 'There is no such report: reports beyond the last 100 of a rule are removed.');
  return report;
}

const SUMMARY_KEYS = [
  'id',
  'ruleId',
  'ruleName',
  'engine',
  'trigger',
  'window',
  'startedAt',
  'finishedAt',
  'status',
  'message',
  'deletedImages',
  'freedBytes',
  'matchesPreview',
] as const satisfies readonly (keyof ReportSummary)[];

function summary(report: RunReport): ReportSummary {
  return Object.fromEntries(SUMMARY_KEYS.map((key) => [key, report[key]])) as unknown as ReportSummary;
}

/** Every report, newest first (IDs begin with the start time). */
export async function listReports(): Promise<ReportSummary[]> {
  const names = await readdir(reportsFolder()).catch(() => [] as string[]);
  const ids = names
    .filter((name) => name.endsWith('.summary'))
    .map((name) => name.slice(0, -'.summary'.length))
    .sort()
    .reverse();
  const reports = await Promise.all(ids.map((id) => readJsonFile<ReportSummary | null>(summaryFile(id), null).catch(() => null)));
  return reports.flatMap((report) => (report ? [report] : []));
}

/** A deleted rule's claimed windows go too; its reports stay until they age out. */
export function forgetWindows(ruleId: string): Promise<void> {
  return exclusive(async () => {
    const windows = await claimedWindows();
    delete windows[ruleId];
    await writeJsonFile(windowsFile(), windows);
  });
}
