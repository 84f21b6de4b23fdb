import { expect, test } from '@playwright/test';
import { CleanupPage } from './pages/cleanup-page';
import { buildThrowaway, docker, imageExists, imageId, sandboxKind } from './support/engine';

const dangling = () => docker('image', 'ls', '-q', '--no-trunc', '--filter', 'dangling=true').split('\n').filter(Boolean);

test.describe('Cleanup', () => {
  test('preview → confirm → result for a chosen subset of dangling images, exactly as previewed', async ({ page }) => {
    // Two rebuilds of each tag leave one dangling image each, made while Strata is watching.
    const first = buildThrowaway('strata-e2e/rebuild:1', 'one');
    buildThrowaway('strata-e2e/rebuild:1', 'two');
    const second = buildThrowaway('strata-e2e/other:1', 'three');
    buildThrowaway('strata-e2e/other:1', 'four');
    const before = dangling();
    expect(before).toEqual(expect.arrayContaining([first, second]));
    try {
      const cleanup = new CleanupPage(page);
      await cleanup.open();
      // Every dangling image, plus (each on its own row) the legacy-build intermediates that go with them.
      for (const id of before) await expect(cleanup.toDelete(id)).toHaveCount(1);
      const rows = cleanup.toDeleteRows();
      await expect(rows).toHaveCount(before.length + (await rows.filter({ hasText: 'Intermediate of a legacy build of' }).count()));
      await expect(cleanup.toDelete(first)).toContainText('was strata-e2e/rebuild:1');

      await cleanup.selectAll().uncheck();
      await expect(cleanup.summary).toHaveText('Nothing selected.');
      for (const id of [first, second]) await cleanup.select(id);
      const freed = await cleanup.frees(first);
      // Each holds one small layer of its own: a few bytes on the classic store; on the containerd store
      // the blocks of one unpacked snapshot, a few kB.
      const small = sandboxKind() === 'classic' ? '\\d+B' : '\\d+(\\.\\d+)?kB';
      await expect(cleanup.summary).toHaveText(new RegExp(`^Selected: 2 images, freeing ${small}\\.$`));
      const bytes = await cleanup.freeing();
      expect(freed).toMatch(new RegExp(`^${small}$`));

      await cleanup.cleanUp();
      await expect(cleanup.confirm).toContainText(`This deletes 2 images and frees ${bytes}.`);
      await cleanup.confirm.getByRole('button', { name: `Delete 2 and free ${bytes}` }).click();

      const result = cleanup.result;
      // Applying re-plans against the engine first; on the containerd store with its intermediates that can take a while.
      await expect(result).toContainText('Done, exactly as previewed', { timeout: 30_000 });
      await expect(result).toContainText('2 images (preview: 2)');
      await expect(result).toContainText(`${bytes} (preview: ${bytes})`);
      expect(imageExists(first) || imageExists(second)).toBe(false);
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
    const cleanup = new CleanupPage(page);
    await cleanup.open();
    await cleanup.tab('Unused images');
    if (sandboxKind() === 'classic') {
      await expect(cleanup.keptRow('strata-fixture/used:1')).toContainText('Used by container strata-fixture-used (stopped).');
      // An image others are built on stays (it loses its tag) on the classic store ...
      await expect(cleanup.keptRow('strata-fixture/base:1')).toContainText('The engine still removes the tag strata-fixture/base:1.');
    } else {
      // ... while the containerd store has no parent/child rule: a container keeps the name it was made
      // from, and every other record goes.
      await expect(cleanup.keptRow('strata-fixture/used:1')).toContainText(
        'Used by container strata-fixture-used (stopped): it keeps strata-fixture/used:1.',
      );
      await expect(cleanup.toDelete(imageId('strata-fixture/base:1'))).toContainText(
        'No container uses it; the images built on it keep the layers they share with it.',
      );
    }
    await expect(cleanup.usage('Images')).toContainText('reclaimable');
    await expect(cleanup.usage('Images')).toContainText(`${await cleanup.freeing()} reclaimable`);
    await cleanup.olderThan.fill('2');
    await expect(page.getByText('Use 24h, 7d, 90m or a date.')).toBeVisible();
  });
});
