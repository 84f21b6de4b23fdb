import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { SANDBOX_HOST, engineApiVersion, sandboxKind } from './support/engine';
import { DOWN_PORT } from './support/servers';

test.describe('Engine and safety', () => {
  test('the overview names the sandbox engine and the negotiated API version', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('status', { name: 'Sandbox engine' })).toContainText('Sandbox engine');
    const engine = page.getByRole('region', { name: /Engine/ });
    await expect(engine).toContainText(SANDBOX_HOST);
    // Strata knows API 1.53 at most, and both sandbox engines are older: it negotiates their own version.
    await expect(engine).toContainText(`${engineApiVersion()} (negotiated`);
    await expect(engine).toContainText(sandboxKind() === 'modern' ? 'Image storecontainerd' : 'Image storeclassic (graph driver)');
  });

  test('with no engine, the images page says which address was tried and how to fix it', async ({ page }) => {
    await page.goto(`http://127.0.0.1:${DOWN_PORT}/images`);
    const alert = page.getByRole('alert', { name: 'Strata cannot reach the Docker engine' });
    await expect(alert).toBeVisible({ timeout: 15_000 });
    await expect(alert).toContainText('no-engine-here.sock');
    await expect(alert).toContainText('DOCKER_HOST');
    const api = await page.request.get(`http://127.0.0.1:${DOWN_PORT}/api/images`);
    expect(api.status()).toBe(503);
    expect((await api.json()).error.code).toBe('engine_unreachable');
  });

  test('a request for a foreign host name is refused (DNS rebinding)', async ({ baseURL }) => {
    const url = new URL('/api/images', baseURL);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, headers: { Host: 'attacker.example:3000' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  test('a cross-site write is refused before it reaches a route', async ({ request }) => {
    const response = await request.post('/api/images', { headers: { Origin: 'https://attacker.example', 'Sec-Fetch-Site': 'cross-site' } });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe('forbidden');
  });

  test('in read-only mode every write is refused before it reaches a route', async ({ request }) => {
    const response = await request.post(`http://127.0.0.1:${DOWN_PORT}/api/prune`, { data: { target: 'dangling', dryRun: false } });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.message).toMatch(/read-only/);
  });

  test('pages carry the security headers', async ({ request }) => {
    const response = await request.get('/images');
    expect(response.headers()['x-frame-options']).toBe('DENY');
    expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
  });
});
