import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { docker, engineHistory, sandboxKind } from './support/engine';
import { bytesText } from './support/bytes';
import { HistoryPage } from './pages/history-page';

const STEPS = 'strata-fixture/steps:1';

// The figures as the engine gives them: layer bytes on the classic store, snapshot blocks on the
// containerd store (where even the 0-byte `RUN mkdir /data` layer takes a directory's blocks).
const bytesOf = (ref: string) => engineHistory(ref).reduce((sum, step) => sum + step.Size, 0);
const stepBytes = (createdBy: RegExp) => engineHistory('strata-fixture/steps:1').find((step) => createdBy.test(step.CreatedBy))!.Size;
const web = () => bytesText(bytesOf('strata-fixture/web:1'));
const own = () => bytesText(bytesOf('strata-fixture/steps:1') - bytesOf('strata-fixture/web:1'));

test.describe('Layer history and breakdown', () => {
  test('the timeline tells metadata steps, empty RUNs and 0-byte layers apart, from the base up', async ({ page }) => {
    const history = new HistoryPage(page);
    await history.open(STEPS);
    await expect(history.baseImage()).toContainText(`FROM strata-fixture/web:1 — 2 layers, ${web()}, 7 steps`);
    await expect(history.allSteps()).toHaveCount(15);
    await expect(history.step(1)).toContainText('IMPORT busybox-static root filesystem');
    await expect(history.step(1)).toContainText('tagged strata-fixture/base:1');
    await expect(history.step(11)).toContainText('RUN true');
    await expect(history.step(11)).toContainText('no layer: it changed no files');
    await expect(history.step(12)).toContainText('layer 4');
    if (sandboxKind() === 'classic') await expect(history.step(12)).toContainText('a real layer that adds 0 bytes');
    else await expect(history.step(12)).toContainText(bytesText(stepBytes(/mkdir \/data/)));
    await expect(history.step(13)).toContainText(bytesText(stepBytes(/blob\.bin/)));
    expect(stepBytes(/blob\.bin/)).toBeGreaterThanOrEqual(50_000);
    await expect(history.step(8)).toContainText('no layer: metadata only');
    await expect(history.step(3)).toContainText('also in strata-fixture/web:1 (stored once)');
  });

  test('secret-looking values stay hidden until revealed', async ({ page }) => {
    const history = new HistoryPage(page);
    await history.open(STEPS);
    const env = history.step(9);
    await expect(env).toContainText('ENV DB_PASSWORD=•••••• MODE=demo');
    await expect(page.getByText('hunter2')).toHaveCount(0);
    await page.getByRole('button', { name: 'Reveal secret-looking values' }).click();
    await expect(env).toContainText('ENV DB_PASSWORD=hunter2 MODE=demo');
  });

  test('the breakdown adds up, and Export PNG downloads a real 2× image', async ({ page }) => {
    const history = new HistoryPage(page);
    await history.open(STEPS);
    const card = history.breakdown;
    await expect(card).toContainText(
      `strata-fixture/steps:1 ${sandboxKind() === 'classic' ? 'is' : 'unpacks to'} ${bytesText(bytesOf('strata-fixture/steps:1'))} in 5 layers: ${web()} from its base strata-fixture/web:1, ${own()} its own.`,
    );
    await expect(history.largestLayers().first()).toContainText('IMPORT busybox-static');
    const download = page.waitForEvent('download');
    await card.getByRole('link', { name: 'Export PNG' }).click();
    const file = await (await download).path();
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2400, 1260]);
    expect(png.length).toBeGreaterThan(20_000);
  });

  test('Copy as Markdown copies a redacted table, and the permalink opens the breakdown', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const history = new HistoryPage(page);
    await history.open(STEPS);
    const card = history.breakdown;
    await card.getByRole('button', { name: 'Copy as Markdown' }).click();
    await expect(card.getByRole('status')).toHaveText('Markdown copied');
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    expect(markdown).toContain('### strata-fixture/steps:1: layer history');
    expect(markdown).toContain(`| 12 | RUN | ${bytesText(stepBytes(/mkdir \/data/))} | 4 | \`RUN mkdir /data\` |`);
    expect(markdown).toContain('DB_PASSWORD=••••••');
    expect(markdown).not.toContain('hunter2');
    await card.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const id = docker('image', 'inspect', '--format', '{{.Id}}', 'strata-fixture/steps:1').replace('sha256:', '');
    expect(link).toMatch(new RegExp(`/images/${id}#breakdown$`));
    await page.goto(link);
    await expect(history.breakdown).toBeInViewport();
  });

  test('“Compare with” shows what a build changed', async ({ page }) => {
    const history = new HistoryPage(page);
    await history.open(STEPS);
    const compare = await history.compareWith('strata-fixture/web:1');
    await expect(page).toHaveURL(/\/images\/compare\?a=.+&b=.+/);
    const summary = compare.summary;
    await expect(summary).toContainText(`Shared layers2 layers · ${web()}`);
    await expect(summary).toContainText(`Only in A3 layers · ${own()}`);
    await expect(summary).toContainText('Only in B0 layers · 0B');
    await expect(compare.rows('same')).toHaveCount(7);
    await expect(compare.rows('only-a')).toHaveCount(8);
    await expect(compare.rows('only-a').filter({ hasText: 'RUN dd' })).toContainText(`−${bytesText(stepBytes(/blob\.bin/))}`);
  });
});
