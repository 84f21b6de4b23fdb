// BuildKit builds through POST /api/build on the sandbox engine (both engines have BuildKit: dockerd
// 20.10 and 28.5 build with `version=2` without a session): steps in Dockerfile order with their cache
// outcome, a stage the target does not need skipped, the break at the COPY whose file changed or at the
// RUN that reads a changed build argument, a failure's output, and Cancel stopping the solve.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as buildRoute } from '@/app/api/build/route';
import { buildRequest, ctx, errorLines, run } from './build-support';
import { docker, privateBase, requireSandbox } from '../support/sandbox';

const TAG = 'strata-test/buildkit:1';
const DOCKERFILE = [
  'FROM strata-test/buildkit-base:1 AS base',
  'WORKDIR /app',
  'COPY config.txt /app/',
  'FROM base AS docs',
  'RUN echo never built',
  'FROM base',
  'ARG GREETING=hello',
  'COPY app.txt /app/',
  'RUN echo "$GREETING" && cat /app/app.txt > /app/copy.txt',
  'CMD ["cat", "/app/copy.txt"]',
  '',
].join('\n');
const buildkit = (files: Record<string, string>, options: object = {}, dockerfile: string | null = DOCKERFILE, signal?: AbortSignal) =>
  buildRequest(files, { builder: 'buildkit', tags: [TAG], ...options }, dockerfile, signal);
const statuses = (steps: { status: string }[]) => steps.map((step) => step.status);

