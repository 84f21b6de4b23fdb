import { expect, test, type Page } from '@playwright/test';
import { buildThrowaway, docker } from './support/engine';
import { ImagesPage } from './pages/images-page';

const REGISTRY = `localhost:${process.env.STRATA_REGISTRY_PORT ?? process.env.STRATA_TEST_REGISTRY_PORT ?? '5556'}`;
const PASSWORD = process.env.STRATA_REGISTRY_PASSWORD ?? 'sandbox-password';
// Names of this run's own, so what an earlier run pushed never counts.
const NS = `e2e-${Date.now().toString(36)}`;
const WEB = `${REGISTRY}/${NS}/web`;
const API = `${REGISTRY}/${NS}/api`;

/** The registry's own tag list, read past Strata (the sandbox registry's Basic auth). */
async function registryTags(repository: string): Promise<string[]> {
  const response = await fetch(`http://${REGISTRY}/v2/${repository}/tags/list`, {
    headers: { authorization: `Basic ${Buffer.from(`strata:${PASSWORD}`).toString('base64')}` },
  });
  return ((await response.json()) as { tags: string[] | null }).tags ?? [];
}

async function logIn(page: Page): Promise<void> {
  await page.goto('/registries');
  const panel = page.getByRole('region', { name: 'Registries' }).last();
  await panel.getByLabel('Registry').fill(REGISTRY);
  await panel.getByLabel('Username').fill('strata');
  await panel.getByLabel('Password or token').fill(PASSWORD);
  await panel.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('list', { name: 'Your registries' }).getByRole('link', { name: REGISTRY })).toBeVisible();
}

test.describe('Registries', () => {
  const pushed: string[] = [];
  test.beforeAll(() => {
    docker('login', '-u', 'strata', '-p', PASSWORD, REGISTRY);
    buildThrowaway(`${WEB}:1.27.3`, `${NS}-web`);
    docker('tag', `${WEB}:1.27.3`, `${WEB}:1.27`);
    docker('tag', `${WEB}:1.27.3`, `${WEB}:latest`);
    buildThrowaway(`${WEB}:old`, `${NS}-old`);
    buildThrowaway(`${API}:1`, `${NS}-api-one`);
    for (const ref of [`${WEB}:1.27.3`, `${WEB}:1.27`, `${WEB}:latest`, `${WEB}:old`, `${API}:1`]) {
      docker('push', ref);
      pushed.push(ref);
    }
  });
  test.afterAll(() => {
    for (const ref of [...pushed, `${API}:next`]) {
      try {
        docker('rmi', '-f', ref);
      } catch {
        // gone
      }
    }
  });

  test('browse a registry: repositories filtered, tags one row per image, a manifest, and a delete that says what goes', async ({
    page,
  }) => {
    await logIn(page);
    await page.getByRole('list', { name: 'Your registries' }).getByRole('link', { name: REGISTRY }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(REGISTRY);
    await page.getByRole('searchbox', { name: 'Filter repositories' }).fill(NS);
    const repositories = page.getByRole('list', { name: 'Repositories' });
    await expect(repositories.getByRole('listitem')).toHaveText([`${NS}/api`, `${NS}/web`]);
    await expect(page.getByText('Page 1 of 1 · 2 repositories')).toBeVisible();

    await repositories.getByRole('link', { name: `${NS}/web` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${REGISTRY}/${NS}/web`);
    const tags = page.getByRole('table', { name: 'Tags' });
    // Three tags on one image share its row; the other image has a row of its own.
    await expect(tags.getByLabel('Tags on this image')).toHaveText(['latest · 1.27 · 1.27.3', 'old']);
    const digest = docker('image', 'inspect', '--format', '{{index .RepoDigests 0}}', `${WEB}:latest`).split('@')[1]!;
    const row = tags.locator(`tr[data-digest="${digest}"]`);
    await expect(row).toContainText('linux/');

    await row.getByRole('link', { name: digest.slice(7, 19) }).click();
    const manifest = page.getByRole('region', { name: /^(Manifest|Index)/ });
    await expect(manifest).toContainText(digest);
    // The containerd store pushes an index where the classic one pushes the manifest: open its image.
    await expect(manifest.getByRole('table', { name: /^(Layers|Platform manifests)$/ })).toBeVisible();
    const children = manifest.getByRole('table', { name: 'Platform manifests' });
    if ((await children.count()) > 0) {
      await expect(children).toContainText('linux/');
      await children.locator('tbody tr').filter({ hasNotText: 'attestation' }).first().getByRole('link').click();
    }
    const layers = Number(docker('image', 'inspect', '--format', '{{len .RootFS.Layers}}', `${WEB}:latest`));
    await expect(
      page
        .getByRole('region', { name: /^Manifest/ })
        .getByRole('table', { name: 'Layers' })
        .locator('tbody tr'),
    ).toHaveCount(layers);

    await page.getByRole('button', { name: `Delete ${NS}/web:latest` }).click();
    let dialog = page.getByRole('dialog', { name: `Delete ${NS}/web:latest?` });
    await expect(dialog).toContainText(/Also deleted: (1\.27, 1\.27\.3|1\.27\.3, 1\.27)\./);
    await expect(dialog.getByRole('button', { name: 'Delete 3 tags' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: `Delete ${NS}/web:old` }).click();
    dialog = page.getByRole('dialog', { name: `Delete ${NS}/web:old?` });
    await expect(dialog).toContainText('No other tag points to it.');
    await dialog.getByRole('button', { name: 'Delete 1 tag' }).click();
    await expect(dialog.getByRole('status')).toContainText(`Deleted old`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(tags.getByLabel('Tags on this image')).toHaveText(['latest · 1.27 · 1.27.3']);
    expect((await registryTags(`${NS}/web`)).sort()).toEqual(['1.27', '1.27.3', 'latest']);
  });

  test('a newer image under the same tag shows on the images list, and one click pulls it', async ({ page }) => {
    await logIn(page);
    // Someone pushes a new image as api:1; this engine keeps the old one under that name.
    const old = docker('image', 'inspect', '--format', '{{.Id}}', `${API}:1`);
    const next = buildThrowaway(`${API}:next`, `${NS}-api-two`);
    docker('tag', `${API}:next`, `${API}:1`);
    docker('push', `${API}:1`);
    docker('tag', old, `${API}:1`);
    // The new image is then only in the registry (an untagged copy here would be a tag of its own to check).
    docker('rmi', `${API}:next`);

    const images = new ImagesPage(page);
    await images.open();
    await images.filter.fill(`${NS}/api:1`);
    const row = images.rowWithTag(`${API}:1`);
    await expect(row.getByText('newer in registry')).toBeVisible({ timeout: 15_000 });
    await row.getByRole('button', { name: `Pull the newer ${API}:1` }).click();
    const dialog = page.getByRole('dialog', { name: 'Pull an image' });
    await expect(dialog.getByRole('status')).toContainText(`Pulled ${API}:1`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(docker('image', 'inspect', '--format', '{{.Id}}', `${API}:1`)).toBe(next);
    await expect(images.rowWithTag(`${API}:1`).getByText('up to date')).toBeVisible({ timeout: 15_000 });
  });
});
