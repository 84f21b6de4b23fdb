// Benchmark for the tag graph (issue 5). Prints figures; never a pass/fail.
//   node scripts/bench/graph.mjs      (uses the images benchmark's seed: ~500 IDs / ~2,000 tags)
import { engineRequest } from './engine-http.mjs';
import { PORT, SOCKET, launchChromium, median, ms, startSandbox, startServer, time } from './common.mjs';

async function main() {
  startSandbox();
  const images = JSON.parse(await engineRequest(SOCKET, 'GET', '/images/json'));
  if (images.length < 400) throw new Error('seed the bench engine first: node scripts/bench/images.mjs');
  const tags = images.reduce((sum, image) => sum + (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>').length, 0);
  const server = await startServer();
  try {
    await fetch(`http://127.0.0.1:${PORT}/api/graph`).then((r) => r.text()); // warm the server's caches
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const first = [];
    const filtered = [];
    const layers = [];
    for (let i = 0; i < 5; i++) {
      first.push(
        await time(async () => {
          await page.goto(`http://127.0.0.1:${PORT}/graph`);
          await page.locator('[data-image-node]').first().waitFor();
        }),
      );
      // From the input event to the graph showing the new arrangement, measured in the page.
      const relayout = (trigger) =>
        page.evaluate(async (what) => {
          // What changes on screen: the set of layer nodes (toggle) or the image nodes shown (filter).
          const signature = () =>
            what === 'filter'
              ? [...document.querySelectorAll('[data-image-node]')].map((node) => node.getAttribute('data-image-node')).join()
              : String(document.querySelectorAll('.react-flow__node-layer').length > 0);
          const before = signature();
          const start = performance.now();
          if (what === 'filter') {
            const input = document.querySelector('input[aria-label="Filter by repository or registry"]');
            Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, 'alias-3');
            input.dispatchEvent(new Event('input', { bubbles: true }));
          } else {
            document.querySelector('input[type="checkbox"]')?.click();
          }
          await new Promise((resolve) => {
            const check = () => {
              const now = signature();
              if (now !== before || performance.now() - start > 20_000) resolve();
              else requestAnimationFrame(check);
            };
            check();
          });
          return performance.now() - start;
        }, trigger);
      layers.push(await relayout('layers'));
      filtered.push(await relayout('filter'));
    }
    await browser.close();
    console.log(`\nStrata graph benchmark — ${images.length} image IDs, ${tags} tags; medians of 5 runs in Chromium`);
    console.log(`  navigation -> first nodes rendered        ${ms(median(first))} (target < 1000 ms)`);
    console.log(`  toggle layers -> re-laid out               ${ms(median(layers))} (target < 1000 ms)`);
    console.log(`  repository filter -> re-laid out           ${ms(median(filtered))} (target < 1000 ms)`);
  } finally {
    server.kill();
  }
}

await main();