describe('POST /api/build with BuildKit', () => {
  beforeAll(() => {
    requireSandbox();
    privateBase('strata-test/buildkit-base:1');
    process.env.STRATA_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'strata-buildkit-data-'));
    try {
      docker('image', 'rm', '-f', TAG);
    } catch {
      // not there yet
    }
  });

  // A fresh value per run, so the first build never finds a cache left by an earlier run.
  const files = { 'config.txt': `port=80 run=${Date.now()}\n`, 'app.txt': 'version one\n' };

  it('builds in Dockerfile order, skips the stage nobody needs, and rebuilds entirely from the cache', async () => {
    const first = await run(buildkit(files));
    expect(first.status).toBe(200);
    expect(first.summary?.builder).toMatch(/^BuildKit \(Engine API 1\.\d+\)$/);
    expect(first.summary?.builderKind).toBe('buildkit');
    expect(first.steps.map((step) => `${step.stage} ${step.status}`)).toEqual([
      'base base',
      expect.stringMatching(/^base (built|cached)$/), // WORKDIR /app may come from an earlier run's cache
      'base built',
      'docs skipped',
      'stage-2 built',
      'stage-2 built',
    ]);
    expect(first.steps[5]?.instruction).toBe('RUN echo "hello" && cat /app/app.txt > /app/copy.txt');
    expect(first.events).toContainEqual({ kind: 'output', step: 6, line: 'hello' });
    expect(first.summary).toMatchObject({ skipped: 1, tags: [TAG] });
    // The sandbox engines have no bridge network: the build ran without one, and says so.
    expect(first.summary?.networkNote).toMatch(/no bridge network/);
    expect(first.events.some((event) => event.kind === 'internal' && event.internal.name === 'exporting to image')).toBe(true);
    // Each shipped step's layer, from the image's history.
    expect(first.steps[2]?.layerSize).toBeGreaterThan(0);
    expect(first.steps[5]?.layerSize).toBeGreaterThan(0);
    expect(docker('run', '--rm', '--network', 'none', TAG)).toBe('version one');

    const second = await run(buildkit(files));
    expect(statuses(second.steps)).toEqual(['base', 'cached', 'cached', 'skipped', 'cached', 'cached']);
    expect(second.summary?.cacheBreak).toBeNull();
    expect(second.summary?.imageId).toBe(first.summary?.imageId);
  });

  it('breaks the cache at the COPY whose file changed, and says which file', async () => {
    const changed = await run(buildkit({ ...files, 'app.txt': 'version two\n' }));
    expect(statuses(changed.steps)).toEqual(['base', 'cached', 'cached', 'skipped', 'built', 'built']);
    expect(changed.summary?.cacheBreak).toMatchObject({ step: 5, instruction: 'COPY app.txt /app/', rebuilt: [6] });
    expect(changed.summary?.cacheBreak?.reason).toBe('A copied file changed: app.txt.');
    expect(docker('run', '--rm', '--network', 'none', TAG)).toBe('version two');
  });

  it('breaks the cache at the RUN that reads a changed build argument, and names the argument', async () => {
    const result = await run(buildkit({ ...files, 'app.txt': 'version two\n' }, { buildArgs: { GREETING: 'hi' } }));
    expect(errorLines(result.events)).toEqual([]);
    expect(statuses(result.steps)).toEqual(['base', 'cached', 'cached', 'skipped', 'cached', 'built']);
    expect(result.summary?.cacheBreak?.step).toBe(6);
    expect(result.summary?.cacheBreak?.reason).toMatch(/^A build argument changed \(GREETING\)/);
    expect(result.events).toContainEqual({ kind: 'output', step: 6, line: 'hi' });
  });

  it('builds only the target stage and what it needs', async () => {
    const result = await run(buildkit(files, { target: 'docs', tags: ['strata-test/buildkit-docs:1'] }));
    expect(result.steps.map((step) => `${step.stage} ${step.status}`)).toEqual([
      'base base',
      'base cached',
      'base cached',
      'docs built',
      'stage-2 skipped',
      'stage-2 skipped',
    ]);
    docker('image', 'rm', 'strata-test/buildkit-docs:1');
  });

  it('shows a failing RUN with its output on both streams, and tags nothing', async () => {
    const result = await run(
      buildRequest(
        {},
        { builder: 'buildkit', tags: ['strata-test/buildkit-broken:1'] },
        'FROM strata-test/buildkit-base:1\nRUN echo about to fail && echo to stderr >&2 && exit 3\n',
      ),
    );
    expect(statuses(result.steps)).toEqual(['base', 'failed']);
    const error = result.events.find((event) => event.kind === 'error');
    expect(error).toMatchObject({ kind: 'error', step: 2 });
    expect(error?.kind === 'error' ? error.message : '').toMatch(/exit code: 3/); // dockerd 28.5: “did not complete successfully”, 20.10: “executor failed running”;
    const output = result.events.flatMap((event) => (event.kind === 'output' ? [event.line] : []));
    expect(output).toEqual(expect.arrayContaining(['about to fail', 'to stderr']));
    expect(() => docker('image', 'inspect', 'strata-test/buildkit-broken:1')).toThrow();
  });

  it('cancel stops the solve on the engine: its process goes, and nothing is tagged', async () => {
    // BuildKit runs steps in its own containers, not Docker's: the RUN's process itself is what must go.
    const marker = `sleep 41.${process.pid}`;
    const controller = new AbortController();
    const response = await buildRoute(
      buildkit(
        {},
        { tags: ['strata-test/buildkit-cancelled:1'] },
        `FROM strata-test/buildkit-base:1\nRUN echo started && ${marker}\n`,
        controller.signal,
      ),
      ctx,
    );
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    while (!seen.includes('"line":"started"')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += value;
    }
    expect(seen).toContain('"line":"started"');
    const sleeping = () =>
      execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .split('\n')
        .some((line) => line.startsWith(marker));
    // `started` can arrive before the shell has started the sleep.
    const running = Date.now() + 5_000;
    while (!sleeping() && Date.now() < running) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sleeping()).toBe(true);
    controller.abort();
    await reader.cancel().catch(() => undefined);
    const deadline = Date.now() + 10_000;
    while (sleeping() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sleeping()).toBe(false);
    expect(() => docker('image', 'inspect', 'strata-test/buildkit-cancelled:1')).toThrow();
  });

  // The packed context once lost its first tar blocks when the build awaited anything between packing
  // and sending (here: reading the folder's Dockerfile for the step plan): "invalid tar header".
  it('builds a folder’s own Dockerfile when the page sends no text of its own, with either builder', async () => {
    const folder = { ...files, Dockerfile: 'FROM strata-test/buildkit-base:1\nCOPY app.txt /app/\nRUN cat /app/app.txt\n' };
    for (const builder of ['buildkit', 'classic']) {
      const result = await run(buildRequest(folder, { builder, tags: ['strata-test/buildkit-folder:1'] }, null));
      expect(errorLines(result.events)).toEqual([]);
      expect(result.summary?.builderKind).toBe(builder);
      expect(result.events).toContainEqual(expect.objectContaining({ kind: 'output', line: 'version one' }));
    }
    docker('image', 'rm', 'strata-test/buildkit-folder:1');
  });

  it('refuses an unknown builder with 400', async () => {
    const result = await run(buildRequest(files, { builder: 'kaniko' }, DOCKERFILE));
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toMatch(/buildkit or classic/);
  });
});
