import { expect, test } from '@playwright/test';
import { ImagesPage } from './pages/images-page';
import { docker } from './support/engine';

test.describe('Image detail', () => {
  test('opens from the list and shows config, secret-looking env masked, and layers oldest first', async ({ page }) => {
    const images = new ImagesPage(page);
    await images.open();
    await images.rowWithTag('strata-fixture/app:1.0').getByRole('link', { name: 'strata-fixture/app:1.0' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('strata-fixture/app:1.0');
    const id = docker('image', 'inspect', '--format', '{{.Id}}', 'strata-fixture/app:1.0');
    await expect(page.getByText(id, { exact: true })).toBeVisible();
    const config = page.getByRole('region', { name: 'Config' });
    await expect(config).toContainText('["/bin/sh","/app/run.sh"]');
    await expect(config).toContainText('8080/tcp');
    await expect(config).toContainText('/app');

    const env = page.getByRole('list', { name: 'Environment variables' });
    await expect(env).toContainText('GREETING=hello');
    await expect(env).not.toContainText('not-a-real-secret');
    await page.getByRole('button', { name: 'Reveal secret-looking values' }).click();
    await expect(env).toContainText('API_TOKEN=not-a-real-secret');

    const diffIds = docker('image', 'inspect', '--format', '{{join .RootFS.Layers "\\n"}}', 'strata-fixture/app:1.0').split('\n');
    const layers = page.getByRole('list', { name: 'Layer diff IDs' }).getByRole('listitem');
    await expect(layers).toHaveCount(diffIds.length);
    await expect(layers.first()).toContainText(diffIds[0]!);
    await expect(layers.last()).toContainText(diffIds[diffIds.length - 1]!);
  });

  test('names the stopped container that uses an image', async ({ page }) => {
    await page.goto('/images/strata-fixture%2Fused%3A1');
    await expect(page.getByRole('region', { name: 'Containers' })).toContainText('strata-fixture-used');
    await expect(page.getByRole('region', { name: 'Containers' })).toContainText('created');
  });

  test('an unknown image says so, and a malformed name is refused with a reason', async ({ page, request }) => {
    await page.goto('/images/strata-fixture%2Fnope%3A9');
    await expect(page.getByRole('alert', { name: 'Not found' })).toContainText('No image named strata-fixture/nope:9');
    const bad = await request.get('/api/images/Bad..Name');
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_reference');
  });

  test('images named like a fixed route (load, import, export) open and answer by name', async ({ page, request }) => {
    const names = ['load', 'import', 'export'];
    for (const name of names) docker('tag', 'strata-fixture/web:1', name);
    try {
      for (const name of names) {
        await page.goto(`/images/${name}`);
        await expect(page.getByRole('heading', { level: 1 }), name).toHaveText(
          /strata-fixture\/web:1|load:latest|import:latest|export:latest/,
        );
        await expect(page.getByRole('region', { name: 'Config' })).toContainText('cat /srv/www/index.html');
        // What the page fetched: the same image by its explicit tag (a bare name reaches the fixed route).
        const detail = await request.get(`/api/images/${name}%3Alatest`);
        expect(detail.status(), name).toBe(200);
        expect((await detail.json()).repoTags).toContain(`${name}:latest`);
      }
    } finally {
      for (const name of names) docker('image', 'rm', name);
    }
  });
});
