// Bad input at every API route (found on disk, so later routes are covered too), called through the
// route handlers themselves: hostile references in every dynamic segment and reference-like field,
// wrong JSON types, bodies that are not JSON, huge bodies, unknown fields. The rules: no 5xx, every
// error is a 4xx in the one error shape, and the engine's images, tags and containers do not change.
// The figures per category are printed at the end (and written to reports/bad-input.json).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReference } from '@/lib/reference';
import { buildImage, docker, engineGet, imageExists, requireSandbox } from '../support/sandbox';
import {
  GENERIC_REF_BODY,
  GENERIC_REF_QUERY,
  HOSTILE_REFS,
  HUGE_BODIES,
  KNOWN,
  NON_JSON,
  NOSUCH,
  TYPED_VALUES,
  UNKNOWN_FIELDS_JSON,
  UNKNOWN_QUERY,
  VICTIM,
  WRONG_BODIES,
  defaultParam,
  typeOf,
  type RouteContext,
} from './bad-input/cases';
import { fillPattern, loadRoutes, type ApiRoute } from './bad-input/routes';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REQUEST_LIMIT_MS = 20_000;
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];

interface Tally {
  tried: number;
  ok2xx: number;
  refused4xx: number;
  fivexx: number;
  badShape: number;
  hung: number;
  engineChanges: number;
  problems: string[];
  /** Requests answered 2xx, by method and route: input a route takes as valid (free text) or ignores. */
  accepted: Record<string, number>;
}

const tallies = new Map<string, Tally>();
const tally = (category: string): Tally => {
  let t = tallies.get(category);
  if (!t)
    tallies.set(
      category,
      (t = { tried: 0, ok2xx: 0, refused4xx: 0, fivexx: 0, badShape: 0, hung: 0, engineChanges: 0, problems: [], accepted: {} }),
    );
  return t;
};

/** Images (ID and tags) and containers (ID, image, state), straight from the engine socket. */
function engineState(): string {
  const images = engineGet<{ Id: string; RepoTags: string[] | null }[]>('/images/json?all=1')
    .map((image) => `${image.Id} ${[...(image.RepoTags ?? [])].sort().join(',')}`)
    .sort();
  const containers = engineGet<{ Id: string; Image: string; State: string }[]>('/containers/json?all=1')
    .map((container) => `${container.Id} ${container.Image} ${container.State}`)
    .sort();
  return JSON.stringify({ images, containers });
}

function diffState(before: string, after: string): number {
  const a = JSON.parse(before) as { images: string[]; containers: string[] };
  const b = JSON.parse(after) as { images: string[]; containers: string[] };
  const count = (x: string[], y: string[]) => x.filter((line) => !y.includes(line)).length + y.filter((line) => !x.includes(line)).length;
  return count(a.images, b.images) + count(a.containers, b.containers);
}

interface Call {
  route: ApiRoute;
  method: string;
  params?: Record<string, string>;
  /** Raw query string (already encoded) or fields to encode. */
  query?: string | Record<string, string>;
  body?: string | Uint8Array | ReadableStream<Uint8Array>;
  contentType?: string | null;
  contentLength?: number;
  /** Hand the handler the params still percent-encoded, as some runtimes do. */
  encodedParams?: boolean;
  label: string;
}

function contextOf(route: ApiRoute): RouteContext {
  return KNOWN[route.pattern] ?? {};
}

function paramsFor(route: ApiRoute, overrides: Record<string, string> = {}): Record<string, string> {
  const known = contextOf(route).params ?? {};
  return Object.fromEntries(route.segments.map((name) => [name, overrides[name] ?? known[name] ?? defaultParam(name)]));
}

async function drain(response: Response): Promise<string> {
  if (!response.body) return '';
  const type = response.headers.get('content-type') ?? '';
  // JSON and NDJSON end; SSE never does, and images are not read.
  if (type.includes('application/json') || type.includes('ndjson')) return response.text();
  await response.body.cancel().catch(() => {});
  return '';
}

