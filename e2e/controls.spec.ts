// The security controls, over every route the app has (read from app/ at test time): foreign Host,
// cross-origin writes, missing or wrong token, read-only mode, and the security headers on every
// answer. The engine's own state is compared before and after each category: refusals change nothing.
// Prints one figure line per category, for the record.
import { expect, test } from '@playwright/test';
import { docker } from './support/engine';
import { engineChanges, engineSnapshot } from './support/engine-state';
import { send, type RawResponse } from './support/raw-http';
import { appRoutes, fillPattern, WRITE_METHODS, type AppRoute } from './support/routes';
import { BASE_PORT, E2E_TOKEN, READ_ONLY_PORT, TOKEN_PORT } from './support/servers';

const FIXTURE = 'strata-fixture/web:1';
function fixtureDiffId(): string {
  return docker('image', 'inspect', '--format', '{{index .RootFS.Layers 0}}', FIXTURE);
}

// Routes the proxy answers itself (no file under app/): the sign-in form and sign-out.
const SESSION_ROUTES: AppRoute[] = [
  { kind: 'api', file: 'proxy.ts', pattern: '/login', methods: ['POST'] },
  { kind: 'api', file: 'proxy.ts', pattern: '/logout', methods: ['POST'] },
];

// Bodies that would change the engine if a refusal ever let them through, so a leak shows up in the
// engine comparison rather than as a harmless 400. Other writes get `{}`.
const ARMED: Record<string, Record<string, unknown>> = {
  'POST /api/images/[ref]/tags': { ref: 'strata-control/leaked:1' },
  'POST /api/images/bulk': { action: 'untag', targets: ['strata-fixture/app:latest'], dryRun: false },
  'POST /api/tags/retag': { from: 'strata-fixture/web:*', to: 'strata-control/web:*', dryRun: false },
  'POST /api/prune': { target: 'dangling', dryRun: false },
  'POST /api/pull': { ref: 'strata-fixture/base:1' },
};

interface Probe {
  route: AppRoute;
  method: string;
  path: string;
  body?: string;
}

let params: Record<string, string>;
let routes: AppRoute[];

function probes(filter: (route: AppRoute, method: string) => boolean): Probe[] {
  return [...routes, ...SESSION_ROUTES].flatMap((route) =>
    route.methods
      .filter((method) => filter(route, method))
      .map((method) => {
        const write = WRITE_METHODS.has(method);
        const path = fillPattern(route.pattern, params, FIXTURE) + (method === 'DELETE' ? '?force=1' : '');
        return { route, method, path, body: write ? JSON.stringify(ARMED[`${method} ${route.pattern}`] ?? {}) : undefined };
      }),
  );
}

