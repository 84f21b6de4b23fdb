import { expect, test } from '@playwright/test';
import { buildImage, docker, sandboxKind, tagExists } from './support/engine';

const dangling = () => docker('image', 'ls', '-q', '--no-trunc', '--filter', 'dangling=true').split('\n').filter(Boolean);

test.describe('Cleanup', () => {
  test('preview → confirm → result for a chosen subset of dangling images, exactly as previewed', async ({ page }) => {
    // Two rebuilds of each tag leave one dangling image each, made while Strata is watching.
    const first = buildImage('strata-e2e/rebuild:1', 'one');
    buildImage('strata-e2e/rebuild:1', 'two');
    const second = buildImage('strata-e2e/other:1', 'three');
    buildImage('strata-e2e/other:1', 'four');
    const before = dangling();
    expect(before).toEqual(expect.arrayContaining([first, second]));
    try {
      await page.goto('/cleanup');
      const table = page.getByRole('table', { name: 'Will be deleted' });
      // Every dangling image, plus (each on its own row) the legacy-build intermediates that go with them.
      for (const id of before) await expect(table.locator(`tr[data-image-id="${id}"]`)).toHaveCount(1);
      const rows = table.locator('tr[data-image-id]');
      await expect(rows).toHaveCount(before.length + (await rows.filter({ hasText: 'Intermediate of a legacy build of' }).count()));
      await expect(table.locator(`tr[data-image-id="${first}"]`)).toContainText('was strata-e2e/rebuild:1');

      await table.getByRole('checkbox', { name: 'Select all' }).uncheck();
      await expect(page.getByTestId('prune-summary')).toHaveText('Nothing selected.');
      for (const id of [first, second]) await table.locator(`tr[data-image-id="${id}"]`).getByRole('checkbox').check();
      const freed = await table.locator(`tr[data-image-id="${first}"] td`).nth(4).textContent();
      // Each holds one small layer of its own: a few bytes on the classic store; on the containerd store
      // the blocks of one unpacked snapshot, a few kB.
      const small = sandboxKind() === 'classic' ? '\\d+B' : '\\d+(\\.\\d+)?kB';
      await expect(page.getByTestId('prune-summary')).toHaveText(new RegExp(`^Selected: 2 images, freeing ${small}\\.$`));
      const summary = (await page.getByTestId('prune-summary').textContent())!;
      const bytes = /freeing (.+)\.$/.exec(summary)![1]!;
      expect(freed).toMatch(new RegExp(`^${small}$`));

      await page.getByRole('button', { name: 'Clean up…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete for real?' });
      await expect(dialog).toContainText(`This deletes 2 images and frees ${bytes}.`);
      await dialog.getByRole('button', { name: `Delete 2 and free ${bytes}` }).click();

      const result = page.getByRole('region', { name: 'Cleanup result' });
      // Applying re-plans against the engine first; on the containerd store with its intermediates that can take a while.
      await expect(result).toContainText('Done, exactly as previewed', { timeout: 30_000 });
      await expect(result).toContainText('2 images (preview: 2)');
      await expect(result).toContainText(`${bytes} (preview: ${bytes})`);
      expect(tagExists(first) || tagExists(second)).toBe(false);
      // Only the chosen ones went: every other dangling image is still there.
      expect(dangling().sort()).toEqual(before.filter((id) => id !== first && id !== second).sort());
    } finally {
      for (const ref of ['strata-e2e/rebuild:1', 'strata-e2e/other:1', first, second]) {
        try {
          docker('rmi', '-f', ref);
        } catch {
          // gone
        }
      }
    }
  });

  test('the unused preview names the container that keeps an image, and says what is reclaimable', async ({ page }) => {
    await page.goto('/cleanup');
    await page.getByRole('tab', { name: 'Unused images' }).click();
    const kept = page.getByRole('table', { name: 'Kept' });
    if (sandboxKind() === 'classic') {
      await expect(kept.getByRole('row').filter({ hasText: 'strata-fixture/used:1' })).toContainText(
        'Used by container strata-fixture-used (stopped).',
      );
      // An image others are built on stays (it loses its tag) on the classic store ...
      await expect(kept.getByRole('row').filter({ hasText: 'strata-fixture/base:1' })).toContainText(
        'The engine still removes the tag strata-fixture/base:1.',
      );
    } else {
      // ... while the containerd store has no parent/child rule: a container keeps the name it was made
      // from, and every other record goes.
      await expect(kept.getByRole('row').filter({ hasText: 'strata-fixture/used:1' })).toContainText(
        'Used by container strata-fixture-used (stopped): it keeps strata-fixture/used:1.',
      );
      const base = docker('image', 'inspect', '--format', '{{.Id}}', 'strata-fixture/base:1');
      await expect(page.getByRole('table', { name: 'Will be deleted' }).locator(`tr[data-image-id="${base}"]`)).toContainText(
        'No container uses it; the images built on it keep the layers they share with it.',
      );
    }
    await expect(page.getByRole('region', { name: 'Disk usage' }).locator('[data-usage="Images"]')).toContainText('reclaimable');
    const summary = (await page.getByTestId('prune-summary').textContent())!;
    await expect(page.getByRole('region', { name: 'Disk usage' }).locator('[data-usage="Images"]')).toContainText(
      `${/freeing (.+)\.$/.exec(summary)![1]} reclaimable`,
    );
    await page.getByLabel('Older than').fill('2');
    await expect(page.getByText('Use 24h, 7d, 90m or a date.')).toBeVisible();
  });
});
