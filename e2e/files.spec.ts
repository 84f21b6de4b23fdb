import { expect, test } from '@playwright/test';
import { buildThrowaway, docker } from './support/engine';

const REF = 'strata-e2e/waste:1';

test.describe('Files and wasted space', () => {
  test.beforeAll(() => {
    buildThrowaway(REF, 'waste', [
      'RUN mkdir /data && dd if=/dev/zero of=/data/big bs=1000 count=1 2>/dev/null',
      'RUN rm /data/big',
      'RUN echo hello > /f.txt',
      'RUN chmod 600 /f.txt',
    ]);
  });
  test.afterAll(() => docker('rmi', REF));

  test('analyses the layers, explains each waste with a link to its step, and browses the tree by keyboard', async ({ page }) => {
    await page.goto('/images/strata-e2e%2Fwaste%3A1');
    const section = page.getByRole('region', { name: 'Files and wasted space' });
    await section.getByRole('button', { name: 'Analyse layers' }).click();
    await expect(section.getByTestId('wasted-bytes')).toHaveText('1.01kB');
    const wasted = section.getByRole('list', { name: 'Wasted space' });
    await expect(wasted.getByRole('listitem').first()).toContainText('data/big — Added in layer 3, deleted in layer 4');
    await expect(wasted).toContainText('f.txt — Only its mode or owner changed');
    await expect(wasted.getByRole('link', { name: /^step \d+$/ }).first()).toHaveAttribute('href', /#step-\d+$/);

    await section.getByRole('button', { name: 'Filesystem as of this layer' }).click();
    const tree = section.getByRole('tree');
    await tree.focus();
    await expect(tree.getByRole('treeitem').first()).toContainText('bin/');
    await page.keyboard.press('ArrowRight');
    await expect(tree.getByRole('treeitem').first()).toHaveAttribute('aria-expanded', 'true');
    await expect(tree.locator('[data-path="bin/busybox"]')).toBeVisible();
    await section.getByLabel('Filter files').fill('f.txt');
    await expect(tree.getByRole('treeitem')).toHaveCount(1);
    await expect(tree.getByRole('treeitem')).toContainText('mode/owner only');
  });
});
