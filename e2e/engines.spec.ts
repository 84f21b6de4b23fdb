// Many engines, as a person with two Docker contexts meets them: the switcher, the inventory across
// hosts with its drift, and a copy from one engine to the other.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { OTHER_CONTEXT, OTHER_SANDBOX_DIR } from './support/contexts';
import { MULTI_PORT } from './support/servers';
import { buildImage, docker, engineGet } from '../tests/support/sandbox';

const base = `http://127.0.0.1:${MULTI_PORT}`;
const otherSocket = `${OTHER_SANDBOX_DIR}/docker.sock`;
const onOther = (...args: string[]) =>
  execFileSync('docker', args, {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_HOST: `unix://${otherSocket}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
const removeEverywhere = (tag: string) => {
  for (const run of [docker, onOther]) {
    try {
      run('rmi', '-f', tag);
    } catch {
      // not there
    }
  }
};

test.describe('Many engines', () => {
  test.skip(!OTHER_SANDBOX_DIR, 'needs the other sandbox engine (STRATA_OTHER_SANDBOX_DIR, set by scripts/test.sh)');

  test('the switcher lists every engine, opens the same page on another, and links keep it', async ({ page }) => {
    await page.goto(`${base}/images`);
    const switcher = page.getByRole('combobox', { name: 'Engine' });
    await expect(switcher.locator('option')).toHaveText([
      /^default \(current\) · (classic|containerd)$/,
      /^other · (classic|containerd)$/,
      'old-server · not answering',
    ]);
    await switcher.selectOption(OTHER_CONTEXT);
    await expect(page).toHaveURL(/\/images\?engine=other$/);
    const count = engineGet<unknown[]>('/images/json', otherSocket).length;
    await expect(page.getByText(`Showing ${count} of ${count} images`)).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cleanup' }).click();
    await expect(page).toHaveURL(/\/cleanup\?engine=other/);
    await expect(switcher).toHaveValue(OTHER_CONTEXT);
  });

  test('the inventory shows both hosts, the one that is down, and the tags that drifted', async ({ page }) => {
    await page.goto(`${base}/inventory`);
    const engines = page.getByRole('region', { name: 'Engines', exact: true });
    await expect(engines.getByRole('listitem').filter({ hasText: 'old-server' })).toContainText('not answering');
    await expect(engines.getByRole('listitem').filter({ hasText: 'other' })).toContainText(
      `${engineGet<unknown[]>('/images/json', otherSocket).length} images`,
    );
    // Each sandbox imported its own busybox base: the same tag, different content on each host.
    const drift = page.getByRole('region', { name: /^Drift:/ });
    await expect(drift.getByRole('listitem').filter({ hasText: 'strata-fixture/base:1 is one image on' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Show' }).selectOption('drift');
    await expect(page).toHaveURL(/show=drift/);
  });

  test('copies an image to the other engine with its tags, then opens it there', async ({ page }) => {
    const tag = `strata-e2e/copied:${Date.now()}`;
    buildImage(tag, `FROM strata-fixture/base:1\nLABEL strata.e2e.copy="${tag}"\n`);
    try {
      await page.goto(`${base}/images/${encodeURIComponent(tag)}`);
      await page.getByRole('button', { name: 'Copy to engine…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Copy to another engine' });
      await expect(dialog.getByRole('combobox', { name: 'To engine' })).toHaveValue(OTHER_CONTEXT);
      await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
      await expect(dialog.getByText(`Copied to other: ${tag}`)).toBeVisible({ timeout: 60_000 });
      expect(onOther('image', 'inspect', '--format', '{{json .RepoTags}}', tag)).toContain(tag);
      await dialog.getByRole('link', { name: 'Open on other' }).click();
      await expect(page).toHaveURL(/engine=other/);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(tag);
      // One content, two hosts: one inventory row that names both.
      await page.goto(`${base}/inventory?q=${encodeURIComponent(tag)}`);
      const row = page.getByRole('table', { name: 'Inventory' }).getByRole('row').filter({ hasText: tag });
      await expect(row.getByRole('link', { name: 'default' })).toBeVisible();
      await expect(row.getByRole('link', { name: 'other' })).toBeVisible();
    } finally {
      removeEverywhere(tag);
    }
  });
});
