// The Content-Security-Policy in force, seen from the browser: every page renders and hydrates with no
// violation reported, and the exports that draw through data:/blob: URLs (html-to-image) still work.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { appRoutes, fillPattern } from './support/routes';
import { E2E_TOKEN, TOKEN_PORT } from './support/servers';

const FIXTURE = 'strata-fixture/web:1';

/** Collects CSP violations: the DOM event (exact) and Chromium's console report (belt and braces). */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|evaluate)/i.test(message.text()))
      violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return violations;
}

async function expectHydrated(page: Page): Promise<void> {
  // Next's client runtime announces itself on window.next once its scripts have run.
  await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version))).toBe(true);
}

/** A view still loading: the skeletons of components/ui/states.tsx and the "Loading …" status regions. */
const STILL_LOADING = '.animate-pulse, [role="status"][aria-label^="Loading"]';

/**
 * Waits until the page has done what it loads by itself (the document and its resources, every view past
 * its loading skeleton), so a late script, style or fetch has had its chance to be blocked and reported.
 */
async function expectSettled(page: Page): Promise<void> {
  await expect
    .poll(
      () => page.evaluate((selector) => document.readyState === 'complete' && document.querySelector(selector) === null, STILL_LOADING),
      { message: `${page.url()} still shows a loading state`, timeout: 15_000 },
    )
    .toBe(true);
  // A violation event is queued as a task; one more round trip through the page lets any queued one reach the test.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
}

test.describe('Content-Security-Policy in the browser', () => {
  const pages = appRoutes()
    .filter((route) => route.kind === 'page')
    .map((route) => fillPattern(route.pattern, { ref: FIXTURE, namespace: 'library', repo: 'nginx' }, FIXTURE));

  for (const path of pages) {
    test(`${path} renders and hydrates with no CSP violation`, async ({ page }) => {
      const violations = await watchViolations(page);
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      await expectHydrated(page);
      await expectSettled(page);
      expect(violations).toEqual([]);
    });
  }

  test('/login on the token server renders with no CSP violation, and signing in works under the policy', async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto(`http://127.0.0.1:${TOKEN_PORT}/login?next=%2Fimages`);
    await expectHydrated(page);
    await page.getByLabel('Token').fill(E2E_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`http://127.0.0.1:${TOKEN_PORT}/images`);
    await expect(page.getByRole('table', { name: 'Images' })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('graph PNG and SVG export (html-to-image) work under the policy', async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto('/graph');
    await expect(page.getByTestId('graph').locator('[data-image-node]').first()).toBeVisible();
    for (const [name, check] of [
      ['Export PNG', (bytes: Buffer) => bytes.subarray(1, 4).toString('latin1') === 'PNG'],
      ['Export SVG', (bytes: Buffer) => bytes.toString('utf8', 0, 200).includes('<svg')],
    ] as const) {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name }).click();
      const bytes = readFileSync((await (await download).path()) ?? '');
      expect(check(bytes), name).toBe(true);
      expect(bytes.length, name).toBeGreaterThan(5_000);
    }
    expect(violations).toEqual([]);
  });

  test('the breakdown card PNG (next/og) downloads from the image page under the policy', async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto(`/images/${encodeURIComponent(FIXTURE)}`);
    await expectHydrated(page);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export PNG' }).first().click();
    const bytes = readFileSync((await (await download).path()) ?? '');
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(violations).toEqual([]);
  });
});
