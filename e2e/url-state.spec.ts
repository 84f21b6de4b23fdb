// Links people share open the view they saw: each page keeps its search, filters, sort or tab in the
// URL, restores it on load, and steps through it with back and forward (issue 22).
import { expect, test } from '@playwright/test';
import { sandboxKind } from './support/engine';

test.describe('State in the URL', () => {
  test('a Hub search link opens that search, and its sort and filters follow back and forward', async ({ page }) => {
    await page.goto('/hub?q=nginx');
    await expect(page.getByLabel('Search Docker Hub')).toHaveValue('nginx');
    const results = page.getByRole('list', { name: 'Search results' });
    await expect(results.locator('[data-repo="nginx"]')).toContainText('Official Image');
    await page.screenshot({ path: 'test-results/hub-shared-search.png', fullPage: true });

    await page.getByLabel('Official only').check();
    await expect(page).toHaveURL(/[?&]official=1/);
    await expect(results.locator('li')).toHaveCount(1);
    await page.getByLabel('Sort').selectOption('stars');
    await expect(page).toHaveURL(/[?&]sort=stars/);
    await page.goBack();
    await expect(page.getByLabel('Sort')).toHaveValue('relevance');
    await page.goBack();
    await expect(page.getByLabel('Official only')).not.toBeChecked();
    await page.goForward();
    await expect(page.getByLabel('Official only')).toBeChecked();

    await page.getByLabel('Search Docker Hub').fill('redis');
    await expect(page).toHaveURL(/[?&]q=redis/);
    await page.reload();
    await expect(page.getByLabel('Search Docker Hub')).toHaveValue('redis');
  });

  test('the images filter, quick filter and sort survive a reload and follow back and forward', async ({ page }) => {
    await page.goto('/images?q=strata-fixture%2Fweb&sort=size');
    await expect(page.getByLabel('Filter images')).toHaveValue('strata-fixture/web');
    await expect(page.getByText('Showing 1 of')).toBeVisible();
    // `docker image ls --tree` calls the containerd store's figure DISK USAGE (beside CONTENT SIZE).
    const size = sandboxKind() === 'classic' ? /Size/ : /Disk usage/;
    await expect(page.getByRole('columnheader', { name: size }).first()).toHaveAttribute('aria-sort', 'descending');

    const quick = page.getByRole('group', { name: 'Quick filters' });
    await quick.getByRole('button', { name: /Dangling/ }).click();
    await expect(page).toHaveURL(/[?&]show=dangling/);
    await page.reload();
    await expect(quick.getByRole('button', { name: /Dangling/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByLabel('Filter images')).toHaveValue('strata-fixture/web');
    await page.goBack();
    await expect(quick.getByRole('button', { name: /All/ })).toHaveAttribute('aria-pressed', 'true');
  });

  test('the cleanup tab is in the URL', async ({ page }) => {
    await page.goto('/cleanup?tab=unused');
    await expect(page.getByRole('tab', { name: 'Unused images' })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('tab', { name: 'Build cache' }).click();
    await expect(page).toHaveURL(/[?&]tab=build-cache/);
    await page.goBack();
    await expect(page.getByRole('tab', { name: 'Unused images' })).toHaveAttribute('aria-selected', 'true');
  });

  // A quick back step: the router may still hold the newer search for a moment, and the graph once kept
  // its node selected while the address bar named the earlier one (lib/url-state.ts reads the location).
  test('a graph link finds what it names, and a back step finds the earlier search again', async ({ page }) => {
    const details = page.getByRole('complementary', { name: 'Details' });
    await page.goto('/graph?find=strata-fixture%2Fmany');
    await expect(page.getByLabel('Find in graph')).toHaveValue('strata-fixture/many');
    await expect(details).toContainText('strata-fixture/many:1');
    await page.getByLabel('Find in graph').fill('strata-fixture/web');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect(page).toHaveURL(/[?&]find=strata-fixture%2Fweb/);
    await expect(details).toContainText('strata-fixture/web:1');
    await page.goBack();
    await expect(page).toHaveURL(/[?&]find=strata-fixture%2Fmany/);
    await expect(page.getByLabel('Find in graph')).toHaveValue('strata-fixture/many');
    await expect(details).toContainText('strata-fixture/many:1');
    await page.goForward();
    await expect(page.getByLabel('Find in graph')).toHaveValue('strata-fixture/web');
    await expect(details).toContainText('strata-fixture/web:1');
  });
});
