import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { BuildPage } from './pages/build-page';
import { docker, imageExists, imageId, sandboxKind } from './support/engine';

// Both sandbox engines have BuildKit (dockerd 20.10 and 28.5 build with `version=2`); the modern one
// calls it its default, the classic one does not, as the CLI reads `/_ping`.
const TAG = 'strata-e2e/buildkit:1';
const DOCKERFILE = [
  'FROM strata-fixture/base:1 AS base',
  'COPY deps.txt /app/',
  'FROM base AS docs',
  'RUN echo docs only',
  'FROM base',
  'COPY app.txt /app/',
  'RUN cat /app/app.txt > /app/out.txt',
  'CMD ["cat", "/app/out.txt"]',
  '',
].join('\n');

test.describe('Build with BuildKit', () => {
  // Every image these builds made goes (the rebuilt tag leaves its earlier image dangling): the images
  // list shows the newest first, and leftovers would push the fixtures out of the specs that follow.
  const built = new Set<string>();
  test.afterAll(() => {
    for (const ref of [TAG, 'strata-e2e/buildkit-cancelled:1', ...built])
      try {
        docker('rmi', '-f', ref);
      } catch {
        // not built, or already gone
      }
  });

  test('a multi-stage folder: stages shown, the unneeded one skipped, a rebuild from the cache, a changed file breaks it at its COPY', async ({
    page,
  }) => {
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'strata-e2e-bk-')), 'site');
    mkdirSync(folder);
    // A fresh value per run, so the first build never meets a cache from an earlier run.
    writeFileSync(path.join(folder, 'deps.txt'), `deps ${Date.now()}\n`);
    writeFileSync(path.join(folder, 'app.txt'), 'first\n');
    writeFileSync(path.join(folder, 'Dockerfile'), DOCKERFILE);

    const build = new BuildPage(page);
    await build.open();
    await expect(build.builder).toContainText(
      sandboxKind() === 'modern' ? 'Engine default (BuildKit)' : 'Engine default (Classic builder)',
    );
    await build.chooseBuilder('buildkit');
    await build.contextFolder.setInputFiles(folder);
    await expect(page.getByText(/Folder “site”: 3 files/)).toBeVisible();
    await build.tags.fill(TAG);

    const { result, steps } = build;
    await build.build();
    await expect(result).toContainText(`Built ${TAG}`, { timeout: 20_000 });
    await expect(result).toContainText("Built by the engine's BuildKit (Engine API");
    await expect(result).toContainText('1 step of stages the target does not need was skipped');
    // The sandbox engines have no bridge network; the build says it ran without one.
    await expect(result).toContainText('RUN steps had no network');
    await expect(steps).toContainText('Stage docs');
    await expect(build.step(3, 'skipped (stage not needed)')).toContainText('RUN echo docs only');
    await expect(build.step(5, 'built')).toContainText('RUN cat /app/app.txt > /app/out.txt');
    await expect(await build.internalWork()).toContainText('exporting to image');
    expect(docker('run', '--rm', '--network', 'none', TAG)).toBe('first');
    built.add(imageId(TAG));

    await build.build();
    await expect(result).toContainText('Every step came from the cache', { timeout: 20_000 });
    await expect(result).toContainText('3 of 3 steps came from the build cache');
    await expect(build.step(5, 'from cache')).toBeVisible();

    writeFileSync(path.join(folder, 'app.txt'), 'second\n');
    await build.contextFolder.setInputFiles(folder);
    await build.build();
    await expect(result).toContainText('The cache broke at step 4', { timeout: 20_000 });
    await expect(result).toContainText('COPY app.txt /app/: A copied file changed: app.txt.');
    await expect(result).toContainText('Step 5 was rebuilt because of it');
    await expect(build.step(2, 'from cache')).toBeVisible();
    await expect(build.step(4, 'built')).toBeVisible();
    expect(docker('run', '--rm', '--network', 'none', TAG)).toBe('second');
    built.add(imageId(TAG));
  });

  test('a failing RUN shows what it printed, and Cancel stops the solve on the engine', async ({ page }) => {
    const build = new BuildPage(page);
    await build.open();
    await build.chooseBuilder('buildkit');
    const { editor } = build;
    await editor.fill('FROM strata-fixture/base:1\nRUN echo checking the config && exit 4\n');
    await build.build();
    const failure = build.failure();
    await expect(failure).toContainText('The build failed at step 2');
    await expect(failure).toContainText('exit code: 4');
    await expect(build.step(2, 'failed')).toContainText('checking the config');

    // BuildKit runs steps in containers of its own, not Docker's: the RUN's process is what must go.
    const marker = `sleep 43.${process.pid}`;
    const sleeping = () =>
      execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .split('\n')
        .some((line) => line.startsWith(marker));
    await editor.fill(`FROM strata-fixture/base:1\nRUN echo waiting && ${marker}\n`);
    await build.tags.fill('strata-e2e/buildkit-cancelled:1');
    await build.build();
    await expect(build.step(2, 'running…')).toContainText('waiting');
    await expect.poll(sleeping, { timeout: 5000 }).toBe(true);
    await build.cancel();
    await expect(page.getByText('Build cancelled')).toBeVisible();
    await expect.poll(sleeping, { timeout: 10_000 }).toBe(false);
    expect(imageExists('strata-e2e/buildkit-cancelled:1')).toBe(false);
  });
});
