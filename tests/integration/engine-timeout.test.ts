// A hung engine: a unix socket that accepts connections and never answers (or answers only /version).
// Every ordinary route must give up with a 504 `engine_timeout` within STRATA_ENGINE_TIMEOUT_MS, and
// the socket must be let go soon after, so a stuck engine cannot pile up open requests.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET as getEngine } from '@/app/api/engine/route';
import { GET as getImages } from '@/app/api/images/route';
import { DELETE as deleteImage, GET as getImage } from '@/app/api/images/[ref]/route';
import { GET as getHistory } from '@/app/api/images/[ref]/history/route';
import { GET as getDiskUsage } from '@/app/api/disk-usage/route';
import { resetConnection } from '@/lib/docker/engine/client';
import { subscribe } from '@/lib/docker/events/subscription';
import type { StrataEvent } from '@/lib/api/engine';

const LIMIT_MS = 400;
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const get = (p: string) => new Request(`http://localhost:3000${p}`);

type Mode = 'silent' | 'version-only';

interface FakeEngine {
  socket: string;
  server: Server;
  open: Set<Socket>;
  closedAfterMs: number[];
  mode: Mode;
}

function fakeEngine(dir: string): Promise<FakeEngine> {
  const engine: FakeEngine = {
    socket: path.join(dir, 'hung.sock'),
    server: createServer(),
    open: new Set(),
    closedAfterMs: [],
    mode: 'silent',
  };
  engine.server.on('connection', (socket) => {
    const opened = Date.now();
    engine.open.add(socket);
    socket.on('close', () => {
      engine.open.delete(socket);
      engine.closedAfterMs.push(Date.now() - opened);
    });
    socket.on('error', () => {});
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      // The version probe is answered in 'version-only' mode; everything else waits forever.
      if (engine.mode === 'version-only' && /^GET \/version /.test(head) && head.includes('\r\n\r\n')) {
        const body = JSON.stringify({ ApiVersion: '1.41', MinAPIVersion: '1.12', Version: '20.10.24' });
        socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
        head = '';
      }
    });
  });
  return new Promise((resolve) => engine.server.listen(engine.socket, () => resolve(engine)));
}

async function timed(
  call: () => Promise<Response>,
): Promise<{ status: number; body: { error?: { code: string; message: string } }; ms: number }> {
  const start = performance.now();
  const response = await call();
  const ms = performance.now() - start;
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } }, ms };
}

describe('a hung engine', () => {
  let dir: string;
  let engine: FakeEngine;
  const saved = { host: process.env.DOCKER_HOST, limit: process.env.STRATA_ENGINE_TIMEOUT_MS };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'strata-hung-'));
    engine = await fakeEngine(dir);
    process.env.DOCKER_HOST = `unix://${engine.socket}`;
    process.env.STRATA_ENGINE_TIMEOUT_MS = String(LIMIT_MS);
  });

  afterEach(() => resetConnection());

  afterAll(async () => {
    for (const socket of engine.open) socket.destroy();
    await new Promise((resolve) => engine.server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
    if (saved.host === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved.host;
    if (saved.limit === undefined) delete process.env.STRATA_ENGINE_TIMEOUT_MS;
    else process.env.STRATA_ENGINE_TIMEOUT_MS = saved.limit;
    resetConnection();
  });

  it('that never answers at all: the version probe gives up with 504 engine_timeout within the limit', async () => {
    engine.mode = 'silent';
    const result = await timed(() => getImages(get('/api/images'), ctx({})));
    expect(result.status).toBe(504);
    expect(result.body.error?.code).toBe('engine_timeout');
    expect(result.body.error?.message).toMatch(/did not answer within 400 ms/);
    expect(result.ms).toBeGreaterThanOrEqual(LIMIT_MS - 20);
    expect(result.ms).toBeLessThan(LIMIT_MS + 1500);
  });

  it.each([
    ['GET /api/engine', () => getEngine(get('/api/engine'), ctx({}))],
    ['GET /api/images', () => getImages(get('/api/images'), ctx({}))],
    ['GET /api/images/{ref}', () => getImage(get('/api/images/x'), ctx({ ref: 'strata-fixture/base:1' }))],
    ['GET /api/images/{ref}/history', () => getHistory(get('/api/images/x/history'), ctx({ ref: 'strata-fixture/base:1' }))],
    ['GET /api/disk-usage', () => getDiskUsage(get('/api/disk-usage'), ctx({}))],
    [
      'DELETE /api/images/{ref}',
      () => deleteImage(new Request('http://localhost:3000/api/images/x', { method: 'DELETE' }), ctx({ ref: 'strata-fixture/base:1' })),
    ],
  ])('that answers /version and then hangs: %s answers 504 within the limit', async (_name, call) => {
    engine.mode = 'version-only';
    const result = await timed(call);
    expect(result.status).toBe(504);
    expect(result.body).toEqual({
      error: {
        code: 'engine_timeout',
        message: expect.stringContaining('did not answer') as string,
        details: { engine: 'default', address: `unix://${engine.socket}`, timeoutMs: LIMIT_MS },
      },
    });
    // The probe answers at once; the one stuck call is cut at the limit (two limits at most when the
    // route makes two calls one after the other).
    expect(result.ms).toBeLessThan(2 * LIMIT_MS + 1500);
  });

  it('lets go of the stuck sockets shortly after the 504', async () => {
    engine.mode = 'version-only';
    await getImages(get('/api/images'), ctx({}));
    await expect.poll(() => engine.open.size, { timeout: 1500, interval: 20 }).toBe(0);
  });

  it('the events stream reports the engine as not answering rather than waiting forever', async () => {
    engine.mode = 'version-only';
    const events: StrataEvent[] = [];
    const unsubscribe = subscribe((event) => events.push(event));
    try {
      const lost = () => events.find((event) => event.kind === 'engine' && event.state === 'disconnected');
      await expect
        .poll(lost, { timeout: LIMIT_MS + 2000, interval: 20 })
        .toMatchObject({ kind: 'engine', state: 'disconnected', message: expect.stringContaining('did not answer') as string });
    } finally {
      unsubscribe();
    }
  });
});
