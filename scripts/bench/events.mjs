// Benchmark for the image list under a stream of engine events (issue 20): GET /api/images at 5,000
// image IDs while a loop makes 10 tag/untag events a second, before (every event drops the kept list,
// STRATA_SNAPSHOT_PATCH=off) and after (events applied in place), each beside the raw engine call in the
// same loop. Prints figures and ratios; never a pass/fail.
//   node scripts/bench/events.mjs      (seeds its own sandbox, /tmp/strata-bench-ev, once)
// Env: BENCH_IDS (5000), BENCH_TAGS (5000), BENCH_SECONDS (30), STRATA_BENCH_DIR
process.env.STRATA_BENCH_DIR ??= '/tmp/strata-bench-ev';
const { engineRequest } = await import('./engine-http.mjs');
const { seedImages } = await import('./image-seed.mjs');
const { PORT, SOCKET, median, ms, startSandbox, startServer, time } = await import('./common.mjs');

const IDS = Number(process.env.BENCH_IDS ?? 5000);
const TAGS = Number(process.env.BENCH_TAGS ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const EVENT_MS = 100;
const api = `http://127.0.0.1:${PORT}/api/images`;

const p95 = (values) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))];

/** Tags a fresh name onto one of the seeded images, then takes it off again: two events each 200 ms. */
function churn(stop) {
  let n = 0;
  let events = 0;
  const loop = (async () => {
    while (!stop.done) {
      const tag = `bench-churn/t:${n++}`;
      const image = `bench%2Fimg:${n % IDS}`;
      await engineRequest(SOCKET, 'POST', `/images/${image}/tag?repo=bench-churn/t&tag=${n - 1}`);
      events++;
      await new Promise((r) => setTimeout(r, EVENT_MS));
      await engineRequest(SOCKET, 'DELETE', `/images/${encodeURIComponent(tag)}`);
      events++;
      await new Promise((r) => setTimeout(r, EVENT_MS));
    }
  })();
  return { loop, events: () => events };
}

async function measure(label, extraEnv) {
  const server = await startServer(extraEnv);
  try {
    for (let i = 0; i < 3; i++) await fetch(api).then((r) => r.text());
    const stop = { done: false };
    const events = churn(stop);
    const strata = [];
    const raw = [];
    const end = Date.now() + SECONDS * 1000;
    while (Date.now() < end) {
      raw.push(await time(() => engineRequest(SOCKET, 'GET', '/images/json')));
      strata.push(await time(async () => (await fetch(api)).text()));
    }
    stop.done = true;
    await events.loop;
    return { label, strata, raw, events: events.events() };
  } finally {
    server.kill();
    await new Promise((r) => server.once('exit', r));
  }
}

async function main() {
  startSandbox();
  await seedImages(IDS, TAGS);
  const images = JSON.parse(await engineRequest(SOCKET, 'GET', '/images/json')).length;
  const before = await measure('before: every event drops the list', { STRATA_SNAPSHOT_PATCH: 'off' });
  const after = await measure('after: events applied in place', {});
  console.log(`\nStrata images under events — ${images} images listed, tag/untag every ${EVENT_MS} ms, ${SECONDS} s each`);
  for (const run of [before, after]) {
    const rawMedian = median(run.raw);
    console.log(`  ${run.label} (${run.events} events, ${run.strata.length} requests)`);
    console.log(`    engine GET /images/json (raw socket)  median ${ms(rawMedian)}  p95 ${ms(p95(run.raw))}`);
    console.log(
      `    Strata GET /api/images                median ${ms(median(run.strata))}  p95 ${ms(p95(run.strata))}   ratio ${(median(run.strata) / rawMedian).toFixed(2)}x raw median (target <= 0.5x)`,
    );
  }
}

await main();
