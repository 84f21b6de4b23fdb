// Picking one platform of a multi-platform image on its page, and the index in the graph. The index is
// made offline by scripts/multi-platform-image.sh, which needs the containerd image store (the modern
// engine); on the classic engine every image is one platform, and the picker must not appear.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { docker, engineGet, imageExists, SANDBOX_DIR, SANDBOX_HOST } from './support/engine';

const TAG = 'strata-e2e/multi:1';
const containerd = (() => {
  const info = JSON.parse(docker('info', '--format', '{{json .DriverStatus}}')) as [string, string][] | null;
  return (info ?? []).some(([key, value]) => key === 'driver-type' && value.startsWith('io.containerd.snapshotter'));
})();

test.describe('Platforms of an image', () => {
  test('a single-platform image has no platform picker', async ({ page }) => {
    await page.goto('/images/strata-fixture%2Fapp%3A1.0');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('strata-fixture/app:1.0');
    await expect(page.getByRole('region', { name: 'Platforms' })).toContainText('A single-platform image.');
    await expect(page.getByRole('combobox', { name: 'Platform', exact: true })).toHaveCount(0);
  });

  test.describe('a two-platform index (containerd store)', () => {
    test.skip(!containerd, 'only the containerd image store holds a multi-platform index');
    let id = '';
    test.beforeAll(() => {
      const script = path.resolve(__dirname, '../scripts/multi-platform-image.sh');
      id = execFileSync(script, [TAG, '--missing'], {
        encoding: 'utf8',
        env: { ...process.env, DOCKER_HOST: SANDBOX_HOST, STRATA_SANDBOX_DIR: SANDBOX_DIR },
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
    });
    test.afterAll(() => {
      if (imageExists(TAG)) docker('rmi', TAG);
    });

    test('picks linux/arm64: the URL keeps it, and the history and files on the page are arm64’s', async ({ page }) => {
      await page.goto(`/images/${id.replace('sha256:', '')}`);
      const picker = page.getByRole('combobox', { name: 'Platform', exact: true });
      await expect(picker).toHaveValue('linux/amd64');
      const timeline = page.getByRole('region', { name: /Layer history/ });
      await expect(timeline).toContainText('multi-platform-image.sh amd64');
      // A platform whose content is not here cannot be picked.
      await expect(picker.getByRole('option', { name: /linux\/arm\/v7/ })).toBeDisabled();

      await picker.selectOption('linux/arm64');
      await expect(page).toHaveURL(/[?&]platform=linux%2Farm64/);
      await expect(timeline).toContainText('linux/arm64');
      await expect(timeline).toContainText('multi-platform-image.sh arm64');
      await expect(timeline).not.toContainText('multi-platform-image.sh amd64');
      const platform = encodeURIComponent(JSON.stringify({ os: 'linux', architecture: 'arm64' }));
      const inspect = engineGet<{ RootFS: { Layers: string[] } }>(`/images/${TAG}/json?platform=${platform}`);
      const diffId = inspect.RootFS.Layers[0]!;
      await expect(page.getByRole('list', { name: 'Layer diff IDs' })).toContainText(diffId);

      // The foreign platform's files, read from its own export.
      await page.getByRole('button', { name: 'Analyse layers' }).click();
      await expect(page.getByRole('tree', { name: /Changes in layer 1/ })).toContainText('arm64-data', { timeout: 30_000 });

      // A reload (or a shared link) opens the same platform.
      await page.reload();
      await expect(picker).toHaveValue('linux/arm64');
      await expect(timeline).toContainText('multi-platform-image.sh arm64');
    });

    test('a link to a platform whose content is not here says so, and offers the default', async ({ page }) => {
      await page.goto(`/images/${id.replace('sha256:', '')}?platform=linux%2Farm%2Fv7`);
      const alert = page.getByRole('alert', { name: /Could not load linux\/arm\/v7/ });
      await expect(alert).toContainText('linux/arm/v7 is listed in the index of');
      await expect(alert).toContainText('its content is not on this engine');
      await page.getByRole('button', { name: 'Show the engine’s default platform' }).click();
      await expect(page.getByRole('combobox', { name: 'Platform', exact: true })).toHaveValue('linux/amd64');
    });

    test('the graph shows the index with a manifest node per platform', async ({ page }) => {
      await page.goto('/graph');
      await page.getByRole('searchbox', { name: 'Filter by repository or registry' }).fill('strata-e2e/multi');
      // React Flow names each node's wrapper after the node: platform:<index id>:<manifest digest>.
      const ofIndex = (platform: string) => page.locator(`[data-testid^="rf__node-platform:${id}:"] [data-platform-node="${platform}"]`);
      for (const platform of ['linux/amd64', 'linux/arm64', 'linux/arm/v7']) await expect(ofIndex(platform)).toBeVisible();
      await expect(page.locator(`[data-image-node="${id}"]`)).toContainText('index');
      await expect(ofIndex('linux/arm/v7')).toContainText('not on this engine');
      await expect(ofIndex('linux/arm64')).toContainText('stored, not unpacked');
    });
  });
});
