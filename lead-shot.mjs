import { chromium } from '@playwright/test';
const [url, out] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
await page.goto(url, { waitUntil: 'networkidle' });
await page
  .waitForFunction(
    () => !document.querySelector('.animate-pulse, [role="status"][aria-label^="Loading"], [role="status"][aria-label^="Working"]'),
    null,
    { timeout: 60_000 },
  )
  .catch(() => {});
await page.waitForTimeout(500);
await page.screenshot({ path: out });
await browser.close();
