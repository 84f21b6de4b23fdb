// Benchmark for many engines (issue 17). Prints figures and ratios; never a pass/fail.
//   node scripts/bench/engines.mjs
// Three sandbox engines (two classic, one modern) with about BENCH_IDS images each, seeded once:
// - GET /api/inventory, cold (first request of a fresh server) and warm, against the slowest engine's
//   raw GET /images/json (the hosts are asked in parallel, so the slowest one bounds it);
// - copying a BENCH_COPY_MB image from one engine to another through Strata vs `docker save | docker load`.
// Env: BENCH_IDS (500), BENCH_RUNS (10), BENCH_COPY_MB (500), BENCH_COPY_RUNS (2), BENCH_PORT (3210).
import { execFileSync, execSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { engineRequest, engineRequestJson, pool, tinyTar } from './engine-http.mjs';
import { median, ms, time } from './common.mjs';

const IDS = Number(process.env.BENCH_IDS ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const COPY_MB = Number(process.env.BENCH_COPY_MB ?? 500);
const COPY_RUNS = Number(process.env.BENCH_COPY_RUNS ?? 2);
const PORT = Number(process.env.BENCH_PORT ?? 3210);
const ENGINES = [
  { name: 'default', kind: 'classic', dir: '/tmp/strata-bench-e1', registry: '5581' },
  { name: 'e2', kind: 'classic', dir: '/tmp/strata-bench-e2', registry: '5582' },
  { name: 'e3', kind: 'modern', dir: '/tmp/strata-bench-e3', registry: '5583' },
].map((engine) => ({ ...engine, socket: `${engine.dir}/docker.sock` }));
const BIG = `bench/big:${COPY_MB}mb`;

const sandboxEnv = (engine) => ({
  ...process.env,
  STRATA_ENGINE_KIND: engine.kind,
  STRATA_SANDBOX_DIR: engine.dir,
  STRATA_REGISTRY_PORT: engine.registry,
  DOCKER_HOST: `unix://${engine.socket}`,
});
const cli = (engine, command) => execSync(command, { env: sandboxEnv(engine), stdio: ['ignore', 'pipe', 'inherit'], shell: '/bin/bash' });

/** Distinct image IDs that share a few bases, as in the images benchmark (config-only commits). */
async function seed(engine) {
  execFileSync('bash', ['scripts/sandbox.sh', 'start'], { env: sandboxEnv(engine), stdio: 'inherit' });
  const have = JSON.parse(await engineRequest(engine.socket, 'GET', '/images/json')).length;
  if (have >= IDS) return console.log(`seed ${engine.name}: already ${have} images`);
  console.log(`seed ${engine.name}: making ${IDS} images…`);
  for (let b = 0; b < 5; b++) {
    await engineRequest(
      engine.socket,
      'POST',
      `/images/create?fromSrc=-&repo=bench/base&tag=${b}`,
      tinyTar(`base-${b}.txt`, `base ${b}\n`.repeat(200 * (b + 1))),
    );
    await engineRequestJson(engine.socket, `/containers/create?name=bench-base-${b}`, {
      Image: `bench/base:${b}`,
      Cmd: ['none'],
      NetworkDisabled: true,
    });
  }
  await pool(IDS, 4, async (i) => {
    const changes = encodeURIComponent(`LABEL bench.index=${i}`);
    await engineRequest(engine.socket, 'POST', `/commit?container=bench-base-${i % 5}&repo=bench/img&tag=${i}&changes=${changes}`);
  });
}

/** One image of COPY_MB incompressible bytes, on the first engine. */
function seedBig(engine) {
  const present = JSON.parse(
    execFileSync('curl', ['-s', '--unix-socket', engine.socket, `http://e/images/${encodeURIComponent(BIG)}/json`], { encoding: 'utf8' }),
  );
  if (present.Id) return;
  console.log(`seed: a ${COPY_MB} MB image on ${engine.name}…`);
  cli(
    engine,
    `d=$(mktemp -d) && head -c ${COPY_MB}M /dev/urandom > "$d/blob" && tar -C "$d" -c blob | docker import - ${BIG} >/dev/null && rm -rf "$d"`,
  );
}

function removeFrom(engine, ref) {
  try {
    cli(engine, `docker rmi -f ${ref} >/dev/null 2>&1`);
  } catch {
    // not there
  }
}

/** Stops a server and waits until its port no longer answers, so the next one is truly fresh. */
async function stopStrata(server) {
  // `next start` serves from a child process: end the whole group.
  process.kill(-server.pid, 'SIGTERM');
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${PORT}/graph`);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startStrata() {
  const [first, ...others] = ENGINES;
  const server = spawn('scripts/serve.sh', ['-H', '127.0.0.1', '-p', String(PORT)], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      STRATA_WARM_ON_START: '0',
      STRATA_DATA_DIR: '/tmp/strata-bench-engines-data',
      DOCKER_HOST: `unix://${first.socket}`,
      STRATA_ENGINES: others.map((engine) => `${engine.name}=unix://${engine.socket}`).join(','),
    },
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/graph`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Strata did not start');
}

async function inventoryFigures() {
  const raw = {};
  for (const engine of ENGINES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await time(() => engineRequest(engine.socket, 'GET', '/images/json')));
    raw[engine.name] = median(runs);
  }
  const slowest = Math.max(...Object.values(raw));
  const server = await startStrata();
  try {
    const url = `http://127.0.0.1:${PORT}/api/inventory`;
    let body;
    const cold = await time(async () => (body = await (await fetch(url)).json()));
    const warmRuns = [];
    for (let i = 0; i < RUNS; i++) warmRuns.push(await time(() => fetch(url).then((response) => response.text())));
    const warm = median(warmRuns);
    for (const engine of ENGINES) console.log(`engine ${engine.name} (${engine.kind}) raw GET /images/json: ${ms(raw[engine.name])}`);
    const failed = body.engines.filter((engine) => engine.error).map((engine) => `${engine.engine}: ${engine.error.message}`);
    console.log(
      `inventory: ${body.rows.length} rows from ${body.engines.map((engine) => `${engine.engine} ${engine.images}`).join(', ')}${failed.length ? `; FAILED ${failed.join('; ')}` : ''}`,
    );
    console.log(`Strata GET /api/inventory warm: ${ms(warm)} (${(warm / slowest).toFixed(2)}× the slowest engine's raw list)`);
    console.log(`Strata GET /api/inventory cold: ${ms(cold)} (${(cold / slowest).toFixed(2)}× the slowest engine's raw list)`);
  } finally {
    await stopStrata(server);
  }
  // The same cold work for one engine alone: its images page on a fresh server.
  const slowestName = Object.entries(raw).sort((a, b) => b[1] - a[1])[0][0];
  const alone = await startStrata();
  try {
    const cold = await time(() => fetch(`http://127.0.0.1:${PORT}/api/images?engine=${slowestName}`).then((response) => response.text()));
    console.log(`Strata GET /api/images?engine=${slowestName} cold, that engine alone: ${ms(cold)}`);
  } finally {
    await stopStrata(alone);
  }
}

