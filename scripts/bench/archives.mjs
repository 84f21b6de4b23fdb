// Benchmark for save and load (issues 8 and 20): a 500 MB image saved and loaded by the docker CLI, straight
// from the engine socket, through a bare Node pipeline server (scripts/bench/bare-proxy.mjs, the floor for
// any hop), through Strata as it was started before scripts/serve.sh, and through Strata; alternating in
// each run, all HTTP subjects read by the same Node client. Strata's memory is sampled throughout (it
// should stay flat: archives stream through, never held). Prints figures; never a pass/fail.
//   node scripts/bench/archives.mjs            (BENCH_ARCHIVE_MB=500, BENCH_ARCHIVE_RUNS=3)
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, openSync, readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import { DIR, PORT, SOCKET, env, median, startSandbox, startServer, time } from './common.mjs';

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

/** One request with the same Node client for every HTTP subject; resolves with the answer's bytes and text tail. */
function request(options, file) {
  return new Promise((resolve, reject) => {
    const req = http.request(options, (res) => {
      let bytes = 0;
      let tail = '';
      res.on('data', (chunk) => {
        bytes += chunk.length;
        if (file) tail = (tail + chunk.toString()).slice(-4096);
      });
      res.on('end', () =>
        res.statusCode === 200 ? resolve({ bytes, tail }) : reject(new Error(`${options.path}: ${res.statusCode} ${tail}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (file) createReadStream(file).pipe(req);
    else req.end();
  });
}

const encoded = encodeURIComponent(REF);
const upload = (options) => ({
  ...options,
  method: 'POST',
  headers: { 'Content-Type': 'application/x-tar', 'Content-Length': String(statSync(ARCHIVE).size) },
});
/** Each subject's save (read to the end) and load (the image is removed before each). */
const subjects = (strataPort, barePort) => ({
  'docker CLI': { save: () => runCli(['save', REF], '/dev/null'), load: () => runCli(['load', '-i', ARCHIVE]) },
  'raw socket': {
    save: () => request({ socketPath: SOCKET, path: `/images/${encoded}/get` }),
    load: () => request(upload({ socketPath: SOCKET, path: '/images/load' }), ARCHIVE),
  },
  'bare Node pipeline': {
    save: () => request({ host: '127.0.0.1', port: barePort, path: `/save?ref=${encoded}` }),
    load: () => request(upload({ host: '127.0.0.1', port: barePort, path: '/load' }), ARCHIVE),
  },
  'Strata, plain next start (before)': {
    save: () => request({ host: '127.0.0.1', port: strataPort + 1, path: `/api/images/${encoded}/export` }),
    load: () => request(upload({ host: '127.0.0.1', port: strataPort + 1, path: '/api/images/load' }), ARCHIVE),
  },
  Strata: {
    save: () => request({ host: '127.0.0.1', port: strataPort, path: `/api/images/${encoded}/export` }),
    load: () => request(upload({ host: '127.0.0.1', port: strataPort, path: '/api/images/load' }), ARCHIVE),
  },
});

/** A process that answers HTTP on `port` once it prints its first line or answers. */
async function startProcess(command, args, port, extraEnv) {
  const child = spawn(command, args, { env: { ...env, ...extraEnv }, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) =>
      http.get({ host: '127.0.0.1', port, path: '/graph' }, (res) => (res.resume(), resolve(true))).on('error', () => resolve(false)),
    );
    if (up) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${command} did not answer on ${port}`);
}

async function main() {
  startSandbox();
  seed();
  await runCli(['save', REF], ARCHIVE);
  const size = statSync(ARCHIVE).size;
  const server = await startServer();
  // The same build started as it was before scripts/serve.sh (V8's default heap sizing), for the before figure.
  const before = await startProcess('node_modules/.bin/next', ['start', '-H', '127.0.0.1', '-p', String(PORT + 1)], PORT + 1, {
    STRATA_WARM_ON_START: '0',
  });
  const bare = await startProcess('node', ['scripts/bench/bare-proxy.mjs'], PORT + 2, { SOCKET, BARE_PORT: String(PORT + 2) });
  try {
    const idle = rssMiB(server.pid);
    const all = subjects(PORT, PORT + 2);
    const figures = Object.fromEntries(Object.keys(all).map((name) => [name, { save: [], load: [] }]));
    const peaks = { save: 0, load: 0 };
    // One unmeasured save through each server first: the first request loads the route's code.
    for (const name of Object.keys(all).slice(2)) await all[name].save();
    for (let run = 0; run < RUNS; run++) {
      for (const [name, subject] of Object.entries(all)) {
        const sampling = name === 'Strata' ? sampler(server.pid) : null;
        let answer;
        figures[name].save.push(await time(async () => (answer = await subject.save())));
        if (sampling) peaks.save = Math.max(peaks.save, ...sampling.stop());
        if (answer && Math.abs(answer.bytes - size) > 1024 * 1024) throw new Error(`${name}: ${answer.bytes} bytes, docker save's ${size}`);
      }
      for (const [name, subject] of Object.entries(all)) {
        docker('rmi', REF);
        const sampling = name === 'Strata' ? sampler(server.pid) : null;
        figures[name].load.push(await time(() => subject.load()));
        if (sampling) peaks.load = Math.max(peaks.load, ...sampling.stop());
        if (!exists()) throw new Error(`${name}: the image is not back after the load`);
      }
    }
    const mb = (size / 1024 / 1024).toFixed(0);
    console.log(`archive: ${REF}, ${mb} MiB, median of ${RUNS} runs, subjects alternating within each run`);
    for (const kind of ['save', 'load']) {
      const cli = median(figures['docker CLI'][kind]);
      const raw = median(figures['raw socket'][kind]);
      const floor = median(figures['bare Node pipeline'][kind]);
      for (const [name, values] of Object.entries(figures)) {
        const m = median(values[kind]);
        console.log(
          `${kind} ${name.padEnd(34)} ${(m / 1000).toFixed(2)} s · ${(m / cli).toFixed(2)}× CLI · ${(m / raw).toFixed(2)}× raw · ${(m / floor).toFixed(2)}× bare pipeline · ${(size / 1024 / 1024 / (m / 1000)).toFixed(0)} MB/s`,
        );
      }
    }
    console.log(
      `server memory (RSS, server and children): idle ${idle.toFixed(0)} MiB · peak during save ${peaks.save.toFixed(0)} MiB · peak during load ${peaks.load.toFixed(0)} MiB (archive ${mb} MiB)`,
    );
  } finally {
    for (const child of [server, before, bare]) child.kill();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
