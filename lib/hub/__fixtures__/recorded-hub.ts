// Serves recorded Hub answers (see README.md here) from a loopback HTTP server, so lib/hub's own fetch,
// status handling and parsing run for real. Answers are chosen by path; the requests it saw are kept.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface Recording {
  request: string;
  status: number;
  headers: Record<string, string>;
  /** A JSON value, or raw text to send as it is (an answer that is not JSON). */
  body: unknown;
  raw?: string;
}

export function recording(name: string): Recording {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, `${name}.json`), 'utf8')) as Recording;
}

/** A recording with its body changed by `change` (which gets a deep copy). */
// The body is loose recorded JSON that each test reshapes on purpose, wrongly typed included.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function altered(name: string, change: (body: any) => unknown): Recording {
  const base = recording(name);
  return { ...base, body: change(structuredClone(base.body)) };
}

export interface RecordedHub {
  url: string;
  /** Path and query of every request, in order. */
  seen: string[];
  close(): Promise<void>;
}

export async function serveRecordings(byPath: Record<string, Recording>): Promise<RecordedHub> {
  const seen: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push(`${url.pathname}${url.search}`);
    // Any other path gets the fixture's own 404, as the Hub answers a path it does not have.
    const answer = byPath[url.pathname] ?? recording('search-v2-missing');
    res.writeHead(answer.status, answer.headers);
    res.end(answer.raw ?? JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
