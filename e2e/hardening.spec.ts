// Issue 13's findings, each against the running server as the attacker met it: a reference that froze
// the event loop, bodies that were buffered or trickled, headers that never ended, a double-encoded
// delete, and a page on another site making Strata work through an <img>.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { buildThrowaway, docker } from './support/engine';
import { send } from './support/raw-http';
import { BASE_PORT } from './support/servers';

const BASE = `http://127.0.0.1:${BASE_PORT}`;
const sameOrigin = { Origin: BASE, 'Sec-Fetch-Site': 'same-origin' };

test.describe('Hardening (issue 13)', () => {
  test('a reference built to backtrack is refused at once, and the server keeps answering meanwhile', async () => {
    const started = Date.now();
    const [hostile, engine] = await Promise.all([
      send(BASE_PORT, 'GET', `/api/images/${'a'.repeat(60)}-/history`),
      send(BASE_PORT, 'GET', '/api/engine'),
    ]);
    const elapsed = Date.now() - started;
    console.log(`[hardening] backtracking reference: ${hostile.status} with /api/engine ${engine.status}, both in ${elapsed} ms`);
    expect(hostile.status).toBe(400);
    expect(engine.status).toBe(200);
    expect(elapsed).toBeLessThan(3000);
  });

  test('JSON writes are refused from their headers when too large or unsized, before any body is read', async () => {
    const big = JSON.stringify({ target: 'dangling', dryRun: true, pad: 'x'.repeat(100_000) });
    const tooLarge = await send(BASE_PORT, 'POST', '/api/prune', { ...sameOrigin, 'Content-Type': 'application/json' }, big);
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error.code).toBe('too_large');
    const chunked = await new Promise<string>((resolve) => {
      const socket = net.connect(BASE_PORT, '127.0.0.1', () =>
        socket.write(
          `POST /api/prune HTTP/1.1\r\nHost: 127.0.0.1:${BASE_PORT}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
        ),
      );
      let answer = '';
      socket.on('data', (data) => (answer += data.toString()));
      socket.on('close', () => resolve(answer));
    });
    expect(chunked).toMatch(/^HTTP\/1\.1 411/);
  });

  test('a client that never finishes its headers is cut off within the limit', async () => {
    const started = Date.now();
    await new Promise<void>((resolve) => {
      const socket = net.connect(BASE_PORT, '127.0.0.1', () =>
        socket.write(`GET /api/engine HTTP/1.1\r\nHost: 127.0.0.1:${BASE_PORT}\r\n`),
      );
      // One more header byte a second: never complete.
      const drip = setInterval(() => socket.writable && socket.write('X'), 1000);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(drip);
        resolve();
      });
    });
    const elapsed = Date.now() - started;
    console.log(`[hardening] dripping headers closed after ${elapsed} ms`);
    expect(elapsed).toBeLessThan(15_000);
  });

  test('a double-encoded delete acts on nothing, and the audit log says exactly what was refused', async () => {
    buildThrowaway('sec/target:1', `double-${Date.now()}`);
    try {
      const response = await send(BASE_PORT, 'DELETE', '/api/tags/sec%252Ftarget%3A1', sameOrigin);
      expect(response.status).toBe(400);
      expect(docker('image', 'inspect', '--format', '{{.RepoTags}}', 'sec/target:1')).toContain('sec/target:1');
      const activity = JSON.parse((await send(BASE_PORT, 'GET', '/api/activity')).body) as {
        writes: { method: string; target: string; status: number }[];
      };
      expect(activity.writes.find((write) => write.method === 'DELETE' && write.target.startsWith('/api/tags/sec'))).toMatchObject({
        target: '/api/tags/sec%2Ftarget:1',
        status: 400,
      });
    } finally {
      docker('image', 'rm', '-f', 'sec/target:1');
    }
  });

  test('a page on another site cannot make Strata work through an <img>', async ({ page }) => {
    // A hostile page on a server of its own, opened as `localhost`: another site than 127.0.0.1.
    const images = ['/api/images/strata-fixture%2Fweb%3A1/analysis', '/api/images/strata-fixture%2Fweb%3A1/export'];
    const hostile = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(images.map((path) => `<img src="${BASE}${path}">`).join(''));
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    // The browser hides these answers from the page (ORB), so they are read from the network itself.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    // CDP may send a response's events before its request's, so both are kept and joined when read.
    const urls = new Map<string, string>();
    const statuses = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
    cdp.on('Network.responseReceivedExtraInfo', (event) => statuses.set(event.requestId, event.statusCode));
    cdp.on('Network.responseReceived', (event) => statuses.set(event.requestId, event.response.status));
    const answers = () => [...statuses].filter(([id]) => urls.get(id)?.startsWith(`${BASE}/api/`)).map(([, status]) => status);
    try {
      await page.goto(`http://localhost:${(hostile.address() as AddressInfo).port}/`);
      // Both answers, however busy the machine (each is a quick 403 from the guard).
      await expect.poll(() => answers().length, { timeout: 20_000 }).toBe(images.length);
      expect(answers()).toEqual([403, 403]);
    } finally {
      hostile.close();
    }
  });
});
