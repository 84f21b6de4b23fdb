// Benchmark for retention rules (issue 21). Prints figures; never a pass/fail. Previews only (nothing is
// deleted), on the 5,000-image bench sandbox the cold-start benchmark seeds (STRATA_BENCH_DIR, default
// /tmp/strata-bench-ev): a rule's preview beside the engine's own image list and Strata's plain
// `prune -a` preview, each measured in turn in one run.
//   node scripts/bench/retention.mjs      (BENCH_RUNS=5)
process.env.STRATA_BENCH_DIR ??= '/tmp/strata-bench-ev';
const { PORT, SOCKET, median, ms, startSandbox, startServer, time } = await import('./common.mjs');
const { seedImages } = await import('./image-seed.mjs');
const http = await import('node:http');

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const IDS = Number(process.env.BENCH_IDS ?? 5000);
const TAGS = Number(process.env.BENCH_TAGS ?? 5000);
/** The engine's own list, read whole and parsed: the floor for anything that looks at every image. */
const engineList = () =>
  new Promise((resolve, reject) =>
    http
      .get({ socketPath: SOCKET, path: '/images/json?all=1' }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text)));
      })
      .on('error', reject),
  );
const post = (path, body) =>
  fetch(`http://127.0.0.1:${PORT}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (response) => {
    const json = await response.json();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  });
const rule = (extra) => ({ name: 'bench', engines: ['default'], images: 'unused', ...extra });

const subjects = {
  'engine: GET /images/json?all=1': engineList,
  'Strata: prune -a preview': () => post('/api/prune', { target: 'unused', dryRun: true }),
  'Strata: rule "keep newest 3 per repository"': () => post('/api/retention/preview', rule({ keepNewest: { count: 3, by: 'created' } })),
  'Strata: rule "until images take under half"': () => post('/api/retention/preview', rule({ budgetBytes: halfOfDisk })),
};

let halfOfDisk = 1;

async function main() {
  startSandbox();
  await seedImages(IDS, TAGS);
  const df = await new Promise((resolve, reject) =>
    http
      .get({ socketPath: SOCKET, path: '/system/df' }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text)));
      })
      .on('error', reject),
  );
  // A budget that takes about half the images: the search plans a dozen candidate sets.
  halfOfDisk = Math.floor(df.LayersSize / 2);
  const server = await startServer();
  try {
    // One of each first: the layer facts and the server's modules are warm for every subject alike.
    const counts = {};
    const first = {};
    for (const [name, run] of Object.entries(subjects)) {
      let answer;
      first[name] = await time(async () => (answer = await run()));
      counts[name] =
        Array.isArray(answer) && answer[0]?.preview
          ? answer[0].preview.images.length
          : Array.isArray(answer)
            ? answer.length
            : answer.images?.length;
    }
    const times = Object.fromEntries(Object.keys(subjects).map((name) => [name, []]));
    for (let i = 0; i < RUNS; i++) for (const [name, run] of Object.entries(subjects)) times[name].push(await time(run));
    const floor = median(times['engine: GET /images/json?all=1']);
    console.log(`\n${RUNS} runs each, alternating; images the answer lists:`);
    for (const [name, values] of Object.entries(times))
      console.log(
        `  ${name.padEnd(50)} median ${ms(median(values)).padStart(10)}  ${(median(values) / floor).toFixed(2)}× the engine's list  (first ${ms(first[name])}; ${counts[name]} images)`,
      );
  } finally {
    server.kill();
  }
}

await main();