async function send(category: string, call: Call): Promise<void> {
  const t = tally(category);
  t.tried += 1;
  const params = call.params ?? paramsFor(call.route);
  const query = typeof call.query === 'string' ? call.query : call.query ? new URLSearchParams(call.query).toString() : '';
  const url = `http://127.0.0.1:3000${fillPattern(call.route.pattern, params)}${query ? `?${query}` : ''}`;
  const headers = new Headers({ Accept: 'application/json' });
  if (call.contentType) headers.set('Content-Type', call.contentType);
  if (call.contentLength !== undefined) headers.set('Content-Length', String(call.contentLength));
  const init: RequestInit & { duplex?: 'half' } = { method: call.method, headers };
  if (call.body !== undefined && call.method !== 'GET' && call.method !== 'HEAD') {
    init.body = call.body as BodyInit;
    init.duplex = 'half';
  }
  const handler = call.route.handlers[call.method]!;
  const handed = call.encodedParams ? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(v)])) : params;
  const what = `${call.method} ${call.route.pattern} ${call.label}`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const response = await Promise.race([
      (async () => handler(new Request(url, init), { params: Promise.resolve(handed) }))(),
      new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), REQUEST_LIMIT_MS))),
    ]);
    if (response === 'hung') {
      t.hung += 1;
      t.problems.push(`${what}: no answer in ${REQUEST_LIMIT_MS / 1000} s`);
      return;
    }
    const text = await drain(response);
    if (response.status >= 500) {
      t.fivexx += 1;
      t.problems.push(`${what}: ${response.status} ${text.slice(0, 200)}`);
    } else if (response.status >= 400) {
      t.refused4xx += 1;
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        // checked below
      }
      const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      if (typeof error?.code !== 'string' || typeof error.message !== 'string' || !error.message) {
        t.badShape += 1;
        t.problems.push(`${what}: ${response.status} without the error shape: ${text.slice(0, 200)}`);
      }
    } else {
      t.ok2xx += 1;
      const key = `${call.method} ${call.route.pattern}`;
      t.accepted[key] = (t.accepted[key] ?? 0) + 1;
    }
  } catch (error) {
    // A handler that throws instead of answering is what a 500 would be.
    t.fivexx += 1;
    t.problems.push(`${what}: threw ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs one category and counts what changed on the engine across it. */
async function category(name: string, run: () => Promise<void>): Promise<Tally> {
  const before = engineState();
  await run();
  const t = tally(name);
  t.engineChanges = diffState(before, engineState());
  return t;
}

const describeValue = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…(${value.length})` : value);

function expectClean(t: Tally): void {
  expect(t.problems.slice(0, 20)).toEqual([]);
  expect(t.fivexx).toBe(0);
  expect(t.badShape).toBe(0);
  expect(t.hung).toBe(0);
  expect(t.engineChanges).toBe(0);
  expect(t.tried).toBeGreaterThan(0);
}

function hugeBody(spec: (typeof HUGE_BODIES)[string]): { body: string | ReadableStream<Uint8Array>; length: number } {
  const filler = spec.multibyte ? '€'.repeat(spec.bytes) : 'a'.repeat(spec.bytes);
  const text = spec.contentType === 'application/json' ? JSON.stringify({ ref: filler, dryRun: true }) : filler;
  const bytes = new TextEncoder().encode(text);
  if (spec.declareLength) return { body: text, length: bytes.byteLength };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.subarray(sent, sent + 16 * 1024));
      sent += 16 * 1024;
    },
  });
  return { body: stream, length: bytes.byteLength };
}

function jsonWithUnknownFields(base: Record<string, unknown>): string {
  const text = JSON.stringify(base);
  return text === '{}' ? `{${UNKNOWN_FIELDS_JSON}}` : `{${UNKNOWN_FIELDS_JSON},${text.slice(1)}`;
}

function bodyFor(route: ApiRoute, method: string): Record<string, unknown> {
  return contextOf(route).body?.[method] ?? {};
}

