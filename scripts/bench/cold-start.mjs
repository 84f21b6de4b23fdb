// Benchmark for a cold start at 5,000 images (issue 20): a fresh server (nothing cached, no warm-up),
// Chromium opens /images, and the clock runs from navigation to the first image row on screen and to
// exact totals ("Disk really used" no longer counting). Before: STRATA_LIST_FIRST_ROWS=off, the list
// waits for every image's layer facts; after: the first rows come from the engine's list at once.
// Alternating, BENCH_RUNS each; the raw engine list beside them. Prints figures; never a pass/fail.
//   node scripts/bench/cold-start.mjs      (seeds its own sandbox, /tmp/strata-bench-ev, once)
// Env: BENCH_IDS (5000), BENCH_TAGS (5000), BENCH_RUNS (3), STRATA_BENCH_DIR
process.env.STRATA_BENCH_DIR ??= '/tmp/strata-bench-ev';
process.env.BENCH_RUNS ??= '3';
const { engineRequest } = await import('./engine-http.mjs');
const { seedImages } = await import('./image-seed.mjs');
const { PORT, RUNS, SOCKET, launchChromium, median, ms, startSandbox, startServer, time } = await import('./common.mjs');

const IDS = Number(process.env.BENCH_IDS ?? 5000);
const TAGS = Number(process.env.BENCH_TAGS ?? 5000);

async function openImages(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const start = performance.now();
  await page.goto(`http://127.0.0.1:${PORT}/images`);
  await page.locator('[role="row"][data-image-id]').first().waitFor({ timeout: 120_000 });
  const rows = performance.now() - start;
  await page.waitForFunction(
    () => {
      const total = document.querySelector('[data-testid="disk-used"]');
      return total !== null && !total.textContent.includes('counting');
    },
    null,
    { timeout: 120_000, polling: 50 },
  );
  const exact = performance.now() - start;
  const diskUsed = await page.getByTestId('disk-used').textContent();
  await page.close();
  return { rows, exact, diskUsed };
}

async function main() {
  startSandbox();
  await seedImages(IDS, TAGS);
  const raw = [];
  for (let i = 0; i < 5; i++) raw.push(await time(() => engineRequest(SOCKET, 'GET', '/images/json?shared-size=1')));
  const browser = await launchChromium();
  const modes = { before: { STRATA_LIST_FIRST_ROWS: 'off' }, after: {} };
  const figures = { before: [], after: [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const [mode, extraEnv] of Object.entries(modes)) {
        const server = await startServer(extraEnv);
        try {
          figures[mode].push(await openImages(browser));
        } finally {
          server.kill();
          await new Promise((r) => server.once('exit', r));
        }
      }
    }
  } finally {
    await browser.close();
  }
  const images = JSON.parse(await engineRequest(SOCKET, 'GET', '/images/json')).length;
  console.log(
    `cold start, ${images} images, fresh server each time, median of ${RUNS}; raw GET /images/json?shared-size=1: ${ms(median(raw))}`,
  );
  for (const [mode, runs] of Object.entries(figures)) {
    const rows = median(runs.map((r) => r.rows));
    const exact = median(runs.map((r) => r.exact));
    console.log(
      `${mode.padEnd(6)} navigation → first rows ${ms(rows)} · → exact totals ${ms(exact)} · disk really used ${[...new Set(runs.map((r) => r.diskUsed))].join(' / ')}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
