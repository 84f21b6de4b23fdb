// Token access (STRATA_TOKEN) as a person and a script meet it, on the token server.
import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { send } from './support/raw-http';
import { E2E_TOKEN, SCRATCH_PORT, TOKEN_PORT } from './support/servers';

const TOKEN_URL = `http://127.0.0.1:${TOKEN_PORT}`;

test.describe('Token access', () => {
  test('a page asks for the token, explains why, and brings the person back to where they were going', async ({ page, context }) => {
    await page.goto(`${TOKEN_URL}/images?sort=size`);
    await expect(page).toHaveURL(`${TOKEN_URL}/login?next=%2Fimages%3Fsort%3Dsize`);
    await expect(page.getByRole('heading', { name: 'Sign in to Strata' })).toBeVisible();
    await expect(page.getByText(/controls this machine’s Docker engine/)).toBeVisible();
    // Nothing from the app is shown or asked for before signing in.
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/login.png', fullPage: true });

    await page.getByLabel('Token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'not the one this Strata was started with' })).toBeVisible();

    await page.getByLabel('Token').fill(E2E_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${TOKEN_URL}/images?sort=size`);
    await expect(page.getByRole('table', { name: 'Images' }).getByRole('link', { name: 'strata-fixture/web:1' })).toBeVisible();

    const cookie = (await context.cookies(TOKEN_URL)).find((c) => c.name === 'strata_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/' });
    expect(cookie?.value).not.toContain(E2E_TOKEN);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${TOKEN_URL}/login`);
    await page.goto(`${TOKEN_URL}/graph`);
    await expect(page).toHaveURL(`${TOKEN_URL}/login?next=%2Fgraph`);
  });

  test('after signing in, only a path on this site is followed', async ({ request }) => {
    const hostile = [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '/.//evil.test',
      '/..//evil.test',
      '/%2e//evil.test',
      '/a/.././/evil.test',
    ];
    for (const next of [...hostile, '/images']) {
      const response = await request.post(`${TOKEN_URL}/login`, { form: { token: E2E_TOKEN, next }, maxRedirects: 0 });
      expect(response.status()).toBe(303);
      expect(response.headers().location, next).toBe(next === '/images' ? '/images' : '/');
    }
    // Signed in already, GET /login?next=… sends the visitor on: only to this site.
    const signIn = await request.post(`${TOKEN_URL}/login`, { form: { token: E2E_TOKEN, next: '/' }, maxRedirects: 0 });
    const cookie = String(signIn.headers()['set-cookie'] ?? '').split(';')[0] ?? '';
    for (const next of ['%2F.%2F%2Fevil.test', '/..//evil.test', '/%252e//evil.test', '/a/.././/evil.test']) {
      const response = await send(TOKEN_PORT, 'GET', `/login?next=${next}`, { Cookie: cookie });
      expect(response.status, next).toBe(307);
      expect(new URL(String(response.headers.location), TOKEN_URL).host, next).toBe(`127.0.0.1:${TOKEN_PORT}`);
    }
  });

  test('scripts send a bearer token; ten wrong ones in a minute make it 429 everywhere, whatever X-Forwarded-For says', async ({
    request,
  }) => {
    const right = await request.get(`${TOKEN_URL}/api/engine`, { headers: { Authorization: `Bearer ${E2E_TOKEN}` } });
    expect(right.status()).toBe(200);
    // One client (one loopback address) rotating X-Forwarded-For: the limit is on the socket's address.
    const guesser = '127.0.0.77';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const response = await send(
        TOKEN_PORT,
        'GET',
        '/api/images',
        { 'X-Forwarded-For': `203.0.113.${i}`, Authorization: `Bearer wrong-${i}` },
        undefined,
        guesser,
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
    const limited = await send(TOKEN_PORT, 'GET', '/api/images', { Authorization: `Bearer ${E2E_TOKEN}` }, undefined, guesser);
    expect(limited.status, 'while limited, even the right token waits').toBe(429);
    expect(JSON.parse(limited.body).error.code).toBe('rate_limited');
    // The upload routes guard themselves, with the same limiter: no second budget, no oracle.
    const upload = await send(
      TOKEN_PORT,
      'POST',
      '/api/images/load',
      { Authorization: `Bearer ${E2E_TOKEN}`, 'Content-Type': 'application/x-tar' },
      'not a tar',
      guesser,
    );
    expect(upload.status, 'an upload route answers the same 429').toBe(429);
    const other = await send(TOKEN_PORT, 'GET', '/api/engine', { Authorization: `Bearer ${E2E_TOKEN}` }, undefined, '127.0.0.78');
    expect(other.status, 'another client is not affected').toBe(200);
  });

  test('Strata refuses to start on a non-loopback address without STRATA_TOKEN, and says why', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, STRATA_HOST: '0.0.0.0', NEXT_TELEMETRY_DISABLED: '1' };
    delete env.STRATA_TOKEN;
    // The server itself (instrumentation.ts). It is told to listen on loopback, so even a failure to
    // refuse exposes nothing; STRATA_HOST says where it is meant to be reachable.
    const server = await run('node_modules/.bin/next', ['start', '-H', '127.0.0.1', '-p', String(SCRATCH_PORT)], env);
    expect(server.code).toBe(1);
    expect(server.output).toMatch(/refusing to start: Strata would listen on 0\.0\.0\.0.*Set STRATA_TOKEN/s);
    // And the run script, before it builds or installs anything. The address is a documentation one
    // (192.0.2.1) that this machine cannot bind, so a failure to refuse exposes nothing either.
    const script = await run('bash', ['scripts/run.sh'], { ...env, STRATA_HOST: '192.0.2.1', PORT: String(SCRATCH_PORT) });
    expect(script.code).toBe(1);
    expect(script.output).toMatch(/refusing to start: STRATA_HOST=192\.0\.2\.1/);
  });
});

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), 45_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
