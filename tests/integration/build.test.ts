// Builds through POST /api/build against the sandbox engine: the cache made visible (all hits on a
// rebuild, the break at the COPY whose file changed), .dockerignore, failures, cancel and bad uploads.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as buildRoute } from '@/app/api/build/route';
import { buildRequest as request, ctx, run } from './build-support';
import { docker, privateBase, requireSandbox } from '../support/sandbox';

const TAG = 'strata-test/built:1';
const DOCKERFILE = [
  'FROM strata-test/build-base:1',
  'WORKDIR /app',
  'COPY config.txt /app/',
  'COPY app.txt /app/',
  'RUN cat /app/app.txt > /app/copy.txt',
  'CMD ["cat", "/app/copy.txt"]',
  '',
].join('\n');
/** With the classic builder, whatever the engine's default (BuildKit has its own tests: buildkit.test.ts). */
function buildRequest(files: Record<string, string>, options: object, dockerfile: string | null = DOCKERFILE, signal?: AbortSignal) {
  return request(files, { builder: 'classic', ...options }, dockerfile, signal);
}

describe('POST /api/build with the classic builder', () => {
  beforeAll(() => {
    requireSandbox();
    privateBase('strata-test/build-base:1');
    process.env.STRATA_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'strata-build-data-'));
    try {
      docker('image', 'rm', '-f', TAG);
    } catch {
      // not there yet
    }
  });
  afterAll(() => {
    delete process.env.STRATA_UPLOAD_LIMIT_BYTES;
  });

  // A fresh value per run, so the first build never finds a cache left by an earlier run.
  const files = {
    'config.txt': `port=80 run=${Date.now()}\n`,
    'app.txt': 'version one\n',
    'notes/secret.txt': 'do not send\n',
    '.dockerignore': 'notes\n',
  };

  it('builds, then rebuilds entirely from the cache', async () => {
    const first = await run(buildRequest(files, { tags: [TAG] }));
    expect(first.status).toBe(200);
    expect(first.summary?.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(first.summary?.tags).toContain(TAG);
    // WORKDIR /app may come from an earlier run's cache; everything after the fresh config.txt is built.
    expect(first.steps.map((step) => step.status).slice(2)).toEqual(['built', 'built', 'built', 'built']);
    expect(first.summary?.builder).toMatch(/classic builder \(Engine API 1\.\d+\)/);
    // .dockerignore kept notes/ out of what the engine received.
    expect(first.summary?.ignoredFiles).toBeGreaterThanOrEqual(1);
    expect(docker('run', '--rm', '--network', 'none', TAG, 'sh', '-c', 'ls /app; test ! -e /app/notes && echo absent')).toContain('absent');

    const second = await run(buildRequest(files, { tags: [TAG] }));
    expect(second.steps.map((step) => step.status)).toEqual(['base', 'cached', 'cached', 'cached', 'cached', 'cached']);
    expect(second.summary?.cacheBreak).toBeNull();
    expect(second.summary?.imageId).toBe(first.summary?.imageId);
  });

  it('breaks the cache at the COPY whose file changed, and says which file', async () => {
    const changed = await run(buildRequest({ ...files, 'app.txt': 'version two\n' }, { tags: [TAG] }));
    expect(changed.steps.map((step) => step.status)).toEqual(['base', 'cached', 'cached', 'built', 'built', 'built']);
    expect(changed.summary?.cacheBreak).toMatchObject({ step: 4, instruction: 'COPY app.txt /app/', rebuilt: [5, 6] });
    expect(changed.summary?.cacheBreak?.reason).toBe('A copied file changed: app.txt.');
    expect(changed.steps[4]?.cacheReason).toMatch(/earlier step \(4\) was rebuilt/);
    // The RUN's layer is real and sized; CMD made none.
    expect(changed.steps[4]?.layerSize).toBeGreaterThan(0);
    expect(changed.steps[5]?.emptyLayer).toBe(true);
    expect(docker('run', '--rm', '--network', 'none', TAG)).toBe('version two');
  });

  it('says when the instruction itself changed', async () => {
    const edited = DOCKERFILE.replace('RUN cat /app/app.txt > /app/copy.txt', 'RUN cat /app/app.txt /app/config.txt > /app/copy.txt');
    const result = await run(buildRequest({ ...files, 'app.txt': 'version two\n' }, { tags: [TAG] }, edited));
    expect(result.summary?.cacheBreak?.step).toBe(5);
    expect(result.summary?.cacheBreak?.reason).toBe('The instruction changed: it was “RUN cat /app/app.txt > /app/copy.txt”.');
  });

  it('shows a failing step with its output and no new tag', async () => {
    const result = await run(
      buildRequest({}, { tags: ['strata-test/broken:1'] }, 'FROM strata-test/build-base:1\nRUN echo about to fail && exit 3\n'),
    );
    const failed = result.steps.find((step) => step.status === 'failed');
    expect(failed?.number).toBe(2);
    const error = result.events.find((event) => event.kind === 'error');
    expect(error).toMatchObject({ kind: 'error', step: 2 });
    expect(error?.kind === 'error' ? error.message : '').toMatch(/returned a non-zero code: 3/);
    expect(result.events.some((event) => event.kind === 'output' && event.line === 'about to fail')).toBe(true);
    expect(() => docker('image', 'inspect', 'strata-test/broken:1')).toThrow();
  });

  it('cancel stops the build on the engine', async () => {
    const controller = new AbortController();
    const response = await buildRoute(
      buildRequest(
        {},
        { tags: ['strata-test/cancelled:1'] },
        'FROM strata-test/build-base:1\nRUN echo started && sleep 30\nRUN true\n',
        controller.signal,
      ),
      ctx,
    );
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    while (!seen.includes('"started"')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += value;
    }
    expect(seen).toContain('"started"');
    controller.abort();
    await reader.cancel().catch(() => undefined);
    // The engine kills the step's container and keeps nothing: no running container within 5 s.
    // Only this build's containers: other test files may run containers at the same time.
    const mine = () => docker('ps', '-q', '--filter', 'ancestor=strata-test/build-base:1');
    const deadline = Date.now() + 5000;
    let running = mine();
    while (running && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      running = mine();
    }
    expect(running).toBe('');
    expect(() => docker('image', 'inspect', 'strata-test/cancelled:1')).toThrow();
  });

  it('refuses bad options, an empty Dockerfile and a malformed context archive with 400', async () => {
    const badTag = await run(buildRequest(files, { tags: ['Bad/Tag'] }));
    expect(badTag.status).toBe(400);
    expect(badTag.body).toMatchObject({ error: { code: 'invalid_reference' } });
    const unknown = await run(buildRequest(files, { tags: [], shell: 'rm -rf /' }));
    expect(unknown.status).toBe(400);
    const empty = await run(buildRequest({}, {}, '   '));
    expect(empty.status).toBe(400);

    const form = new FormData();
    form.append('options', '{}');
    form.append('context', new Blob([new Uint8Array(4096).fill(7)]), 'context.tar');
    const malformed = await run(
      new Request('http://localhost:3000/api/build', { method: 'POST', headers: { host: 'localhost:3000' }, body: form }),
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({
      error: { code: 'invalid_input', message: expect.stringMatching(/context archive could not be read/) },
    });

    const traversal = await run(buildRequest({ '../escape.txt': 'x' }, {}));
    expect(traversal.status).toBe(400);
  });

  it('refuses an upload over the limit with 413', async () => {
    process.env.STRATA_UPLOAD_LIMIT_BYTES = '1000';
    const result = await run(buildRequest({ 'big.bin': 'x'.repeat(5000) }, {}));
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({ error: { code: 'too_large' } });
    delete process.env.STRATA_UPLOAD_LIMIT_BYTES;
  });

  it('refuses a cross-site build (the upload routes guard themselves)', async () => {
    const request = buildRequest(files, {});
    request.headers.set('origin', 'https://evil.example');
    const result = await run(request);
    expect(result.status).toBe(403);
  });
});
