// Takes a PNG of each page in Debian's Chromium, to look at what a person sees.
//   node scripts/screenshots.mjs [baseUrl] [outDir]
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { chromiumLaunchOptions } from './chromium.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? 'screenshots';
const pages = (process.env.PAGES ?? '/,/images,/images/strata-fixture%2Fapp%3A1.0,/graph').split(',');
mkdirSync(out, { recursive: true });

const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
for (const path of pages) {
  await page.goto(base + path, { waitUntil: 'networkidle' });
  // A cold engine (the first list sizes every image) can take longer than the network looks busy:
  // wait for the skeletons and loading rows to go, then a moment for layout.
  await page
    .waitForFunction(() => !document.querySelector('.animate-pulse, [role="status"][aria-label^="Loading"]'), null, { timeout: 60_000 })
    .catch(() => {});
  await page.waitForTimeout(300);
  const name = path === '/' ? 'overview' : path.slice(1).replace(/[^a-z0-9]+/gi, '-');
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  console.log(`${out}/${name}.png`);
}
await browser.close();
