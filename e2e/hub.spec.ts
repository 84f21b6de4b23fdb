import { expect, test } from '@playwright/test';
import { buildThrowaway, docker, imageExists, sandboxKind } from './support/engine';
import { DOWN_PORT } from './support/servers';
import { HubPage, HubRepoPage } from './pages/hub-page';

const REGISTRY = `localhost:${process.env.STRATA_REGISTRY_PORT ?? process.env.STRATA_TEST_REGISTRY_PORT ?? '5556'}`;

test.describe('Docker Hub', () => {
  test('search shows trust signals, pages through results, and opens a repository with its tags', async ({ page }) => {
    const hub = new HubPage(page);
    await hub.open();
    await hub.search.fill('nginx');
    const nginx = hub.result('nginx');
    await expect(nginx).toContainText('Official Image');
    await expect(nginx).toContainText('★ 21,000 · 1B+ pulls');
    await expect(hub.result('bitnami/nginx')).toContainText('Verified Publisher');
    await expect(page.getByText('Page 1 of 2')).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Page 2 of 2')).toBeVisible();
    await expect(hub.resultItems()).toHaveCount(13);
    await page.getByLabel('Official only').check();
    await expect(page.getByText('Page 1 of 1')).toBeVisible();
    await expect(hub.resultItems()).toHaveCount(1);

    await hub.results.getByRole('link', { name: 'nginx', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('nginx');
    const repo = new HubRepoPage(page);
    // 25 tags on the page; latest and 1.27.2 are one image, so they share a row.
    await expect(repo.tagRows()).toHaveCount(24);
    await expect(repo.tag('latest').getByLabel('Tags on this image')).toHaveText('latest · 1.27.2');
    await expect(repo.tag('latest')).toContainText('linux/amd64 20.5MB · linux/arm64/v8 19.8MB');
    await expect(repo.tags).not.toContainText('unknown');
    await expect(page.getByText('Page 1 of 2 · 40 tags')).toBeVisible();
    await repo.filter.fill('alpine');
    await expect(repo.tagRows().first()).toContainText('-alpine');
  });

  test('a rate limit says when to retry; no internet says what was tried', async ({ page }) => {
    const hub = new HubPage(page);
    await hub.open();
    await hub.search.fill('ratelimit');
    await expect(hub.problem).toContainText('Docker Hub is rate-limiting this server; try again after 18:30 UTC.');
    await hub.open(`http://127.0.0.1:${DOWN_PORT}`);
    await hub.search.fill('nginx');
    await expect(hub.problem).toContainText('Docker Hub is unreachable from this server (tried http://127.0.0.1:9).');
  });

  test('log in to a registry, push with progress, then pull it back', async ({ page }) => {
    const ref = `${REGISTRY}/strata-e2e/roundtrip:1`;
    const id = buildThrowaway(ref, 'roundtrip');
    try {
      const hub = new HubPage(page);
      await hub.open();
      const panel = hub.registries;
      await hub.logIn(REGISTRY, 'strata', 'wrong');
      await expect(panel.getByRole('alert')).toHaveText(`${REGISTRY} refused these credentials: wrong username, password or token.`);
      await hub.logIn(REGISTRY, 'strata', process.env.STRATA_REGISTRY_PASSWORD ?? 'sandbox-password');
      await expect(panel.getByRole('list', { name: 'Logged in' })).toContainText(`strata @ ${REGISTRY}`);
      expect(await page.content()).not.toContain('sandbox-password');

      await page.goto(`/images/${id.replace('sha256:', '')}`);
      await page.getByRole('button', { name: 'Push…' }).click();
      let dialog = page.getByRole('dialog', { name: 'Push to a registry' });
      await dialog.getByRole('button', { name: 'Push' }).click();
      await expect(dialog.getByRole('status')).toContainText(`Pushed ${ref} · digest sha256:`);
      await expect(dialog.getByRole('progressbar', { name: 'Push progress' })).toHaveAttribute('aria-valuenow', '100');
      await dialog.getByRole('button', { name: 'Close' }).click();

      docker('rmi', ref);
      expect(imageExists(id)).toBe(false);
      await page.goto('/images');
      await page.getByRole('button', { name: 'Pull image…' }).click();
      dialog = page.getByRole('dialog', { name: 'Pull an image' });
      await dialog.getByLabel('Image to pull').fill(ref);
      await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
      await expect(dialog.getByRole('status')).toContainText(`Pulled ${ref}`);
      const layers = dialog.getByRole('list', { name: 'Layers' });
      if (sandboxKind() === 'classic') {
        // The base layer was here already: the engine says so, and the dialog shows it as a saving.
        await expect(layers).toContainText('already here');
      } else {
        // The containerd store says nothing of a blob it has: only the image's own layer is listed.
        await expect(layers.getByRole('listitem')).toHaveCount(1);
      }
      expect(docker('image', 'inspect', '--format', '{{.Id}}', ref)).toBe(id);
    } finally {
      try {
        docker('rmi', '-f', ref);
      } catch {
        // gone
      }
    }
  });
});
