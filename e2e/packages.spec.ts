// Inside an image (issue 19): its OS and packages per layer, a file opened from the tree, an SBOM
// downloaded, and two images' packages compared, on images whose RUN steps write real dpkg databases.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { buildImage, docker } from '../tests/support/sandbox';
import { DEBIAN, DISTROLESS, dockerfileOf } from '../tests/support/package-images';

const debian = { ...DEBIAN, ref: 'strata-e2e/packages-debian:1' };
const distroless = { ...DISTROLESS, ref: 'strata-e2e/packages-distroless:1' };
const pagePath = (ref: string) => `/images/${encodeURIComponent(ref)}`;

async function readPackages(page: Page, ref: string) {
  await page.goto(pagePath(ref));
  const section = page.getByRole('region', { name: 'OS and packages' });
  // An image read before is read again at once (from the layer cache); a new one waits for the click.
  const read = section.getByRole('button', { name: 'Read packages' });
  await expect(section.getByTestId('base-os').or(read)).toBeVisible();
  if (await read.isVisible()) await read.click();
  await expect(section.getByTestId('base-os')).toBeVisible({ timeout: 60_000 });
  return section;
}

test.describe('Inside an image', () => {
  test.beforeAll(() => {
    for (const image of [debian, distroless]) buildImage(image.ref, dockerfileOf(image));
  });
  test.afterAll(() => {
    for (const image of [debian, distroless]) docker('rmi', image.ref);
  });

  test('reads the OS and what each step installed, upgraded or removed, and exports it as an SBOM', async ({ page }) => {
    const section = await readPackages(page, debian.ref);
    await expect(section.getByTestId('base-os')).toContainText('Debian GNU/Linux 12 (bookworm)');
    const changes = section.getByRole('list', { name: 'Package changes per layer' }).getByRole('listitem');
    await expect(changes).toHaveText([
      /^step \d+ \(layer 2\) added 3 packages: \+16\.8MB installed$/,
      /^step \d+ \(layer 3\) added 1 package, upgraded 1, removed 1: −18\.4kB installed \(removed curl\)$/,
    ]);
    await expect(changes.first().getByRole('link')).toHaveAttribute('href', /^#step-\d+$/);
    const table = section.getByRole('table', { name: 'Installed packages' });
    await expect(table.getByRole('row').filter({ hasText: 'libc6' })).toContainText('2.36-9+deb12u7');
    await section.getByLabel('Filter packages').fill('vim');
    await expect(table.getByRole('row').filter({ hasText: 'amd64' })).toHaveCount(1);
    // The header learns the OS once the layers are read.
    await expect(page.locator('dt', { hasText: 'Base OS' }).locator('+ dd')).toHaveText('Debian GNU/Linux 12 (bookworm)');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('link', { name: 'Download SPDX SBOM' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('strata-e2e_packages-debian_1.spdx.json');
    const document = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { spdxVersion: string; packages: { name: string }[] };
    expect(document.spdxVersion).toBe('SPDX-2.3');
    expect(document.packages.map((pkg) => pkg.name)).toEqual([debian.ref, 'debian', 'jq', 'libc6', 'vim-tiny']);
  });

  test('opens a file as a middle layer holds it', async ({ page }) => {
    await readPackages(page, debian.ref);
    const files = page.getByRole('region', { name: 'Files and wasted space' });
    await files.getByRole('combobox', { name: /^Layer\b/ }).selectOption('4');
    await files.getByRole('button', { name: 'Filesystem as of this layer' }).click();
    await files.getByLabel('Filter files').fill('app.conf');
    await files.locator('[data-path="etc/app.conf"]').click();
    const view = files.getByRole('region', { name: 'File /etc/app.conf' });
    await expect(view).toContainText('as of layer 4');
    await expect(view.getByLabel('File content')).toHaveText('port=8080');
    // Layer 5 deletes it: the tree of that layer has no such file to open.
    await files.getByRole('combobox', { name: /^Layer\b/ }).selectOption('5');
    await expect(files.locator('[data-path="etc/app.conf"]')).toHaveCount(0);
  });

  test('says plainly when there is no OS, and compares two images’ packages', async ({ page }) => {
    const section = await readPackages(page, distroless.ref);
    await expect(section.getByTestId('base-os')).toContainText('none found');
    await expect(section.getByRole('list', { name: 'Package changes per layer' })).toContainText('removed 1 (removed tzdata)');

    await page.goto(`/images/compare?a=${encodeURIComponent(debian.ref)}&b=${encodeURIComponent(distroless.ref)}`);
    const compare = page.getByRole('region', { name: 'Packages' });
    const button = compare.getByRole('button', { name: 'Compare packages' });
    if (await button.isVisible()) await button.click();
    await expect(compare).toContainText('Base OS: Debian GNU/Linux 12 (bookworm) → none. 0 packages the same; 5 differ:');
    const rows = compare.getByRole('table', { name: 'Package differences' }).getByRole('row');
    await expect(rows.filter({ hasText: 'libssl3' })).toContainText('only in B');
    await expect(rows.filter({ hasText: 'libc6' })).toContainText('only in A');

    await page.goto('/images');
    await page.getByPlaceholder(/Filter by tag/).fill('debian 12');
    const images = page.getByRole('table', { name: 'Images' });
    await expect(images.getByRole('row').filter({ hasText: debian.ref })).toContainText('debian 12');
    await expect(images.getByRole('row').filter({ hasText: distroless.ref })).toHaveCount(0);
  });
});
