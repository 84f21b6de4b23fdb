// A pull or push the browser abandons: the server must close its request to the engine (which stops the
// transfer there) rather than keep the stream running. A fake engine on a unix socket streams progress
// forever and records when Strata hangs up.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as pullRoute } from '@/app/api/pull/route';
import { POST as pushRoute } from '@/app/api/images/[ref]/push/route';
import { resetConnection } from '@/lib/docker/engine/client';

interface Transfer {
  path: string;
  closedAt: number | null;
}

const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

function slowEngine(socket: string, transfers: Transfer[]): Promise<Server> {
  const server = createServer((conn) => {
    conn.on('error', () => {});
    let head = '';
    conn.on('data', (chunk) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      const [method, url] = head.split(' ');
      head = '';
      const json = (body: unknown) => {
        const text = JSON.stringify(body);
        conn.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
      };
      if (url === '/version') return json({ ApiVersion: '1.41', MinAPIVersion: '1.12' });
      // Inspect, with or without a query (Strata asks for manifests=1, which older engines ignore).
      if (method === 'GET' && /\/images\/[^?]+\/json(\?|$)/.test(url ?? ''))
        return json({ Id: `sha256:${'b'.repeat(64)}`, RepoTags: ['localhost:5999/slow/app:1'] });
      // Pull or push: progress every 50 ms, never done.
      const transfer: Transfer = { path: url ?? '', closedAt: null };
      transfers.push(transfer);
      conn.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
      let n = 0;
      const tick = setInterval(() => {
        const line = `${JSON.stringify({ status: 'Downloading', id: 'abcdef012345', progressDetail: { current: ++n * 1000, total: 1_000_000 } })}\r\n`;
        conn.write(`${Buffer.byteLength(line).toString(16)}\r\n${line}\r\n`);
      }, 50);
      conn.on('close', () => {
        clearInterval(tick);
        transfer.closedAt = Date.now();
      });
    });
  });
  return new Promise((resolve) => server.listen(socket, () => resolve(server)));
}

async function abandonAfterFirstLine(response: Response, controller: AbortController): Promise<{ firstLine: string; abortedAt: number }> {
  const reader = response.body!.getReader();
  const { value } = await reader.read();
  const abortedAt = Date.now();
  // What the server sees when the browser goes away: the request's signal fires.
  controller.abort();
  return { firstLine: new TextDecoder().decode(value), abortedAt };
}

async function waitForClose(transfer: Transfer | undefined): Promise<number> {
  for (let i = 0; i < 60 && !transfer?.closedAt; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return transfer?.closedAt ?? Number.POSITIVE_INFINITY;
}

describe('interrupted pull and push', () => {
  let dir: string;
  let server: Server;
  const transfers: Transfer[] = [];
  const saved = process.env.DOCKER_HOST;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'strata-slow-'));
    server = await slowEngine(path.join(dir, 'slow.sock'), transfers);
    process.env.DOCKER_HOST = `unix://${path.join(dir, 'slow.sock')}`;
    resetConnection();
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
    resetConnection();
  });

  it('a pull the browser abandons closes the engine request within a second', async () => {
    const controller = new AbortController();
    const request = new Request('http://localhost:3000/api/pull', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ref: 'localhost:5999/slow/app:1' }),
      signal: controller.signal,
    });
    const response = await pullRoute(request, ctx({}));
    expect(response.status).toBe(200);
    const { firstLine, abortedAt } = await abandonAfterFirstLine(response, controller);
    expect(firstLine).toMatch(/"kind"/);
    const transfer = transfers.find((t) => t.path.includes('/images/create'));
    expect(transfer).toBeDefined();
    expect((await waitForClose(transfer)) - abortedAt).toBeLessThan(1000);
  });

  it('a push the browser abandons closes the engine request within a second', async () => {
    const controller = new AbortController();
    const request = new Request('http://localhost:3000/api/images/x/push', { method: 'POST', signal: controller.signal });
    const response = await pushRoute(request, ctx({ ref: 'localhost:5999/slow/app:1' }));
    expect(response.status).toBe(200);
    const { abortedAt } = await abandonAfterFirstLine(response, controller);
    const transfer = transfers.find((t) => t.path.includes('/push'));
    expect(transfer).toBeDefined();
    expect((await waitForClose(transfer)) - abortedAt).toBeLessThan(1000);
  });
});
