import { expect, test } from '@playwright/test';
import { ImagesPage } from './pages/images-page';
import { docker, engineImagesWithManifests, engineLayersSize, sandboxKind } from './support/engine';
import { bytesText } from './support/bytes';

test.describe('Images list', () => {
  test('shows every fixture tag, with the shared ID carrying all four of its tags', async ({ page }) => {
    const images = new ImagesPage(page);
    await images.open();
    for (const tag of ['strata-fixture/base:1', 'strata-fixture/web:1', 'strata-fixture/many:1', 'strata-fixture/used:1']) {
      await expect(images.rowWithTag(tag)).toHaveCount(1);
    }
    const app = images.rowWithTag('strata-fixture/app:1.0');
    await expect(app).toHaveCount(1);
    await expect(app).toContainText('strata-fixture/app:latest');
    await expect(app).toContainText('+2 more');
    await expect(
      app.getByRole('link', { name: /2 more tags: localhost:5555\/team\/app:1.0, registry.example.com\/team\/app:1.0/ }),
    ).toBeVisible();
    const appId = docker('image', 'inspect', '--format', '{{.Id}}', 'strata-fixture/app:1.0');
    await expect(app).toHaveAttribute('data-image-id', appId);
  });

  test('disk really used equals the engine’s own layer total, not the sum of sizes', async ({ page }) => {
    const images = new ImagesPage(page);
    await images.open();
    await expect(page.getByTestId('disk-used')).toHaveText(bytesText(engineLayersSize()));
    await expect(page.getByText(/over-counts by/)).toBeVisible();
  });

  test('shows the store’s sizes and says which is which: content beside disk usage on the containerd store', async ({ page }) => {
    const images = new ImagesPage(page);
    await images.open();
    const headers = images.table.getByRole('columnheader');
    const app = images.rowWithTag('strata-fixture/app:1.0');
    if (sandboxKind() === 'classic') {
      await expect(headers.getByRole('button', { name: 'Content', exact: true })).toHaveCount(0);
      await expect(headers.getByRole('button', { name: 'Size', exact: true })).toHaveAttribute('title', 'All of the image’s layers');
    } else {
      const [entry] = engineImagesWithManifests('strata-fixture/app:1.0');
      const manifest = entry!.Manifests[0]!;
      await expect(headers.getByRole('button', { name: 'Disk usage', exact: true })).toHaveAttribute(
        'title',
        /^Content plus unpacked layers/,
      );
      await expect(headers.getByRole('button', { name: 'Content', exact: true })).toHaveAttribute(
        'title',
        /^Content: the compressed layers/,
      );
      await expect(headers.getByRole('button', { name: 'Unique', exact: true })).toHaveAttribute(
        'title',
        /^Unpacked layers only this image uses/,
      );
      // Disk usage, then content, as the engine counts them.
      await expect(await images.cell(app, 'Disk usage')).toHaveText(bytesText(manifest.Size.Total));
      await expect(await images.cell(app, 'Content')).toHaveText(bytesText(manifest.Size.Content));
      await expect(page.getByText('Disk usage counts both; Unique and Shared count the unpacked layers.')).toBeVisible();
    }
  });

  test('marks the image a stopped container uses as in use, and dangling images as dangling', async ({ page }) => {
    const images = new ImagesPage(page);
    await images.open();
    const used = images.rowWithTag('strata-fixture/used:1');
    await expect(used.getByText('in use')).toBeVisible();
    await images.quickFilter('Dangling').click();
    await expect(images.rows()).toHaveCount(
      Number(docker('image', 'ls', '-q', '--filter', 'dangling=true').split('\n').filter(Boolean).length),
    );
    await expect(images.rows().first()).toContainText('<none>');
    await expect(images.rows().first()).toContainText('dangling');
  });

  test('filters by tag text and by label', async ({ page }) => {
    const images = new ImagesPage(page);
    await images.open();
    await images.filter.fill('fixture/web');
    await expect(images.rows()).toHaveCount(1);
    await expect(images.rows().first()).toContainText('strata-fixture/web:1');
    await images.filter.fill('app=many');
    await expect(images.rows()).toHaveCount(1);
    await expect(images.rows().first()).toContainText('strata-fixture/many:1');
    await images.filter.fill('no-such-thing-anywhere');
    await expect(page.getByText('Nothing matches')).toBeVisible();
  });

  test('sorts by size, largest first, and back', async ({ page }) => {
    const images = new ImagesPage(page);
    await images.open();
    // `docker image ls --tree` calls the containerd store's figure DISK USAGE (beside CONTENT SIZE).
    const size = sandboxKind() === 'classic' ? 'Size' : 'Disk usage';
    await images.sortBy(size);
    await expect(images.rows().first()).toContainText('strata-fixture/many:1');
    await images.sortBy(size);
    await expect(images.rows().first()).not.toContainText('strata-fixture/many:1');
    await expect(page.getByRole('columnheader', { name: size })).toHaveAttribute('aria-sort', 'ascending');
  });

  test('hides legacy-build intermediates like docker image ls, and shows them marked like -a', async ({ page }) => {
    const images = new ImagesPage(page);
    await images.open();
    // One line per tag there: count distinct IDs.
    const count = (...args: string[]) =>
      new Set(
        docker('image', 'ls', '-q', '--no-trunc', ...args)
          .split('\n')
          .filter(Boolean),
      ).size;
    const top = count();
    const all = count('-a');
    expect(all).toBeGreaterThan(top);
    await expect(page.getByText(`Showing ${top} of ${top} images`, { exact: true })).toBeVisible();
    await page.getByRole('checkbox', { name: 'Show intermediate images' }).check();
    await expect(page).toHaveURL(/[?&]all=1/);
    await expect(page.getByText(`Showing ${all} of ${all} images (${all - top} of them intermediate images of legacy builds)`)).toBeVisible(
      { timeout: 120_000 },
    );
    await images.filter.fill('intermediate');
    await expect(images.rows().first()).toContainText('intermediate');
    await expect(images.rows().first()).not.toContainText('dangling');
  });

  test('one row per tag lists each tag of the shared ID on its own row', async ({ page }) => {
    const images = new ImagesPage(page);
    await images.open();
    await images.filter.fill('team/app');
    await expect(images.rows()).toHaveCount(1);
    await page.getByRole('checkbox', { name: 'One row per tag' }).check();
    await expect(images.rows()).toHaveCount(2);
    await expect(images.rowWithTag('localhost:5555/team/app:1.0')).toHaveCount(1);
    await expect(images.rowWithTag('registry.example.com/team/app:1.0')).toHaveCount(1);
  });

  test('a tag made in a terminal appears on the open page without a reload, and goes when removed', async ({ page }) => {
    const images = new ImagesPage(page);
    await images.open();
    const tag = `strata-fixture/live:e2e-${Date.now()}`;
    await expect(page.getByRole('link', { name: tag })).toHaveCount(0);
    docker('tag', 'strata-fixture/web:1', tag);
    try {
      await expect(images.rowWithTag(tag)).toHaveCount(1);
      await expect(images.rowWithTag(tag)).toContainText('strata-fixture/web:1');
    } finally {
      docker('rmi', tag);
    }
    await expect(page.getByRole('link', { name: tag })).toHaveCount(0);
  });

  test('the overview’s dangling count opens the list filtered to dangling images', async ({ page }) => {
    await page.goto('/');
    const dangling = docker('image', 'ls', '-q', '--filter', 'dangling=true').split('\n').filter(Boolean).length;
    const card = page.getByRole('link', { name: /Dangling/ });
    await expect(card).toContainText(String(dangling));
    await card.click();
    const images = new ImagesPage(page);
    await expect(images.quickFilter('Dangling')).toHaveAttribute('aria-pressed', 'true');
    await expect(images.rows()).toHaveCount(dangling);
  });
});
