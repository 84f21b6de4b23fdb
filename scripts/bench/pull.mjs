// Benchmark for pull (issue 7): a 50 MB, 10-layer image from the local registry, through Strata's
// progress stream vs `docker pull` on the same engine. Prints figures; never a pass/fail.
//   node scripts/bench/pull.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { DIR, PORT, env, median, ms, startSandbox, startServer, time } from './common.mjs';

const REGISTRY = 'localhost:5557';
const REF = `${REGISTRY}/bench/fifty:1`;
const PASSWORD = 'sandbox-password';
const RUNS = Number(process.env.BENCH_PULL_RUNS ?? 3);
// The CLI's login goes to a config of the bench's own, never the user's ~/.docker.
const cli = { ...env, DOCKER_CONFIG: `${DIR}/docker-config`, STRATA_DATA_DIR: `${DIR}/strata-data` };
const docker = (...args) => execFileSync('docker', args, { env: cli, stdio: ['pipe', 'pipe', 'ignore'], encoding: 'utf8' }).trim();

function seed() {
  mkdirSync(cli.DOCKER_CONFIG, { recursive: true });
  execFileSync('docker', ['login', REGISTRY, '-u', 'strata', '--password-stdin'], {
    env: cli,
    input: PASSWORD,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  try {
    docker('manifest', 'inspect', '--insecure', REF);
    return;
  } catch {
    // not pushed yet
  }
  execFileSync('bash', ['scripts/fixtures.sh'], { env, stdio: 'ignore' });
  const steps = Array.from({ length: 10 }, (_, i) => `RUN dd if=/dev/urandom of=/blob-${i}.bin bs=1M count=5 2>/dev/null`);
  execFileSync('docker', ['build', '-q', '-t', REF, '-'], {
    input: ['FROM strata-fixture/base:1', ...steps].join('\n'),
    env: { ...cli, DOCKER_BUILDKIT: '0' },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  docker('push', REF);
}

const removeLocal = () => {
  try {
    docker('rmi', REF);
  } catch {
    // not there
  }
};

async function main() {
  startSandbox();
  seed();
  const server = await startServer({ STRATA_DATA_DIR: cli.STRATA_DATA_DIR });
  try {
    await fetch(`http://127.0.0.1:${PORT}/api/registries`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ server: REGISTRY, username: 'strata', password: PASSWORD }),
    });
    const viaCli = [];
    const viaStrata = [];
    let events = 0;
    for (let i = 0; i < RUNS; i++) {
      removeLocal();
      viaCli.push(await time(async () => docker('pull', '-q', REF)));
      removeLocal();
      viaStrata.push(
        await time(async () => {
          const response = await fetch(`http://127.0.0.1:${PORT}/api/pull`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ ref: REF }),
          });
          const text = await response.text();
          events = text.split('\n').filter(Boolean).length;
          if (!text.includes('"kind":"done"')) throw new Error(`pull failed: ${text.slice(-300)}`);
        }),
      );
    }
    console.log(`\nStrata pull benchmark — ${REF} (10 layers × 5 MB random, from the local registry); medians of ${RUNS}`);
    console.log(`  docker pull (CLI)                      ${ms(median(viaCli))}`);
    console.log(
      `  Strata POST /api/pull (NDJSON stream)  ${ms(median(viaStrata))}   ratio ${(median(viaStrata) / median(viaCli)).toFixed(2)}x (target <= 1.1x); ${events} progress events`,
    );
  } finally {
    server.kill();
  }
}

await main();
