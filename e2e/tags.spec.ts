import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { GraphPage, ImagePage } from './pages/image-page';
import { ImagesPage } from './pages/images-page';
import { buildThrowaway, buildThrowawayOn, docker, imageExists, imageId, privateBase, sandboxKind } from './support/engine';

const cleanup = (...refs: string[]) => {
  for (const ref of refs) {
    try {
      docker('rmi', '-f', ref);
    } catch {
      // already gone
    }
  }
};

test.describe('Tags and deletes', () => {
  test('adding a tag validates as you type, explains why, and the engine gets exactly that tag', async ({ page }) => {
    const image = new ImagePage(page);
    await image.open('strata-fixture/web:1');
    const input = await image.addTag();
    await expect(page.getByRole('dialog', { name: 'Add a tag to strata-fixture/web:1' })).toBeVisible();
    // Its title follows the image's first tag, which the new tag may become.
    const dialog = image.dialog;
    await input.fill('Team/App:1');
    await expect(dialog).toContainText('capital letters');
    await expect(dialog.getByRole('button', { name: 'Add tag' })).toBeDisabled();
    await input.fill('strata-e2e/added:v1');
    await expect(dialog).toContainText('Full name: docker.io/strata-e2e/added:v1');
    try {
      await dialog.getByRole('button', { name: 'Add tag' }).click();
      await expect(dialog.getByRole('status')).toHaveText('Tagged strata-e2e/added:v1.');
      expect(imageId('strata-e2e/added:v1')).toBe(imageId('strata-fixture/web:1'));
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(image.summary).toContainText('strata-e2e/added:v1');
    } finally {
      cleanup('strata-e2e/added:v1');
    }
  });

  test('moving a tag says which image it leaves dangling', async ({ page }) => {
    const old = buildThrowaway('strata-e2e/move:1', 'move-old');
    buildThrowaway('strata-e2e/move-target:1', 'move-new');
    try {
      const image = new ImagePage(page);
      await image.open('strata-e2e/move-target:1');
      await (await image.addTag()).fill('strata-e2e/move:1');
      const dialog = image.dialog;
      await expect(dialog).toContainText(
        `This tag now points at ${old.slice(7, 19)}; it will move here, and ${old.slice(7, 19)} will be left with no tag (dangling).`,
      );
      await dialog.getByRole('button', { name: 'Add tag' }).click();
      await expect(dialog.getByRole('status')).toContainText('which is now dangling');
    } finally {
      cleanup('strata-e2e/move:1', 'strata-e2e/move-target:1', old);
    }
  });

  test('removing one of several tags keeps the image', async ({ page }) => {
    docker('tag', 'strata-fixture/web:1', 'strata-e2e/untag:1');
    try {
      const image = new ImagePage(page);
      await image.open('strata-e2e/untag:1');
      const dialog = await image.removeTag('strata-e2e/untag:1');
      await expect(dialog).toContainText('Only the name goes');
      await dialog.getByRole('button', { name: 'Remove tag' }).click();
      await expect(page).toHaveURL(/\/images\/[0-9a-f]{64}$/);
      await expect(image.summary).toContainText('strata-fixture/web:1');
      await expect(image.summary).not.toContainText('strata-e2e/untag:1');
      expect(imageExists('strata-e2e/untag:1')).toBe(false);
      expect(imageExists('strata-fixture/web:1')).toBe(true);
    } finally {
      cleanup('strata-e2e/untag:1');
    }
  });

  test('a refused delete says why in plain words, and offers force only where the engine allows it', async ({ page }) => {
    const image = new ImagePage(page);
    await image.open('strata-fixture/used:1');
    await image.deleteImage();
    const dialog = image.dialog;
    await expect(dialog.getByRole('alert')).toContainText('Container strata-fixture-used (stopped) was created from this image.');
    await expect(dialog.getByRole('button', { name: 'Force delete' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(imageExists('strata-fixture/used:1')).toBe(true);

    // A parent with a child, of the spec's own: the fixtures' base must survive whatever the engine does.
    const parent = imageId(privateBase('strata-e2e/parent:1'));
    const child = buildThrowawayOn('strata-e2e/parent:1', 'strata-e2e/child:1', 'child');
    try {
      await image.open('strata-e2e/parent:1');
      await image.deleteImage();
      if (sandboxKind() === 'classic') {
        await expect(dialog.getByRole('alert')).toContainText('Other images are built on top of this one');
        await expect(dialog.getByRole('button', { name: 'Force delete' })).toHaveCount(0);
        expect(imageExists('strata-e2e/parent:1')).toBe(true);
      } else {
        // The containerd store has no such refusal: the parent goes, and the child keeps every layer.
        await expect.poll(() => imageExists(parent)).toBe(false);
        expect(docker('run', '--rm', '--network', 'none', child, 'cat', '/marker')).toBe('child');
      }
    } finally {
      cleanup(child, parent);
    }
  });

  test('bulk delete lists exactly what will happen, then what happened', async ({ page }) => {
    const a = buildThrowaway('strata-e2e/bulk:a', 'bulk-a');
    const b = buildThrowaway('strata-e2e/bulk:b', 'bulk-b');
    try {
      const images = new ImagesPage(page);
      await images.open();
      await images.filter.fill('strata-e2e/bulk');
      await expect(images.rows()).toHaveCount(2);
      await page.getByRole('checkbox', { name: 'Select all shown' }).check();
      await page.getByRole('group', { name: 'Selection' }).getByRole('button', { name: 'Delete images' }).click();
      await expect(page.getByRole('dialog', { name: 'Delete 2 images?' })).toBeVisible();
      // The title becomes "Done" once applied.
      const dialog = page.getByRole('dialog');
      const plan = dialog.getByRole('table', { name: 'What will happen' });
      await expect(plan.getByRole('row')).toHaveCount(3);
      await expect(plan).toContainText('and its tag strata-e2e/bulk:a');
      expect(imageExists(a) && imageExists(b)).toBe(true);
      await dialog.getByRole('button', { name: 'Delete images' }).click();
      const results = dialog.getByRole('table', { name: 'Results' });
      await expect(results.getByText('done')).toHaveCount(2);
      expect(imageExists(a) || imageExists(b)).toBe(false);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(page.getByText('Nothing matches')).toBeVisible();
    } finally {
      cleanup(a, b);
    }
  });

  test('pattern retag: the preview is what gets applied', async ({ page }) => {
    try {
      const images = new ImagesPage(page);
      await images.open();
      await page.getByRole('button', { name: 'Retag by pattern…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Retag by pattern' });
      await dialog.getByLabel('Tags matching').fill('localhost:5555/team/*');
      await dialog.getByLabel('become').fill('e2e.registry:5000/team/*');
      await dialog.getByRole('button', { name: 'Preview' }).click();
      const preview = dialog.getByRole('table', { name: 'Preview' });
      await expect(preview).toContainText('e2e.registry:5000/team/app:1.0');
      expect(imageExists('e2e.registry:5000/team/app:1.0')).toBe(false);
      await dialog.getByRole('button', { name: 'Apply 1 change' }).click();
      await expect(dialog.getByRole('table', { name: 'Results' })).toContainText('Tagged e2e.registry:5000/team/app:1.0.');
      expect(imageId('e2e.registry:5000/team/app:1.0')).toBe(imageId('strata-fixture/app:1.0'));
    } finally {
      cleanup('e2e.registry:5000/team/app:1.0');
    }
  });
});

test.describe('Tag graph', () => {
  test('draws every tag of the shared ID pointing at that one image, and opens its details on click', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.open();
    const appId = imageId('strata-fixture/app:1.0');
    for (const tag of [
      'strata-fixture/app:1.0',
      'strata-fixture/app:latest',
      'localhost:5555/team/app:1.0',
      'registry.example.com/team/app:1.0',
    ]) {
      await expect(graph.edge(`tag:${tag}`, `img:${appId}`)).toHaveCount(1);
    }
    await expect(graph.edge('repo:strata-fixture/app', 'tag:strata-fixture/app:latest')).toHaveCount(1);
    await expect(graph.imageNodes()).toHaveCount(
      Number(
        docker('image', 'ls', '-q', '--no-trunc').split('\n').filter(Boolean).length === 0
          ? 0
          : new Set(docker('image', 'ls', '-q', '--no-trunc').split('\n')).size,
      ),
    );
    await graph.imageNode(appId).click();
    await expect(graph.details).toContainText(appId);
    await expect(graph.details.getByRole('link', { name: 'Open image page' })).toBeVisible();
    await graph.find('strata-fixture/many');
    await expect(graph.details).toContainText('strata-fixture/many:1');
  });

  test('exports the current view as a PNG', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.open();
    await expect(graph.imageNodes().first()).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export PNG' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('strata-graph.png');
    const png = readFileSync(await file.path());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
  });
});