const isWrite = (_: AppRoute, method: string) => WRITE_METHODS.has(method);
/** A distinct loopback address per request number (127.77.x.y; 127.0.0.1 stays the ordinary client). */
const loopbackClient = (i: number) => `127.77.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
const jsonHeaders = (body?: string): Record<string, string> => (body === undefined ? {} : { 'Content-Type': 'application/json' });

// ---- the security headers, checked on every answer any category gets ----
const headerFailures: string[] = [];
let headerChecks = 0;
function checkHeaders(probe: Probe, response: RawResponse): void {
  headerChecks += 1;
  const csp = String(response.headers['content-security-policy'] ?? '');
  const problems = [
    !/frame-ancestors 'none'/.test(csp) && 'no frame-ancestors none',
    !/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/.test(csp) && 'no nonce script-src',
    response.headers['x-content-type-options'] !== 'nosniff' && 'no nosniff',
    response.headers['referrer-policy'] !== 'same-origin' && 'no referrer policy',
    response.headers['x-frame-options'] !== 'DENY' && 'no X-Frame-Options',
  ].filter(Boolean);
  if (problems.length) headerFailures.push(`${probe.method} ${probe.path} → ${response.status}: ${problems.join(', ')}`);
}

// ---- figures ----
const figures: { category: string; tried: number; refused: number; engineChanges: number }[] = [];

async function category(name: string, run: () => Promise<{ tried: number; refused: number; failures: string[] }>): Promise<void> {
  const before = engineSnapshot();
  const { tried, refused, failures } = await run();
  const changes = engineChanges(before, engineSnapshot());
  figures.push({ category: name, tried, refused, engineChanges: changes.length });
  console.log(`[controls] ${name}: ${tried} requests tried, ${refused} refused, ${changes.length} engine changes`);
  expect(failures, `${name}: requests that were not refused as they should be`).toEqual([]);
  expect(changes, `${name}: the engine changed`).toEqual([]);
}

test.describe.serial('Security controls over every route', () => {
  test.beforeAll(() => {
    routes = appRoutes();
    params = { ref: FIXTURE, diffId: fixtureDiffId(), namespace: 'library', repo: 'nginx' };
  });

  test.afterAll(() => {
    console.log(
      `[controls] routes: ${routes.filter((r) => r.kind === 'api').length} API route files, ${routes.filter((r) => r.kind === 'page').length} pages, ${SESSION_ROUTES.length} proxy-answered forms`,
    );
    console.log(`[controls] security headers: ${headerChecks} answers checked, ${headerFailures.length} missing a header`);
    console.log(`[controls] figures ${JSON.stringify(figures)}`);
  });

  test('the route list comes from app/ and covers every exported method', () => {
    const api = routes.filter((route) => route.kind === 'api');
    expect(api.length).toBeGreaterThanOrEqual(20);
    expect(routes.filter((route) => route.kind === 'page').length).toBeGreaterThanOrEqual(10);
    expect(api.find((route) => route.pattern === '/api/images/[ref]')?.methods).toEqual(['GET', 'DELETE']);
    expect(
      api.every((route) => route.methods.length > 0),
      'a route file that exports no method',
    ).toBe(true);
    const unknown = routes
      .flatMap((route) => [...route.pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1] ?? ''))
      .filter((name) => !(name in params));
    console.log(`[controls] dynamic segments without a fixture value (given ${FIXTURE}): ${unknown.length ? unknown.join(', ') : 'none'}`);
  });

  test('a foreign Host header is refused with 421 on every route and method', async () => {
    await category('foreign Host (DNS rebinding)', async () => {
      const failures: string[] = [];
      let refused = 0;
      const all = probes(() => true);
      for (const probe of all) {
        const response = await send(
          BASE_PORT,
          probe.method,
          probe.path,
          { Host: `evil.example:${BASE_PORT}`, ...jsonHeaders(probe.body) },
          probe.body,
        );
        checkHeaders(probe, response);
        if (response.status === 421) refused += 1;
        else failures.push(`${probe.method} ${probe.path} → ${response.status}`);
      }
      return { tried: all.length, refused, failures };
    });
  });

  test('a cross-origin write is refused with 403 on every write route (Origin, and Sec-Fetch-Site)', async () => {
    await category('cross-origin writes (CSRF)', async () => {
      const failures: string[] = [];
      let refused = 0;
      const writes = probes(isWrite);
      const variants: Record<string, string>[] = [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }];
      for (const probe of writes) {
        for (const variant of variants) {
          const response = await send(BASE_PORT, probe.method, probe.path, { ...variant, ...jsonHeaders(probe.body) }, probe.body);
          checkHeaders(probe, response);
          if (response.status === 403 && response.body.includes('"forbidden"')) refused += 1;
          else failures.push(`${probe.method} ${probe.path} ${JSON.stringify(variant)} → ${response.status}`);
        }
      }
      return { tried: writes.length * variants.length, refused, failures };
    });
  });

  test('a cross-site request to the API is refused with 403 for every method (Fetch Metadata)', async () => {
    await category('cross-site API requests (resource isolation)', async () => {
      const failures: string[] = [];
      let refused = 0;
      const api = probes((route) => route.kind === 'api' && route.file !== 'proxy.ts');
      for (const probe of api) {
        const response = await send(
          BASE_PORT,
          probe.method,
          probe.path,
          { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image', ...jsonHeaders(probe.body) },
          probe.body,
        );
        checkHeaders(probe, response);
        if (response.status === 403 && response.body.includes('"forbidden"')) refused += 1;
        else failures.push(`${probe.method} ${probe.path} → ${response.status}`);
      }
      return { tried: api.length, refused, failures };
    });
  });

  test('Host values no browser sends are refused with 421', async () => {
    await category('malformed Host', async () => {
      const failures: string[] = [];
      const hosts = [
        `[::1].evil.test`,
        `localhost:${BASE_PORT}@evil.test`,
        `127.0.0.1:${BASE_PORT}:80`,
        `localhost:${BASE_PORT}/x`,
        'local host',
      ];
      const reads = probes((route, method) => method === 'GET' && route.kind === 'api').slice(0, 5);
      for (const host of hosts) {
        for (const probe of reads) {
          const response = await send(BASE_PORT, probe.method, probe.path, { Host: host });
          if (response.status !== 421) failures.push(`${host} ${probe.path} → ${response.status}`);
        }
      }
      return { tried: hosts.length * reads.length, refused: hosts.length * reads.length - failures.length, failures };
    });
  });

  test('without the right token, every API route answers 401 and every page redirects to /login', async () => {
    await category('token required (STRATA_TOKEN)', async () => {
      const failures: string[] = [];
      let refused = 0;
      let tried = 0;
      // /logout needs no token: it only clears the cookie. The /login page is public; its POST is the token
      // check itself, and a wrong token there must not set a cookie.
      const all = probes((route) => route.pattern !== '/logout' && !(route.kind === 'page' && route.pattern === '/login'));
      const wrong: Record<string, (i: number) => Record<string, string>> = {
        'no credentials': () => ({}),
        'wrong bearer token': () => ({ Authorization: `Bearer ${E2E_TOKEN}x` }),
        'forged cookie': () => ({ Cookie: `strata_session=${Buffer.from(E2E_TOKEN).toString('base64url')}` }),
        'the raw token as cookie': () => ({ Cookie: `strata_session=${E2E_TOKEN}` }),
      };
      for (const [label, headersFor] of Object.entries(wrong)) {
        for (const probe of all) {
          tried += 1;
          const sameOrigin = { Origin: `http://127.0.0.1:${TOKEN_PORT}`, 'Sec-Fetch-Site': 'same-origin' };
          const isLogin = probe.route.file === 'proxy.ts';
          const body = isLogin ? 'token=wrong-token&next=%2Fimages' : probe.body;
          const type = isLogin ? { 'Content-Type': 'application/x-www-form-urlencoded' } : jsonHeaders(body);
          // Each request from its own loopback address, so the rate limit (tested in access.spec.ts,
          // keyed on the socket's address) does not turn these 401s into 429s.
          const response = await send(
            TOKEN_PORT,
            probe.method,
            probe.path,
            { ...sameOrigin, ...type, ...headersFor(tried) },
            body,
            loopbackClient(tried),
          );
          checkHeaders(probe, response);
          const location = String(response.headers.location ?? '');
          const ok = isLogin
            ? response.status === 303 && location.startsWith('/login?error=') && !response.headers['set-cookie']
            : probe.route.kind === 'page'
              ? response.status === 307 && /^\/login(\?next=%2F|$)/.test(location)
              : response.status === 401 && response.body.includes('"unauthorized"');
          if (ok) refused += 1;
          else failures.push(`${label}: ${probe.method} ${probe.path} → ${response.status} ${location}`);
        }
      }
      return { tried, refused, failures };
    });
  });

  test('with the right token, reads are let through (bearer for the API, the login cookie for pages)', async () => {
    const login = await send(
      TOKEN_PORT,
      'POST',
      '/login',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      `token=${encodeURIComponent(E2E_TOKEN)}`,
    );
    const cookie = String(login.headers['set-cookie'] ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^strata_session=[A-Za-z0-9_-]{43}$/);
    const failures: string[] = [];
    // The sign-in page itself is public, and sends a signed-in visitor on.
    const reads = probes((route, method) => method === 'GET' && route.pattern !== '/login');
    for (const probe of reads) {
      const credentials: Record<string, string> =
        probe.route.kind === 'page' ? { Cookie: cookie } : { Authorization: `Bearer ${E2E_TOKEN}` };
      const response = await send(TOKEN_PORT, probe.method, probe.path, credentials);
      checkHeaders(probe, response);
      if (response.status === 401 || response.status === 307 || response.status === 429)
        failures.push(`${probe.method} ${probe.path} → ${response.status}`);
    }
    console.log(`[controls] right token: ${reads.length} reads tried, ${reads.length - failures.length} let through`);
    expect(failures).toEqual([]);
  });

  test('in read-only mode every write is refused with 403, even same-origin', async () => {
    await category('read-only mode', async () => {
      const failures: string[] = [];
      let refused = 0;
      // Signing in and out changes nothing on the engine, so read-only mode allows them.
      const writes = probes((route, method) => isWrite(route, method) && route.file !== 'proxy.ts');
      for (const probe of writes) {
        const sameOrigin = { Origin: `http://127.0.0.1:${READ_ONLY_PORT}`, 'Sec-Fetch-Site': 'same-origin' };
        const response = await send(READ_ONLY_PORT, probe.method, probe.path, { ...sameOrigin, ...jsonHeaders(probe.body) }, probe.body);
        checkHeaders(probe, response);
        if (response.status === 403 && /read-only/.test(response.body)) refused += 1;
        else failures.push(`${probe.method} ${probe.path} → ${response.status}`);
      }
      const read = await send(READ_ONLY_PORT, 'GET', '/api/images');
      expect(read.status, 'reads still work in read-only mode').toBe(200);
      return { tried: writes.length, refused, failures };
    });
  });

  test('every page and every API read carries the security headers, and every page script the nonce', async () => {
    const failures: string[] = [];
    const reads = probes((route, method) => method === 'GET');
    for (const probe of reads) {
      const response = await send(BASE_PORT, 'GET', probe.path);
      checkHeaders(probe, response);
      if (probe.route.kind !== 'page') continue;
      const nonce = /'nonce-([^']+)'/.exec(String(response.headers['content-security-policy']))?.[1];
      const scripts = response.body.match(/<script\b[^>]*>/g) ?? [];
      const unnonced = scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`));
      if (response.status !== 200 || scripts.length === 0 || unnonced.length) {
        failures.push(`${probe.path} → ${response.status}, ${scripts.length} scripts, ${unnonced.length} without this response's nonce`);
      }
    }
    // A second look at the same page gets a different nonce.
    const [a, b] = await Promise.all([send(BASE_PORT, 'GET', '/'), send(BASE_PORT, 'GET', '/')]);
    expect(a.headers['content-security-policy']).not.toBe(b.headers['content-security-policy']);
    expect(failures).toEqual([]);
    expect(headerFailures, 'answers without the security headers').toEqual([]);
    console.log(
      `[controls] headers: ${reads.length} page and API reads, plus every refusal above: ${headerChecks} answers checked, ${headerFailures.length} missing a header`,
    );
  });

  test('the engine comparison does see a change (so the zeros above mean something)', () => {
    const before = engineSnapshot();
    docker('tag', FIXTURE, 'strata-control/seen:1');
    try {
      expect(engineChanges(before, engineSnapshot()).length).toBe(2);
    } finally {
      docker('rmi', 'strata-control/seen:1');
    }
    expect(engineChanges(before, engineSnapshot())).toEqual([]);
  });
});
