// Retention rules on a prune sandbox engine, classic or containerd store: real deletes, checked against
// the engine afterwards. Each test loads images of its own with the creation times it needs
// (tests/support/dated-images.ts) under a repository of its own, and the rule's pattern keeps it to
// them. The schedule is driven by a clock the test sets: runDueRules(now), no sleeping.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ruleDraftSchema, type RuleDraftInput } from '@/lib/api/retention';
import { StrataError } from '@/lib/api/errors';
import { engineSpec } from '@/lib/docker/engine/engines';
import { prune } from '@/lib/docker/prune/run';
import { exclusivePrune } from '@/lib/docker/engine/write-lock';
import { planRule } from '@/lib/docker/retention/preview';
import { createRule, deleteRule, retentionOverview, runNow, updateRule } from '@/lib/docker/retention/rules';
import { runRule } from '@/lib/docker/retention/run';
import { runDueRules } from '@/lib/docker/retention/scheduler';
import { claimedWindows, getRule } from '@/lib/docker/retention/store';
import { latestWindow, nextWindow } from '@/lib/retention/schedule';
import { readAudit } from '@/lib/security/audit';
import { buildCacheRecords, buildKitBuild } from '../support/buildkit';
import { loadDatedImage } from '../support/dated-images';
import { SANDBOX_SOCKET, docker, engineGet, imageExists, privateBase, requireSandbox } from '../support/sandbox';

const DAY = 86_400_000;
const KiB = 1024;
const dataDirs: string[] = [];
const containers: string[] = [];
let engine = 'default';
let serial = 0;
const layersSize = () => engineGet<{ LayersSize: number }>('/system/df').LayersSize;

/** A repository of this test's own, so the rule's pattern sees nothing else on the engine. */
const repo = () => `strata-ret/t${Date.now().toString(36)}${serial++}`;
const draft = (input: Omit<RuleDraftInput, 'engines' | 'name'> & { name?: string }) =>
  ruleDraftSchema.parse({ name: 'test rule', engines: [engine], ...input });
const at = (iso: string) => new Date(iso);
/** A unique layer per image plus, when named, a shared one. */
const image = (tag: string, created: string, extra: { shared?: string; labels?: Record<string, string>; bytes?: number } = {}) =>
  loadDatedImage({
    tag,
    created: at(created),
    layers: [...(extra.shared ? [{ name: extra.shared, bytes: 256 * KiB }] : []), { name: tag, bytes: extra.bytes ?? 8 * KiB }],
    labels: extra.labels,
  });

