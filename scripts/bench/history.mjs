// Benchmark for the layer history (issue 3). Prints figures and ratios; never a pass/fail.
//   node scripts/bench/history.mjs     (builds strata-bench/deep:100, a 100-layer image, once)
import { execFileSync } from 'node:child_process';
import { engineRequest } from './engine-http.mjs';
import { PORT, RUNS, SOCKET, env, launchChromium, median, ms, startSandbox, startServer, time } from './common.mjs';

const DEEP = 'strata-bench/deep:100';
const LAYERS = 100;

function seed() {
  try {
    execFileSync('docker', ['image', 'inspect', DEEP], { env, stdio: 'ignore' });
    return console.log(`seed: ${DEEP} already there`);
  } catch {
    // build it below
  }
  execFileSync('bash', ['scripts/fixtures.sh'], { env, stdio: 'inherit' });
  console.log(`seed: building ${DEEP} (${LAYERS} layers, legacy builder)…`);
  const steps = Array.from({ length: LAYERS - 1 }, (_, i) => `RUN echo step-${i} > /step-${i}.txt`);
  const dockerfile = ['FROM strata-fixture/base:1', 'ENV STAGE=bench', ...steps, 'CMD ["ls", "/"]'].join('\n');
  execFileSync('docker', ['build', '-q', '-t', DEEP, '-'], {
    input: dockerfile,
    env: { ...env, DOCKER_BUILDKIT: '0' },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
}

async function main() {
  startSandbox();
  seed();
  const ref = encodeURIComponent(DEEP);
  const server = await startServer();
  try {
    const api = `http://127.0.0.1:${PORT}/api/images/${ref}/history`;
    const cold = await time(async () => (await fetch(api)).text());
    const steps = JSON.parse(await (await fetch(api)).text()).steps.length;
    const strata = [];
    const raw = [];
    for (let i = 0; i < RUNS; i++) {
      // What a client would otherwise do: history and inspect, both at once.
      raw.push(
        await time(() =>
          Promise.all([engineRequest(SOCKET, 'GET', `/images/${ref}/history`), engineRequest(SOCKET, 'GET', `/images/${ref}/json`)]),
        ),
      );
      strata.push(await time(async () => (await fetch(api)).text()));
    }

    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const render = [];
    for (let i = 0; i < 5; i++) {
      render.push(
        await time(async () => {
          await page.goto(`http://127.0.0.1:${PORT}/images/${ref}`);
          await page.locator(`[data-step="${steps}"]`).waitFor();
        }),
      );
    }
    await browser.close();

    console.log(`\nStrata history benchmark — ${DEEP}: ${steps} steps, ${LAYERS} layers; medians of ${RUNS} requests`);
    console.log(`  engine GET /history + /json (raw socket, parallel)  ${ms(median(raw))}`);
    console.log(
      `  Strata GET /api/images/{ref}/history, warm          ${ms(median(strata))}   ratio ${(median(strata) / median(raw)).toFixed(2)}x raw (target <= 1.2x)`,
    );
    console.log(`  Strata GET /api/images/{ref}/history, cold          ${ms(cold)}`);
    console.log(`  detail page in Chromium: navigation -> last step    ${ms(median(render))} (target < 1000 ms)`);
  } finally {
    server.kill();
  }
}

await main();
