// Benchmark for BuildKit builds (issue 16): a 20-step build through Strata (`POST /api/build`, BuildKit)
// against the same `POST /build?version=2` read raw from the socket, alternating, in one run. Every run
// starts with a fresh value in its first RUN, so all later steps are built, not taken from the cache.
// Also how late each finished step reaches the client after BuildKit's own end time for it (same clock).
// Prints figures and ratios; never a pass/fail.
//   STRATA_ENGINE_KIND=modern STRATA_BENCH_DIR=/tmp/strata-bench-m node scripts/bench/buildkit.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import protobuf from 'protobufjs';
import { PORT, RUNS, SOCKET, env, median, ms, startSandbox, startServer } from './common.mjs';

const runs = Number(process.env.BENCH_RUNS ?? Math.min(RUNS, 3));
const FILES = Array.from({ length: 9 }, (_, i) => `part-${i + 1}.txt`);

function dockerfile(nonce) {
  const lines = ['FROM strata-fixture/base:1', `RUN echo ${nonce} > /nonce`];
  for (let i = 0; i < 9; i++)
    lines.push(`COPY ${FILES[i]} /parts/`, `RUN cat /parts/${FILES[i]} /nonce > /step-${i + 1} && echo step ${i + 1}`);
  return `${lines.join('\n')}\n`; // FROM + 19 steps = 20
}

function context(nonce) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-bench-bk-'));
  writeFileSync(path.join(dir, 'Dockerfile'), dockerfile(nonce));
  for (const file of FILES) writeFileSync(path.join(dir, file), `${file} ${'x'.repeat(2000)}\n`);
  return dir;
}

// Only what the lag needs from BuildKit's StatusResponse: each vertex's name and completed time.
const status = protobuf.Root.fromJSON({
  nested: {
    T: { fields: { seconds: { type: 'int64', id: 1 }, nanos: { type: 'int32', id: 2 } } },
    V: { fields: { name: { type: 'string', id: 3 }, completed: { type: 'T', id: 6 } } },
    S: { fields: { vertexes: { rule: 'repeated', type: 'V', id: 1 } } },
  },
}).lookupType('S');

/** The raw build: the context gzipped as Strata sends it; seconds to the end, and each step's lag. */
function rawBuild(dir) {
  const tar = gzipSync(execFileSync('tar', ['-C', dir, '-cf', '-', '.']));
  const query = new URLSearchParams({ version: '2', networkmode: 'none', t: 'strata-bench/buildkit:raw' });
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const lags = [];
    const seen = new Set();
    let text = '';
    const request = http.request(
      { socketPath: SOCKET, path: `/build?${query}`, method: 'POST', headers: { 'Content-Type': 'application/x-tar' } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
          let newline;
          while ((newline = text.indexOf('\n')) >= 0) {
            const line = JSON.parse(text.slice(0, newline) || '{}');
            text = text.slice(newline + 1);
            if (line.id !== 'moby.buildkit.trace') continue;
            const decoded = status.toObject(status.decode(Buffer.from(line.aux, 'base64')), { longs: Number });
            for (const vertex of decoded.vertexes ?? []) {
              if (!vertex.completed || !/^\[\s*\d+\/\d+\]/.test(vertex.name ?? '') || seen.has(vertex.name)) continue;
              seen.add(vertex.name);
              lags.push(Date.now() - (vertex.completed.seconds * 1000 + Math.floor((vertex.completed.nanos ?? 0) / 1e6)));
            }
          }
        });
        res.on('end', () => resolve({ ms: Date.now() - started, lags }));
      },
    );
    request.on('error', reject);
    request.end(tar);
  });
}

/** The same build through Strata, as the page sends it; time to the summary, and each step's lag. */
async function strataBuild(dir) {
  const form = new FormData();
  form.append('options', JSON.stringify({ builder: 'buildkit', tags: ['strata-bench/buildkit:strata'] }));
  for (const file of ['Dockerfile', ...FILES]) form.append('files', new Blob([readFileSync(path.join(dir, file))]), file);
  const started = Date.now();
  const response = await fetch(`http://127.0.0.1:${PORT}/api/build`, {
    method: 'POST',
    body: form,
    headers: { Origin: `http://127.0.0.1:${PORT}` },
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const lags = [];
  const seen = new Set();
  let text = '';
  let done = false;
  while (!done) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += chunk.value;
    let newline;
    while ((newline = text.indexOf('\n')) >= 0) {
      const event = JSON.parse(text.slice(0, newline));
      text = text.slice(newline + 1);
      if (event.kind === 'error') throw new Error(event.message);
      if (event.kind === 'done') done = true;
      const step = event.kind === 'step' ? event.step : null;
      if (step?.endedAt && !seen.has(step.number)) {
        seen.add(step.number);
        lags.push(Date.now() - step.endedAt);
      }
    }
  }
  return { ms: Date.now() - started, lags };
}

startSandbox();
execFileSync('bash', ['scripts/fixtures.sh'], { env, stdio: 'ignore' });
const server = await startServer();
try {
  // One build each first, unmeasured: the base image's metadata and BuildKit's own start-up.
  await rawBuild(context(`warm-raw-${Date.now()}`));
  await strataBuild(context(`warm-strata-${Date.now()}`));
  const raw = [];
  const strata = [];
  for (let i = 0; i < runs; i++) {
    raw.push(await rawBuild(context(`raw-${i}-${Date.now()}`)));
    strata.push(await strataBuild(context(`strata-${i}-${Date.now()}`)));
  }
  const rawMs = median(raw.map((run) => run.ms));
  const strataMs = median(strata.map((run) => run.ms));
  const lag = (list) => list.flatMap((run) => run.lags);
  const engine = JSON.parse(execFileSync('docker', ['version', '--format', '{{json .Server}}'], { env, encoding: 'utf8' }));
  console.log(
    `engine ${engine.Version} (API ${engine.ApiVersion}); ${runs} builds each, 20 steps (FROM + 10 RUN + 9 COPY), every step built`,
  );
  console.log('| measure | raw socket | Strata | ratio |');
  console.log('|---|---|---|---|');
  console.log(
    `| build, request to end (median) | ${ms(rawMs)} | ${ms(strataMs)} | **${(strataMs / rawMs).toFixed(3)}×** (Strata adds ${(((strataMs - rawMs) / rawMs) * 100).toFixed(1)}%) |`,
  );
  for (const [name, pick] of [
    ['median', median],
    ['max', (values) => Math.max(...values)],
  ])
    console.log(
      `| a finished step reaches the client after BuildKit's end time (${name} over ${lag(strata).length} steps) | ${ms(pick(lag(raw)))} | ${ms(pick(lag(strata)))} | |`,
    );
} finally {
  server.kill();
}