describe('retention rules on the sandbox engine', () => {
  beforeAll(() => {
    requireSandbox();
    engine = engineSpec(null).name;
  });
  beforeEach(() => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-retention-'));
    dataDirs.push(dir);
    process.env.STRATA_DATA_DIR = dir;
    delete process.env.STRATA_READ_ONLY;
  });
  afterAll(() => {
    for (const name of containers) docker('rm', '-f', name);
    // What the rules kept goes too: the other prune tests count what their own prunes take.
    const left = docker('image', 'ls', '-q', '--no-trunc', '--filter', 'reference=strata-ret/*').split('\n').filter(Boolean);
    if (left.length) docker('rmi', '-f', ...new Set(left));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keep the newest 2: ties with the 2nd newest stay too, the oldest goes, and the report is what the preview said', async () => {
    const name = repo();
    await image(`${name}:1`, '2026-01-01T00:00:00Z', { shared: `${name}-base` });
    await image(`${name}:2`, '2026-01-02T00:00:00Z', { shared: `${name}-base` });
    await image(`${name}:3`, '2026-01-02T00:00:00Z', { shared: `${name}-base` });
    await image(`${name}:4`, '2026-01-03T00:00:00Z', { shared: `${name}-base` });
    const rule = await createRule(draft({ images: 'unused', keepNewest: { count: 2, by: 'created' }, repositories: `${name}` }));
    const { preview } = await planRule(rule);
    expect(preview.images.map((going) => going.repoTags)).toEqual([[`${name}:1`]]);
    expect(preview.images[0]!.reason).toBe(`Not among the 2 newest of ${name}.`);
    const reasons = Object.fromEntries(preview.keep.map((kept) => [kept.repoTags[0], kept.reason]));
    expect(reasons[`${name}:4`]).toBe(`The 1st newest of ${name} (keeps 2).`);
    // 2 and 3 were built in the same second: whichever ranks 2nd, the other is kept with it.
    expect([reasons[`${name}:2`], reasons[`${name}:3`]].sort()).toEqual([
      `Built at the same moment as the 2nd newest of ${name}, so kept with it.`,
      `The 2nd newest of ${name} (keeps 2).`,
    ]);
    // Only its own layer goes: the shared one stays with 2, 3 and 4.
    expect(preview.freedBytes).toBeLessThan(64 * KiB);
    const before = layersSize();
    const [report] = await runNow(rule.id, false);
    expect(report!.status).toBe('applied');
    expect(report!.differences).toEqual([]);
    expect(report!.deleted.map((gone) => gone.repoTags)).toEqual([[`${name}:1`]]);
    expect(imageExists(`${name}:1`)).toBe(false);
    for (const tag of [2, 3, 4]) expect(imageExists(`${name}:${tag}`)).toBe(true);
    expect(before - layersSize()).toBe(preview.freedBytes);
    expect(report!.freedBytes).toBe(preview.freedBytes);
  });

  it('older than 1d: an image exactly a day old stays, one a second older goes', async () => {
    const name = repo();
    const created = '2026-02-01T00:00:00Z';
    await image(`${name}:edge`, created);
    const rule = draft({ images: 'unused', olderThan: '1d', repositories: name });
    const exactly = await planRule(rule, new Date(at(created).getTime() + DAY));
    expect(exactly.preview.images).toEqual([]);
    expect(exactly.preview.keep.map((kept) => kept.reason)).toEqual(['Built 1 day ago: not older than 1d.']);
    const later = await planRule(rule, new Date(at(created).getTime() + DAY + 1000));
    expect(later.preview.images.map((going) => going.repoTags[0])).toEqual([`${name}:edge`]);
  });

  it('a byte budget takes the oldest first, and keeps going until the shared layer is freed by the last image holding it', async () => {
    const name = repo();
    await image(`${name}:a`, '2026-03-01T00:00:00Z', { shared: `${name}-big` });
    await image(`${name}:b`, '2026-03-02T00:00:00Z', { shared: `${name}-big` });
    await image(`${name}:c`, '2026-03-03T00:00:00Z');
    // Free 100 KiB: a alone frees its 8 KiB (b still holds the 256 KiB layer), a and b together free it.
    const budget = layersSize() - 100 * KiB;
    const rule = await createRule(draft({ images: 'unused', budgetBytes: budget, repositories: name }));
    const { preview } = await planRule(rule);
    expect(preview.images.map((going) => going.repoTags[0])).toEqual([`${name}:a`, `${name}:b`]);
    expect(preview.freedBytes).toBeGreaterThanOrEqual(256 * KiB);
    expect(preview.budget).toMatchObject({ limit: budget, met: true });
    expect(preview.keep.find((kept) => kept.repoTags[0] === `${name}:c`)?.reason).toMatch(/^Not needed to get under the .* budget\.$/);
    const before = layersSize();
    const [report] = await runNow(rule.id, false);
    expect(report!.status).toBe('applied');
    expect(before - layersSize()).toBe(preview.freedBytes);
    expect(imageExists(`${name}:c`)).toBe(true);
  });

  it('never deletes an image labelled strata.keep=true or one a container uses', async () => {
    const name = repo();
    await image(`${name}:kept`, '2026-01-01T00:00:00Z', { labels: { 'strata.keep': 'true' } });
    await image(`${name}:used`, '2026-01-01T00:00:00Z');
    await image(`${name}:old`, '2026-01-01T00:00:00Z');
    const container = `strata-ret-${serial++}`;
    docker('create', '--network', 'none', '--name', container, `${name}:used`, 'true');
    containers.push(container);
    const rule = await createRule(draft({ images: 'unused', olderThan: '1d', repositories: name }));
    const [report] = await runNow(rule.id, false);
    expect(report!.preview!.keep.map((kept) => [kept.repoTags[0], kept.reason]).sort()).toEqual([
      [`${name}:kept`, 'Labelled strata.keep=true: never deleted.'],
      [`${name}:used`, `Used by container ${container} (stopped).`],
    ]);
    expect(report!.deleted.map((gone) => gone.repoTags[0])).toEqual([`${name}:old`]);
    expect(imageExists(`${name}:kept`)).toBe(true);
    expect(imageExists(`${name}:used`)).toBe(true);
    expect(imageExists(`${name}:old`)).toBe(false);
  });

  it('a schedule runs once per window by the test’s clock, a restart between windows runs nothing twice, missed windows run once', async () => {
    const name = repo();
    await image(`${name}:first`, '2026-01-01T00:00:00Z');
    const rule = await createRule(
      draft({ images: 'unused', olderThan: '1h', repositories: name, schedule: { every: 'hourly', at: '00:00' } }),
    );
    const since = new Date(rule.scheduledSince);
    const window1 = new Date(latestWindow(rule.schedule, since)!.getTime() + 3_600_000);
    const reports = await runDueRules(new Date(window1.getTime() + 60_000));
    expect(reports.map((report) => [report.window, report.status, report.trigger])).toEqual([
      [window1.toISOString(), 'applied', 'schedule'],
    ]);
    expect(imageExists(`${name}:first`)).toBe(false);
    expect(await runDueRules(new Date(window1.getTime() + 120_000))).toEqual([]);
    // A restart: a fresh scheduler module, with only what is on disk.
    vi.resetModules();
    const fresh = await import('@/lib/docker/retention/scheduler');
    expect(await fresh.runDueRules(new Date(window1.getTime() + 30 * 60_000))).toEqual([]);
    await image(`${name}:second`, '2026-01-01T00:00:00Z');
    // Down for three windows: one run, for the newest.
    const window4 = new Date(window1.getTime() + 3 * 3_600_000);
    const later = await fresh.runDueRules(new Date(window4.getTime() + 60_000));
    expect(later.map((report) => report.window)).toEqual([window4.toISOString()]);
    expect(imageExists(`${name}:second`)).toBe(false);
    expect((await claimedWindows())[rule.id]?.[engine]).toBe(window4.toISOString());
    expect((await retentionOverview()).rules[0]!.lastRuns[0]!.window).toBe(window4.toISOString());
    // The audit log has each scheduled run.
    const audited = (await readAudit()).filter((entry) => entry.client === 'scheduler' && entry.target.includes(rule.id));
    expect(audited.map((entry) => [entry.method, entry.status, entry.engine])).toEqual([
      ['RUN', 200, engine],
      ['RUN', 200, engine],
    ]);
  });

  it('a run that finds over twice its saved preview deletes nothing until confirmed again', async () => {
    const name = repo();
    await image(`${name}:1`, '2026-01-01T00:00:00Z');
    const rule = await createRule(draft({ images: 'unused', olderThan: '1d', repositories: name }));
    expect(rule.baseline[engine]).toMatchObject({ images: 1 });
    for (const tag of [2, 3]) await image(`${name}:${tag}`, '2026-01-01T00:00:00Z');
    const [held] = await runNow(rule.id, false);
    expect(held!.status).toBe('held');
    expect(held!.message).toMatch(
      /^It would now delete 3 images \(.*\), more than twice what its preview showed when the rule was saved \(1 image, .*\): nothing was deleted\./,
    );
    for (const tag of [1, 2, 3]) expect(imageExists(`${name}:${tag}`)).toBe(true);
    const [confirmed] = await runNow(rule.id, true);
    expect(confirmed!.status).toBe('applied');
    expect(confirmed!.deletedImages).toBe(3);
    for (const tag of [1, 2, 3]) expect(imageExists(`${name}:${tag}`)).toBe(false);
    expect((await getRule(rule.id)).baseline[engine]).toMatchObject({ images: 3 });
  });

  it('an edit that changes the schedule starts it afresh and records a new baseline; a deleted rule runs no more', async () => {
    const name = repo();
    await image(`${name}:1`, '2026-01-01T00:00:00Z');
    const rule = await createRule(
      draft({ images: 'unused', olderThan: '1d', repositories: name, schedule: { every: 'hourly', at: '00:00' } }),
    );
    await image(`${name}:2`, '2026-01-01T00:00:00Z');
    const edited = await updateRule(
      rule.id,
      draft({ images: 'unused', olderThan: '1d', repositories: name, schedule: { every: 'daily', at: '04:00' } }),
    );
    expect(edited.baseline[engine]).toMatchObject({ images: 2 });
    expect(Date.parse(edited.scheduledSince)).toBeGreaterThan(Date.parse(rule.scheduledSince));
    expect((await retentionOverview()).rules[0]!.nextRun).toBe(nextWindow(edited.schedule, new Date())!.toISOString());
    await deleteRule(rule.id);
    expect(await runDueRules(new Date(Date.now() + 2 * DAY))).toEqual([]);
    expect([imageExists(`${name}:1`), imageExists(`${name}:2`)]).toEqual([true, true]);
    await expect(getRule(rule.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('read-only mode runs no schedule and claims no window', async () => {
    const name = repo();
    await image(`${name}:1`, '2026-01-01T00:00:00Z');
    const rule = await createRule(
      draft({ images: 'unused', olderThan: '1d', repositories: name, schedule: { every: 'daily', at: '03:00' } }),
    );
    process.env.STRATA_READ_ONLY = '1';
    expect(await runDueRules(new Date(Date.parse(rule.scheduledSince) + 2 * DAY))).toEqual([]);
    expect(await claimedWindows()).toEqual({});
    const overview = await retentionOverview();
    expect([overview.readOnly, overview.rules[0]!.nextRun]).toEqual([true, null]);
    expect(imageExists(`${name}:1`)).toBe(true);
  });

  it('build cache unused for longer than the age goes with the run, exactly the records previewed', async () => {
    const base = privateBase('strata-ret/bk-base:1');
    const tag = `${repo()}:bk`;
    buildKitBuild(SANDBOX_SOCKET, tag, `FROM ${base}\nRUN echo retention ${tag} > /r\n`);
    docker('rmi', tag);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
    // The rule's clock a day ahead: every record is older than 1d by it (the engine's cutoff stays in the real past).
    const rule = await createRule(draft({ images: 'dangling', repositories: 'strata-ret/none-*', buildCacheOlderThan: '1d' }));
    const later = new Date(Date.now() + DAY + 60_000);
    const { preview } = await planRule(rule, later);
    const records = preview.buildCache!.records;
    expect(records.some((record) => record.description.includes(`echo retention ${tag}`))).toBe(true);
    const report = await runRule(rule, { trigger: 'manual', now: later });
    expect(report.status).toBe('applied');
    expect(report.differences).toEqual([]);
    expect(report.buildCacheDeleted).toBe(records.length);
    expect(report.buildCacheBytes).toBe(preview.buildCache!.bytes);
    const left = new Set(buildCacheRecords(SANDBOX_SOCKET).map((record) => record.ID));
    for (const record of records) expect(left.has(record.id)).toBe(false);
  });

  it('a manual prune while a rule runs is refused in plain words and deletes nothing', async () => {
    const name = repo();
    const id = await image(`${name}:1`, '2026-01-01T00:00:00Z');
    const rule = await createRule(draft({ name: 'nightly', images: 'unused', olderThan: '1d', repositories: name }));
    const running = runRule(rule, { trigger: 'manual' });
    // Scoped to the rule's own image, so even a lock that failed could not empty the engine.
    const refused = await prune({ target: 'unused', dryRun: false, only: [id], expect: [id] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StrataError);
    expect((refused as StrataError).message).toBe(
      'A cleanup is already running on this engine (the retention rule “nightly”). Nothing was changed: wait for it to finish, then preview again.',
    );
    expect((await running).status).toBe('applied');
  });

  it('a scheduled run that finds a prune under way waits for it, then runs its window', async () => {
    const name = repo();
    await image(`${name}:1`, '2026-01-01T00:00:00Z');
    const rule = await createRule(
      draft({ images: 'unused', olderThan: '1d', repositories: name, schedule: { every: 'hourly', at: '00:30' } }),
    );
    const window = new Date(latestWindow(rule.schedule, new Date(rule.scheduledSince))!.getTime() + 3_600_000);
    let release = () => {};
    const manual = exclusivePrune(() => new Promise<void>((resolve) => (release = resolve)));
    const scheduled = runDueRules(new Date(window.getTime() + 60_000));
    setTimeout(() => release(), 1000);
    await manual;
    const reports = await scheduled;
    expect(reports.map((report) => [report.window, report.status])).toEqual([[window.toISOString(), 'applied']]);
    expect(imageExists(`${name}:1`)).toBe(false);
  }, 30_000);
});
