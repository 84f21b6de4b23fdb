// Benchmark for save and load (issue 8): a 500 MB image saved and loaded through Strata vs `docker save`
// / `docker load` on the same engine, with the Strata server's memory sampled throughout (it should stay
// flat: archives stream through, they are never held). Prints figures; never a pass/fail.
//   node scripts/bench/archives.mjs            (BENCH_ARCHIVE_MB=500, BENCH_ARCHIVE_RUNS=3)
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, openSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { DIR, PORT, env, median, startSandbox, startServer, time } from './common.mjs';

const MB = Number(process.env.BENCH_ARCHIVE_MB ?? 500);
const RUNS = Number(process.env.BENCH_ARCHIVE_RUNS ?? 3);
const REF = `bench/archive-${MB}mb:1`;
const ARCHIVE = `${DIR}/archive-${MB}mb.tar`;
const docker = (...args) =>
  execFileSync('docker', args, { env, stdio: ['pipe', 'pipe', 'ignore'], encoding: 'utf8', maxBuffer: 1 << 20 }).trim();
const exists = () => {
  try {
    docker('image', 'inspect', REF);
    return true;
  } catch {
    return false;
  }
};

function seed() {
  if (exists()) return;
  execFileSync('bash', ['scripts/fixtures.sh'], { env, stdio: 'ignore' });
  // Five layers of random bytes (incompressible, like real binaries).
  const layers = 5;
  const steps = Array.from(
    { length: layers },
    (_, i) => `RUN dd if=/dev/urandom of=/blob-${i}.bin bs=1M count=${Math.round(MB / layers)} 2>/dev/null`,
  );
  execFileSync('docker', ['build', '-q', '-t', REF, '-'], {
    input: ['FROM strata-fixture/base:1', ...steps].join('\n'),
    env: { ...env, DOCKER_BUILDKIT: '0' },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
}

/** Resident memory of the server and its child processes, in MiB. */
function rssMiB(pid) {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    for (const task of readdirSync(`/proc/${pids[i]}/task`)) {
      try {
        pids.push(...readFileSync(`/proc/${pids[i]}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
      } catch {
        // gone
      }
    }
  }
  let kib = 0;
  for (const child of pids) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kib / 1024;
}

function sampler(pid) {
  const samples = [];
  const timer = setInterval(() => samples.push(rssMiB(pid)), 50);
  return { stop: () => (clearInterval(timer), samples) };
}

const runCli = (args, stdoutFile) =>
  new Promise((resolve, reject) => {
    const child = spawn('docker', args, { env, stdio: ['ignore', stdoutFile ? openSync(stdoutFile, 'w') : 'ignore', 'ignore'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker ${args.join(' ')} exited ${code}`))));
  });

async function strataSave() {
  const response = await fetch(`http://127.0.0.1:${PORT}/api/images/${encodeURIComponent(REF)}/export`);
  let bytes = 0;
  for await (const chunk of response.body) bytes += chunk.byteLength;
  return bytes;
}

async function strataLoad() {
  const response = await fetch(`http://127.0.0.1:${PORT}/api/images/load`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-tar', 'Content-Length': String(statSync(ARCHIVE).size) },
    body: Readable.toWeb(createReadStream(ARCHIVE)),
    duplex: 'half',
  });
  const text = await response.text();
  if (!text.includes('"done"')) throw new Error(`load failed: ${text.slice(0, 300)}`);
}

async function main() {
  startSandbox();
  seed();
  await runCli(['save', REF], ARCHIVE);
  const size = statSync(ARCHIVE).size;
  const server = await startServer();
  try {
    const idle = rssMiB(server.pid);
    const figures = { saveCli: [], saveStrata: [], loadCli: [], loadStrata: [] };
    const peaks = { save: 0, load: 0 };
    for (let run = 0; run < RUNS; run++) {
      figures.saveCli.push(await time(() => runCli(['save', REF], '/dev/null')));
      const saving = sampler(server.pid);
      let bytes = 0;
      figures.saveStrata.push(await time(async () => (bytes = await strataSave())));
      peaks.save = Math.max(peaks.save, ...saving.stop());
      if (Math.abs(bytes - size) > 1024 * 1024) throw new Error(`Strata's archive is ${bytes} bytes, docker save's ${size}`);

      docker('rmi', REF);
      figures.loadCli.push(await time(() => runCli(['load', '-i', ARCHIVE])));
      docker('rmi', REF);
      const loading = sampler(server.pid);
      figures.loadStrata.push(await time(strataLoad));
      peaks.load = Math.max(peaks.load, ...loading.stop());
      if (!exists()) throw new Error('the image is not back after the load');
    }
    const mb = (size / 1024 / 1024).toFixed(0);
    const row = (label, cli, strata) => {
      const a = median(cli);
      const b = median(strata);
      console.log(
        `${label.padEnd(6)} docker ${(a / 1000).toFixed(2)} s · Strata ${(b / 1000).toFixed(2)} s · ratio ${(b / a).toFixed(2)}× · Strata ${(size / 1024 / 1024 / (b / 1000)).toFixed(0)} MB/s`,
      );
    };
    console.log(`archive: ${REF}, ${mb} MiB, median of ${RUNS} runs`);
    row('save', figures.saveCli, figures.saveStrata);
    row('load', figures.loadCli, figures.loadStrata);
    console.log(
      `server memory (RSS, server and children): idle ${idle.toFixed(0)} MiB · peak during save ${peaks.save.toFixed(0)} MiB · peak during load ${peaks.load.toFixed(0)} MiB (archive ${mb} MiB)`,
    );
  } finally {
    server.kill();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
