// The rules /cleanup lists and edits: saving a rule records its preview on each engine as the baseline
// a run may not exceed twice over without asking again; a run on several engines reports each apart.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { StrataError } from '@/lib/api/errors';
import type {
  RetentionOverview,
  RetentionRule,
  RuleBaseline,
  RuleDraft,
  RuleEnginePreview,
  RuleView,
  RunReport,
} from '@/lib/api/retention';
import { listEngineSpecs } from '@/lib/docker/engine/engines';
import { onEngine } from '@/lib/docker/engine/scope';
import { toStrataError } from '@/lib/http/handle';
import { nextWindow } from '@/lib/retention/schedule';
import { planRule, previewBytes } from '@/lib/docker/retention/preview';
import { runRule } from '@/lib/docker/retention/run';
import { forgetWindows, getRule, listReports, listRules, updateRules } from '@/lib/docker/retention/store';
import { schedulesEnabled, scheduleChanged } from '@/lib/docker/retention/scheduler';

function checkEngines(draft: RuleDraft): void {
  const known = new Set(listEngineSpecs().map((spec) => spec.name));
  const unknown = draft.engines.filter((name) => !known.has(name));
  if (unknown.length)
    throw new StrataError('invalid_input', `Strata knows no engine named ${unknown.join(', ')}. It knows: ${[...known].join(', ')}.`);
}

/** The rule's preview on each of its engines; one engine that cannot answer does not hide the others. */
export async function previewDraft(draft: RuleDraft): Promise<RuleEnginePreview[]> {
  checkEngines(draft);
  const previews: RuleEnginePreview[] = [];
  for (const engine of draft.engines) {
    try {
      previews.push({ engine, ok: true, preview: (await onEngine(engine, () => planRule(draft))).preview });
    } catch (cause) {
      const error = toStrataError(cause);
      previews.push({ engine, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return previews;
}

async function baselineOf(draft: RuleDraft): Promise<Record<string, RuleBaseline>> {
  const baseline: Record<string, RuleBaseline> = {};
  for (const result of await previewDraft(draft))
    if (result.ok)
      baseline[result.engine] = { images: result.preview.images.length, bytes: previewBytes(result.preview), at: result.preview.at };
  return baseline;
}

export async function createRule(draft: RuleDraft): Promise<RetentionRule> {
  const baseline = await baselineOf(draft);
  const now = new Date().toISOString();
  const rule: RetentionRule = { ...draft, id: randomUUID(), createdAt: now, updatedAt: now, scheduledSince: now, baseline };
  await updateRules((rules) => ({ rules: [...rules, rule], result: undefined }));
  scheduleChanged();
  return rule;
}

export async function updateRule(id: string, draft: RuleDraft): Promise<RetentionRule> {
  await getRule(id);
  const baseline = await baselineOf(draft);
  const now = new Date().toISOString();
  const updated = await updateRules((rules) => {
    const old = rules.find((rule) => rule.id === id);
    if (!old) throw new StrataError('not_found', 'There is no retention rule with that ID: it may have been deleted.');
    const sameSchedule = old.schedule.every === draft.schedule.every && old.schedule.at === draft.schedule.at;
    const rule: RetentionRule = { ...old, ...draft, updatedAt: now, scheduledSince: sameSchedule ? old.scheduledSince : now, baseline };
    return { rules: rules.map((candidate) => (candidate.id === id ? rule : candidate)), result: rule };
  });
  scheduleChanged();
  return updated;
}

export async function deleteRule(id: string): Promise<{ deleted: string }> {
  await getRule(id);
  await updateRules((rules) => ({ rules: rules.filter((rule) => rule.id !== id), result: undefined }));
  await forgetWindows(id);
  scheduleChanged();
  return { deleted: id };
}

/** "Run now": each engine in turn, each with its own report. */
export async function runNow(id: string, confirm: boolean): Promise<RunReport[]> {
  const rule = await getRule(id);
  checkEngines(rule);
  const reports: RunReport[] = [];
  for (const engine of rule.engines) reports.push(await onEngine(engine, () => runRule(rule, { trigger: 'manual', confirm })));
  return reports;
}

export async function retentionOverview(now = new Date()): Promise<RetentionOverview> {
  const [rules, reports] = await Promise.all([listRules(), listReports()]);
  const enabled = schedulesEnabled();
  const views: RuleView[] = rules.map((rule) => ({
    ...rule,
    nextRun: enabled ? (nextWindow(rule.schedule, now)?.toISOString() ?? null) : null,
    lastRuns: rule.engines.flatMap((engine) => reports.find((report) => report.ruleId === rule.id && report.engine === engine) ?? []),
  }));
  return {
    rules: views,
    reports: reports.slice(0, 50),
    readOnly: !enabled,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