async function copyFigures() {
  const [from, to] = [ENGINES[0], ENGINES[2]];
  seedBig(from);
  const server = await startStrata();
  try {
    const strataRuns = [];
    const cliRuns = [];
    for (let run = 0; run < COPY_RUNS; run++) {
      removeFrom(to, BIG);
      strataRuns.push(
        await time(async () => {
          const response = await fetch(`http://127.0.0.1:${PORT}/api/images/${encodeURIComponent(BIG)}/copy`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${PORT}` },
            body: JSON.stringify({ to: to.name }),
          });
          const last = (await response.text()).trim().split('\n').at(-1);
          if (!last.includes('"done"')) throw new Error(`copy did not finish: ${last}`);
        }),
      );
      removeFrom(to, BIG);
      cliRuns.push(
        await time(async () =>
          execSync(`docker -H unix://${from.socket} save ${BIG} | docker -H unix://${to.socket} load -q >/dev/null`, {
            shell: '/bin/bash',
          }),
        ),
      );
    }
    const strata = median(strataRuns);
    const pipe = median(cliRuns);
    console.log(
      `copy ${COPY_MB} MB ${from.name} (${from.kind}) → ${to.name} (${to.kind}): Strata ${ms(strata)}, docker save | docker load ${ms(pipe)} (${(strata / pipe).toFixed(2)}×)`,
    );
  } finally {
    removeFrom(to, BIG);
    await stopStrata(server);
  }
}

async function main() {
  if (!existsSync('.next/BUILD_ID')) execFileSync('npx', ['next', 'build'], { stdio: 'inherit' });
  await Promise.all(ENGINES.map(seed));
  await inventoryFigures();
  await copyFigures();
  console.log('sandboxes left running; stop them with scripts/sandbox.sh stop (STRATA_SANDBOX_DIR=/tmp/strata-bench-e1 …)');
}

await main();
