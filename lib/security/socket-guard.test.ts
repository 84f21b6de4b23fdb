import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSocketGuard } from './socket-guard';

// Windows wide enough that a busy machine's timer delays cannot make a moving upload look stalled.
const LIMITS = { headersMs: 300, bodyMs: 400, uploadWindowMs: 1000, uploadMinBytes: 1024 };
let server: http.Server;
let port: number;
const seen: Record<string, string | undefined> = {};

beforeAll(async () => {
  installSocketGuard(LIMITS);
  server = http.createServer((req, res) => {
    seen.peer = req.headers['x-strata-peer'] as string | undefined;
    if (req.url === '/slow-answer') {
      // An answer that takes longer than every body limit: it must not be cut off.
      let n = 0;
      const tick = setInterval(() => {
        res.write(`${n}\n`);
        if (++n === 6) {
          clearInterval(tick);
          res.end();
        }
      }, 200);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => res.end(`got ${Buffer.concat(chunks).length}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A raw client: writes `parts` one every `gapMs`, returns what came back and when the socket closed. */
function trickle(parts: string[], gapMs: number): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let i = 0;
    const timer = setInterval(() => {
      if (i < parts.length && !socket.destroyed) socket.write(parts[i++] as string);
    }, gapMs);
    socket.on('data', (data) => (answer += data.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

describe('socket guard', () => {
  it('stamps the socket address, replacing a forged one', async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-strata-peer': '203.0.113.9' } });
    expect(await answer.text()).toBe('got 0');
    expect(seen.peer).toBe('127.0.0.1');
  });

  it('keeps an idle kept-alive connection past the headers limit, so a request sent on it later is answered', async () => {
    const answers = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      let answer = '';
      const request = 'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\nhi';
      socket.on('data', (data) => (answer += data.toString()));
      socket.on('error', () => undefined);
      socket.write(request);
      // Idle for over twice the headers limit (300 ms), then the next request on the same connection.
      setTimeout(() => !socket.destroyed && socket.write(request), 800);
      setTimeout(() => {
        socket.destroy();
        resolve(answer);
      }, 1300);
    });
    expect(answers.match(/got 2/g)).toHaveLength(2);
  });

  it('closes a connection whose headers trickle in', async () => {
    const parts = 'GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n'.split('');
    const result = await trickle(parts, 50);
    expect(result.answer).toBe('');
    expect(result.closedAfterMs).toBeLessThan(1500);
  });

  it('answers 408 to a JSON body sent a byte at a time', async () => {
    const head = 'POST /api/tags/retag HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n';
    const result = await trickle([head, ...'{"a":'.repeat(20).split('')], 50);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(result.answer).toContain('"code":"request_timeout"');
    expect(result.closedAfterMs).toBeLessThan(2000);
  });

  it('answers 408 to an upload that stalls, but lets a moving one finish', async () => {
    const head = (length: number) => `POST /api/images/load HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${length}\r\n\r\n`;
    const stalled = await trickle([head(10_000), ...'x'.repeat(40).split('')], 100);
    expect(stalled.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(stalled.answer).toContain('upload stalled');

    const chunk = 'y'.repeat(2048);
    const moving = await trickle([head(chunk.length * 6), chunk, chunk, chunk, chunk, chunk, chunk], 100);
    expect(moving.answer).toMatch(/^HTTP\/1\.1 200/);
    expect(moving.answer).toContain(`got ${chunk.length * 6}`);
  });

  it('never cuts a long answer once the request has arrived', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/slow-answer`);
    expect(await response.text()).toBe('0\n1\n2\n3\n4\n5\n');
  });
});
