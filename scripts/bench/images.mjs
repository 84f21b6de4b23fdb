// Benchmark for the images list (issue: foundation). Prints figures and ratios; never a pass/fail.
//   node scripts/bench/images.mjs            (seeds /tmp/strata-bench with 500 IDs / 2,000 tags once)
// Env: BENCH_IDS (500), BENCH_TAGS (2000), BENCH_RUNS (25), STRATA_BENCH_DIR (/tmp/strata-bench)
import { execFileSync } from 'node:child_process';
import { engineRequest } from './engine-http.mjs';
import { seedImages } from './image-seed.mjs';
import { SOCKET, PORT, RUNS, env, launchChromium, median, ms, startSandbox, startServer, time } from './common.mjs';

const IDS = Number(process.env.BENCH_IDS ?? 500);
const TAGS = Number(process.env.BENCH_TAGS ?? 2000);

async function main() {
  startSandbox();
  await seedImages(IDS, TAGS);
  const rawList = JSON.parse(await engineRequest(SOCKET, 'GET', '/images/json'));
  let server = await startServer();
  const api = `http://127.0.0.1:${PORT}/api/images`;
  try {
    const cold = await time(async () => (await fetch(api)).text());
    const body = JSON.parse(await (await fetch(api)).text());
    const strata = [];
    const raw = [];
    for (let i = 0; i < RUNS; i++) {
      raw.push(await time(() => engineRequest(SOCKET, 'GET', '/images/json')));
      strata.push(await time(async () => (await fetch(api)).text()));
    }
    // The same, with the event-invalidated snapshot cache off: the engine is re-listed every request.
    server.kill();
    await new Promise((r) => setTimeout(r, 500));
    const uncachedServer = await startServer({ STRATA_SNAPSHOT_CACHE: 'off' });
    const uncached = [];
    const rawAgain = [];
    try {
      await fetch(api).then((r) => r.text());
      for (let i = 0; i < RUNS; i++) {
        rawAgain.push(await time(() => engineRequest(SOCKET, 'GET', '/images/json')));
        uncached.push(await time(async () => (await fetch(api)).text()));
      }
    } finally {
      uncachedServer.kill();
      await new Promise((r) => setTimeout(r, 500));
    }
    server = await startServer();
    await fetch(api).then((r) => r.text());

    const cli = [];
    for (let i = 0; i < Math.min(RUNS, 7); i++) {
      cli.push(
        await time(async () =>
          execFileSync('docker', ['image', 'ls', '--format', 'json'], { env, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 }),
        ),
      );
    }

    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const toRows = [];
    const toFilter = [];
    for (let i = 0; i < 5; i++) {
      toRows.push(
        await time(async () => {
          await page.goto(`http://127.0.0.1:${PORT}/images`);
          await page.locator('[data-image-id]').first().waitFor();
        }),
      );
      const search = page.getByRole('searchbox', { name: 'Filter images' });
      await search.fill('');
      await page.getByText(/Showing (\d+) of \1 /).waitFor();
      const term = `bench/img:${100 + i} `;
      // Measured inside the page: from the input event to the table showing the filtered result.
      toFilter.push(
        await page.evaluate(async (value) => {
          const input = document.querySelector('input[type="search"]');
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
          const start = performance.now();
          setter.call(input, value);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          // Done when the count line shows fewer rows than there are images (bounded: 10 s at most).
          await new Promise((resolve) => {
            const check = () => {
              const match = /Showing (\d+) of (\d+)/.exec(document.body.innerText);
              if ((match && Number(match[1]) < Number(match[2])) || performance.now() - start > 10_000) resolve();
              else requestAnimationFrame(check);
            };
            check();
          });
          return performance.now() - start;
        }, term),
      );
    }
    await browser.close();

    const images = body.images.length;
    const tags = body.totals.tags;
    console.log(
      `\nStrata images benchmark — ${images} image IDs, ${tags} tags, ${rawList.length} listed by the engine; medians of ${RUNS} requests`,
    );
    console.log(`  engine GET /images/json (raw socket)     ${ms(median(raw))}`);
    console.log(
      `  Strata GET /api/images, warm             ${ms(median(strata))}   ratio ${(median(strata) / median(raw)).toFixed(2)}x raw (target <= 1.2x)`,
    );
    console.log(
      `  Strata GET /api/images, cache off        ${ms(median(uncached))}   ratio ${(median(uncached) / median(rawAgain)).toFixed(2)}x raw (raw ${ms(median(rawAgain))} in the same loop)`,
    );
    console.log(`  Strata GET /api/images, cold (1st call)  ${ms(cold)}   (inspect + history of every image, then cached by ID)`);
    console.log(
      `  docker image ls --format json (CLI)      ${ms(median(cli))}   Strata warm is ${(median(cli) / median(strata)).toFixed(1)}x faster`,
    );
    console.log(`  /images in Chromium: navigation -> rows  ${ms(median(toRows))} (target < 1000 ms)`);
    console.log(`  /images in Chromium: type -> filtered    ${ms(median(toFilter))} (target < 100 ms)`);
    console.log(`  disk really used ${body.totals.diskUsed} B vs naive sum ${body.totals.naiveSum} B`);
  } finally {
    server.kill();
  }
}

await main();