describe('bad input at every API route', () => {
  let routes: ApiRoute[] = [];
  let hub: ChildProcess | null = null;
  const saved = process.env.HUB_API_URL;

  beforeAll(async () => {
    requireSandbox();
    // The Hub routes talk to the project's Hub stand-in, never the internet.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    hub = spawn(process.execPath, [path.join(ROOT, 'scripts/hub-fixture.mjs'), String(port)], { stdio: 'ignore' });
    process.env.HUB_API_URL = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 50; i++) {
      const up = await fetch(`http://127.0.0.1:${port}/api/search/v4?query=x`).then(
        () => true,
        () => false,
      );
      if (up) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // A fresh image each run, so no other tag shares its ID.
    buildImage(VICTIM, `FROM strata-fixture/base:1\nRUN echo victim-${Date.now()} > /victim\n`);
    routes = await loadRoutes();
  }, 120_000);

  afterAll(() => {
    hub?.kill();
    if (saved === undefined) delete process.env.HUB_API_URL;
    else process.env.HUB_API_URL = saved;
    try {
      docker('image', 'rm', '-f', VICTIM);
    } catch {
      // already gone: the suite reports that as an engine change
    }
    const rows = [...tallies.entries()].map(([name, t]) => ({
      category: name,
      tried: t.tried,
      refused4xx: t.refused4xx,
      ok2xx: t.ok2xx,
      fivexx: t.fivexx,
      badShape: t.badShape,
      hung: t.hung,
      engineChanges: t.engineChanges,
    }));
    const total = rows.reduce(
      (sum, row) => ({
        ...sum,
        tried: sum.tried + row.tried,
        refused4xx: sum.refused4xx + row.refused4xx,
        ok2xx: sum.ok2xx + row.ok2xx,
        fivexx: sum.fivexx + row.fivexx,
        badShape: sum.badShape + row.badShape,
        hung: sum.hung + row.hung,
        engineChanges: sum.engineChanges + row.engineChanges,
      }),
      { category: 'total', tried: 0, refused4xx: 0, ok2xx: 0, fivexx: 0, badShape: 0, hung: 0, engineChanges: 0 },
    );
    const lines = [
      `[bad-input] ${routes.length} route files, ${routes.reduce((n, r) => n + Object.keys(r.handlers).length, 0)} handlers`,
      '[bad-input] category                         tried  4xx  2xx  5xx  bad-shape  hung  engine-changes',
      ...[...rows, total].map(
        (r) =>
          `[bad-input] ${r.category.padEnd(32)} ${String(r.tried).padStart(5)} ${String(r.refused4xx).padStart(4)} ${String(r.ok2xx).padStart(4)} ${String(r.fivexx).padStart(4)} ${String(r.badShape).padStart(10)} ${String(r.hung).padStart(5)} ${String(r.engineChanges).padStart(15)}`,
      ),
    ];
    for (const [name, t] of tallies)
      if (t.ok2xx)
        lines.push(
          `[bad-input] 2xx in ${name}: ${Object.entries(t.accepted)
            .map(([key, n]) => `${key} ×${n}`)
            .join(', ')}`,
        );
    console.log(lines.join('\n'));
    mkdirSync(path.join(ROOT, 'reports'), { recursive: true });
    writeFileSync(
      path.join(ROOT, 'reports/bad-input.json'),
      `${JSON.stringify({ routes: routes.map((r) => r.pattern), rows: [...rows, total], accepted: Object.fromEntries([...tallies].map(([name, t]) => [name, t.accepted])) }, null, 2)}\n`,
    );
  });

  it('finds every route file and its handlers', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const route of routes) expect(Object.keys(route.handlers).length, route.pattern).toBeGreaterThan(0);
  });

  it('hostile references in every dynamic segment: refused, nothing changed', async () => {
    const t = await category('path segments', async () => {
      for (const route of routes.filter((r) => r.segments.length > 0)) {
        for (const method of Object.keys(route.handlers)) {
          for (const segment of route.segments) {
            for (const [label, value] of Object.entries(HOSTILE_REFS)) {
              if (contextOf(route).skipValidRefs && parseReference(value).ok) continue;
              for (const encodedParams of [false, true]) {
                await send('path segments', {
                  route,
                  method,
                  params: paramsFor(route, { ...contextOf(route).hostileParams, [segment]: value }),
                  encodedParams,
                  label: `[${segment}]=${label}${encodedParams ? ' (encoded)' : ''}`,
                });
              }
            }
          }
        }
      }
    });
    expectClean(t);
  }, 600_000);

  it('hostile values in reference-like query fields: refused, nothing changed', async () => {
    const t = await category('query fields', async () => {
      for (const route of routes) {
        const ctx = contextOf(route);
        const fields = KNOWN[route.pattern] ? (ctx.refQuery ?? []) : GENERIC_REF_QUERY;
        for (const method of Object.keys(route.handlers)) {
          for (const field of fields) {
            for (const [label, value] of Object.entries(HOSTILE_REFS)) {
              await send('query fields', {
                route,
                method,
                query: { ...ctx.query, [field]: value },
                body: JSON.stringify(bodyFor(route, method)),
                contentType: 'application/json',
                label: `?${field}=${describeValue(value)} (${label})`,
              });
            }
          }
        }
      }
    });
    expectClean(t);
  }, 600_000);

  it('hostile values in reference-like body fields: refused, nothing changed', async () => {
    const t = await category('body fields', async () => {
      for (const route of routes) {
        const ctx = contextOf(route);
        for (const method of Object.keys(route.handlers).filter((m) => WRITES.includes(m))) {
          const fields = KNOWN[route.pattern] ? (ctx.refBody?.[method] ?? []) : GENERIC_REF_BODY;
          const base = ctx.hostileBase?.[method] ?? bodyFor(route, method);
          for (const field of fields) {
            for (const [label, value] of Object.entries(HOSTILE_REFS)) {
              if (ctx.skipValidRefs && parseReference(value).ok) continue;
              const fieldValue = Array.isArray(base[field]) || ['targets', 'only', 'expect', 'labels'].includes(field) ? [value] : value;
              await send('body fields', {
                route,
                method,
                params: paramsFor(route, ctx.hostileParams),
                body: JSON.stringify({ ...base, [field]: fieldValue }),
                contentType: 'application/json',
                label: `${field}=${describeValue(value)} (${label})`,
              });
            }
          }
        }
      }
    });
    expectClean(t);
  }, 600_000);

  it('wrong JSON types, for the whole body and for each field: refused, nothing changed', async () => {
    const t = await category('wrong JSON types', async () => {
      for (const route of routes) {
        for (const method of Object.keys(route.handlers).filter((m) => WRITES.includes(m))) {
          for (const [label, body] of Object.entries(WRONG_BODIES)) {
            await send('wrong JSON types', {
              route,
              method,
              body: JSON.stringify(body),
              contentType: 'application/json',
              label: `body=${label}`,
            });
          }
          const base = bodyFor(route, method);
          const fields = Object.keys(base).length ? Object.keys(base) : GENERIC_REF_BODY;
          for (const field of fields) {
            for (const [label, value] of Object.entries(TYPED_VALUES)) {
              if (field in base && typeOf(value) === typeOf(base[field])) continue;
              await send('wrong JSON types', {
                route,
                method,
                body: JSON.stringify({ ...base, [field]: value }),
                contentType: 'application/json',
                label: `${field}=${label}`,
              });
            }
          }
        }
      }
    });
    expectClean(t);
  }, 600_000);

  it('bodies that are not JSON: refused, nothing changed', async () => {
    const t = await category('non-JSON bodies', async () => {
      for (const route of routes) {
        for (const method of Object.keys(route.handlers).filter((m) => WRITES.includes(m))) {
          for (const [label, spec] of Object.entries(NON_JSON)) {
            await send('non-JSON bodies', { route, method, body: spec.body, contentType: spec.contentType, label });
          }
        }
      }
    });
    expectClean(t);
  }, 600_000);

  it('huge bodies (over 64 KiB) and huge query strings: refused, nothing changed', async () => {
    const t = await category('huge bodies', async () => {
      for (const route of routes) {
        for (const method of Object.keys(route.handlers)) {
          if (WRITES.includes(method)) {
            for (const [label, spec] of Object.entries(HUGE_BODIES)) {
              const { body, length } = hugeBody(spec);
              await send('huge bodies', {
                route,
                method,
                body,
                contentType: spec.contentType,
                contentLength: spec.declareLength ? length : undefined,
                label,
              });
            }
          }
          const field = (KNOWN[route.pattern]?.refQuery ?? GENERIC_REF_QUERY)[0] ?? 'ref';
          await send('huge bodies', {
            route,
            method,
            query: { ...contextOf(route).query, [field]: 'a'.repeat(100_000) },
            body: JSON.stringify(bodyFor(route, method)),
            contentType: 'application/json',
            label: `100 KB ?${field}`,
          });
        }
      }
    });
    expectClean(t);
  }, 600_000);

  it('unknown fields and prototype-pollution attempts: ignored or refused, never obeyed', async () => {
    const t = await category('unknown fields', async () => {
      for (const route of routes) {
        for (const method of Object.keys(route.handlers)) {
          const ctx = contextOf(route);
          const query = `${new URLSearchParams(ctx.query ?? {}).toString()}${ctx.query ? '&' : ''}${UNKNOWN_QUERY}`;
          await send('unknown fields', {
            route,
            method,
            query,
            body: JSON.stringify(bodyFor(route, method)),
            contentType: 'application/json',
            label: 'unknown query fields',
          });
          if (WRITES.includes(method)) {
            await send('unknown fields', {
              route,
              method,
              query: ctx.query,
              body: jsonWithUnknownFields(bodyFor(route, method)),
              contentType: 'application/json',
              label: 'unknown body fields',
            });
          }
        }
      }
    });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('dryRun');
    expectClean(t);
  }, 600_000);

  it('the victim image is still there with its one tag, and the harmless reference still names no image', () => {
    expect(docker('image', 'inspect', '--format', '{{join .RepoTags ","}}', VICTIM)).toBe(VICTIM);
    // Every "harmless" call names NOSUCH; had a route created it (a tag, a pull, a retag), those calls were not harmless.
    expect(imageExists(NOSUCH)).toBe(false);
  });
});
