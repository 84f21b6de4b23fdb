// The cleanup page's build-cache tab on real BuildKit records, made here with raw `version=2` builds over
// the sandbox's socket (both sandbox engines keep BuildKit records: 20.10 and 28.5 take such a build
// without a session). The figures expected are the engine's own, read straight from /system/df.
import { expect, test } from '@playwright/test';
import { bytesText } from './support/bytes';
import { SANDBOX_HOST, docker, sandboxKind } from './support/engine';
import { buildCacheRecords, buildKitBuild, pruneAllBuildCache } from '../tests/support/buildkit';

const socket = SANDBOX_HOST.replace(/^unix:\/\//, '');
const build = (tag: string, step: string) => buildKitBuild(socket, tag, `FROM strata-fixture/base:1\nRUN ${step}\n`);
const recordsNamed = (text: string) => buildCacheRecords(socket).filter((record) => record.Description.includes(text));

test.describe('Cleanup: build cache', () => {
  test('with no records: an empty state that says where records come from on this engine', async ({ page }) => {
    pruneAllBuildCache(socket);
    await page.goto('/cleanup?tab=build-cache');
    await expect(page.getByText('No build cache records')).toBeVisible();
    await expect(page.getByTestId('builder-note')).toContainText(
      sandboxKind() === 'modern' ? 'This engine builds with BuildKit' : 'This engine builds with the classic builder',
    );
    await expect(page.getByRole('button', { name: 'Clean up…' })).toBeDisabled();
  });

  test('lists every record; preview → confirm → result reports exactly what the engine removed', async ({ page }) => {
    pruneAllBuildCache(socket);
    build('strata-e2e/bk-gone:1', 'echo e2e-gone > /gone');
    build('strata-e2e/bk-kept:1', 'echo e2e-kept > /kept');
    // Its image gone, the step's record is no image's layer any more: a plain prune takes it.
    docker('rmi', 'strata-e2e/bk-gone:1');
    try {
      const before = buildCacheRecords(socket);
      await page.goto('/cleanup?tab=build-cache');
      const table = page.getByRole('table', { name: 'Build cache records' });
      await expect(table.locator('tr[data-record-id]')).toHaveCount(before.length);
      const gone = table.locator('tr[data-record-id]').filter({ hasText: 'echo e2e-gone' });
      await expect(gone).toContainText('Goes');
      const kept = table.locator('tr[data-record-id]').filter({ hasText: 'echo e2e-kept' });
      await expect(kept).toContainText('Stays');
      await expect(kept).toContainText('Shared with an image');

      // "All" takes the shared record too; back to plain for the apply.
      await page.getByRole('checkbox', { name: /All/ }).check();
      await expect(kept).toContainText('Goes');
      await page.getByRole('checkbox', { name: /All/ }).uncheck();
      await expect(kept).toContainText('Stays');

      const summary = page.getByTestId('prune-summary');
      await expect(summary).toHaveText(new RegExp(`^\\d+ cache records? of ${before.length}, freeing .+\\.$`));
      const [, count, bytes] = /^(\d+) cache records? of \d+, freeing (.+)\.$/.exec((await summary.textContent())!)!;

      await page.getByRole('button', { name: 'Clean up…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete for real?' });
      await dialog.getByRole('button', { name: `Delete ${count} and free ${bytes}` }).click();
      const result = page.getByRole('region', { name: 'Cleanup result' });
      await expect(result).toContainText('Done, exactly as previewed', { timeout: 30_000 });
      await expect(result).toContainText(`${count} cache record${count === '1' ? '' : 's'} (preview: ${count})`);
      await expect(result).toContainText(`${bytes} (preview: ${bytes})`);

      // The engine's side: the records that went are as many as previewed and their sizes make the bytes shown.
      const after = new Set(buildCacheRecords(socket).map((record) => record.ID));
      const removed = before.filter((record) => !after.has(record.ID));
      expect(removed.length).toBe(Number(count));
      expect(bytesText(removed.reduce((sum, record) => sum + record.Size, 0))).toBe(bytes);
      expect(recordsNamed('echo e2e-gone')).toEqual([]);
      expect(recordsNamed('echo e2e-kept')).toHaveLength(1);
    } finally {
      try {
        docker('rmi', 'strata-e2e/bk-kept:1');
      } catch {
        // gone
      }
    }
  });
});
