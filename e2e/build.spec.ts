import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { BuildPage } from './pages/build-page';
import { docker, imageExists, imageId } from './support/engine';

const TAG = 'strata-e2e/built:1';

// The classic builder's steps and messages, chosen on the page whatever the engine's default (BuildKit
// has its own spec: buildkit.spec.ts).
test.describe('Build with the classic builder', () => {
  // Every image these builds made goes (the rebuilt tag leaves its earlier image dangling): the images
  // list shows the newest first, and leftovers would push the fixtures out of the specs that follow.
  const built = new Set<string>();
  test.afterAll(() => {
    for (const ref of [TAG, ...built])
      try {
        docker('rmi', '-f', ref);
      } catch {
        // not built, or already gone
      }
  });

  test('the advisor flags a Dockerfile inline and in its list as it is typed', async ({ page }) => {
    const build = new BuildPage(page);
    await build.open();
    const { editor, advisor } = build;
    await editor.fill('FROM strata-fixture/base\nCMD ["sh"]\nCMD ["true"]\n');
    await expect(advisor).toContainText('unpinned-base');
    await expect(advisor).toContainText('multiple-cmd');
    await expect(advisor).toContainText('pin versions for anything beyond dev');
    // Drawn in the editor too: an underlined range and a gutter marker.
    await expect(build.lintRanges().first()).toBeVisible();
    await expect(build.lintMarkers().first()).toBeVisible();
    await editor.fill('FROM strata-fixture/base:1\nCMD ["true"]\n');
    await expect(advisor).toContainText('No findings');
  });

  test('a folder builds, rebuilds from the cache, and a changed file breaks the cache at its COPY', async ({ page }) => {
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'strata-e2e-ctx-')), 'webapp');
    mkdirSync(folder);
    // A fresh value per run, so the first build never meets a cache from an earlier run.
    writeFileSync(path.join(folder, 'deps.txt'), `deps ${Date.now()}\n`);
    writeFileSync(path.join(folder, 'app.txt'), 'first\n');
    writeFileSync(
      path.join(folder, 'Dockerfile'),
      'FROM strata-fixture/base:1\nCOPY deps.txt /app/\nCOPY app.txt /app/\nRUN cat /app/app.txt > /app/out.txt\nCMD ["cat", "/app/out.txt"]\n',
    );

    const build = new BuildPage(page);
    await build.open();
    await build.contextFolder.setInputFiles(folder);
    await expect(page.getByText(/Folder “webapp”: 3 files/)).toBeVisible();
    // The folder's own Dockerfile is what gets built.
    await expect(build.editor).toContainText('COPY deps.txt /app/');
    await build.tags.fill(TAG);
    await build.chooseBuilder('classic');

    await build.build();
    const result = build.result;
    await expect(result).toContainText(`Built ${TAG}`, { timeout: 20_000 });
    await expect(build.step(4, 'built')).toBeVisible();
    expect(docker('run', '--rm', '--network', 'none', TAG)).toBe('first');
    built.add(imageId(TAG));

    await build.build();
    await expect(result).toContainText('Every step came from the cache', { timeout: 20_000 });
    await expect(result).toContainText('4 of 4 steps came from the build cache');
    await expect(build.step(3, 'from cache')).toBeVisible();

    writeFileSync(path.join(folder, 'app.txt'), 'second\n');
    await build.contextFolder.setInputFiles(folder);
    await build.build();
    await expect(result).toContainText('The cache broke at step 3', { timeout: 20_000 });
    await expect(result).toContainText('COPY app.txt /app/: A copied file changed: app.txt.');
    await expect(result).toContainText('Steps 4, 5 were rebuilt because of it');
    await expect(build.step(2, 'from cache')).toBeVisible();
    await expect(build.step(3, 'built')).toBeVisible();
    expect(docker('run', '--rm', '--network', 'none', TAG)).toBe('second');
    built.add(imageId(TAG));

    await result.getByRole('link', { name: /layer timeline/ }).click();
    await expect(page).toHaveURL(/\/images\/[0-9a-f]{64}/);
    await expect(page.getByRole('heading', { name: TAG })).toBeVisible();
    await expect(page.getByText('Its own layers')).toBeVisible();
  });

  test('a failing step shows its output, and Cancel stops a running build on the engine', async ({ page }) => {
    const build = new BuildPage(page);
    await build.open();
    const { editor } = build;
    await build.chooseBuilder('classic');
    await editor.fill('FROM strata-fixture/base:1\nRUN echo checking the config && exit 4\n');
    await build.build();
    const failure = build.failure();
    await expect(failure).toContainText('The build failed at step 2');
    await expect(failure).toContainText('returned a non-zero code: 4');
    await expect(build.step(2, 'failed')).toContainText('checking the config');

    await editor.fill('FROM strata-fixture/base:1\nRUN echo waiting && sleep 30\n');
    await build.tags.fill('strata-e2e/cancelled:1');
    await build.build();
    await expect(build.step(2, 'running…')).toContainText('waiting');
    await build.cancel();
    await expect(page.getByText('Build cancelled')).toBeVisible();
    await expect.poll(() => docker('ps', '-q'), { timeout: 5000 }).toBe('');
    expect(imageExists('strata-e2e/cancelled:1')).toBe(false);
  });
});
