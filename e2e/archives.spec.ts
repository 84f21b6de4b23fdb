import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { buildThrowaway, docker, imageExists } from './support/engine';

const work = mkdtempSync(path.join(os.tmpdir(), 'strata-e2e-archives-'));

test.describe('Archives', () => {
  test('Save on an image page downloads the engine’s archive, and Load brings the deleted image back', async ({ page }) => {
    const id = buildThrowaway('strata-e2e/saved:1', `saved-${Date.now()}`);
    // The browser's download manager path (the streaming save picker needs a person to pick a file).
    await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
    await page.goto('/images/strata-e2e%2Fsaved%3A1');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save as .tar' }).click();
    const file = path.join(work, 'saved.tar');
    await (await download).saveAs(file);
    expect((await download).suggestedFilename()).toBe('strata-e2e_saved_1.tar');
    expect(execFileSync('tar', ['-tf', file], { encoding: 'utf8' })).toContain('manifest.json');

    docker('rmi', 'strata-e2e/saved:1');
    expect(imageExists('strata-e2e/saved:1')).toBe(false);

    await page.goto('/archives');
    await page.getByLabel('Image archive to load').setInputFiles(file);
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await expect(page.getByText('Loaded 1 image:')).toBeVisible();
    await expect(page.getByRole('link', { name: 'strata-e2e/saved:1' })).toBeVisible();
    expect(docker('image', 'inspect', '--format', '{{.Id}}', 'strata-e2e/saved:1')).toBe(id);
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
    docker('rmi', '-f', 'strata-e2e/saved:1');
  });

  test('a file that is not an image archive is refused with a reason, and Import makes an image from a root filesystem', async ({
    page,
  }) => {
    const root = path.join(work, 'rootfs');
    execFileSync('sh', ['-c', `mkdir -p ${root}/bin && cp "$(command -v busybox)" ${root}/bin/busybox && ln -sf busybox ${root}/bin/sh`]);
    const rootfs = path.join(work, 'rootfs.tar');
    execFileSync('tar', ['-cf', rootfs, '-C', root, '.']);

    await page.goto('/archives');
    await page.getByLabel('Image archive to load').setInputFiles(rootfs);
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    const refusal = page.getByRole('region', { name: 'Load an image archive' }).getByRole('alert');
    await expect(refusal).toContainText('not an image archive');
    await expect(refusal).toContainText('Import');

    await page.getByLabel('Root filesystem tarball').setInputFiles(rootfs);
    await page.getByPlaceholder('my-base:1').fill('strata-e2e/imported:1');
    await page
      .getByRole('textbox', { name: 'Config changes, one per line' })
      .fill('CMD ["/bin/sh", "-c", "echo hello from import"]\nWORKDIR /srv');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByText('Imported as')).toBeVisible();
    await expect(page.getByRole('link', { name: 'strata-e2e/imported:1' })).toBeVisible();
    expect(docker('run', '--rm', '--network', 'none', 'strata-e2e/imported:1')).toBe('hello from import');
    expect(readFileSync(rootfs).length).toBeGreaterThan(0);
    docker('rmi', '-f', 'strata-e2e/imported:1');
  });
});
