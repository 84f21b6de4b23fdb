// What the benchmark scripts share: the bench sandbox's environment, timing helpers, and starting
// Strata's production server against it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium.mjs';

export const DIR = process.env.STRATA_BENCH_DIR ?? '/tmp/strata-bench';
export const PORT = Number(process.env.BENCH_PORT ?? 3200);
export const RUNS = Number(process.env.BENCH_RUNS ?? 25);
export const SOCKET = `${DIR}/docker.sock`;
export const env = {
  ...process.env,
  STRATA_SANDBOX_DIR: DIR,
  STRATA_REGISTRY_PORT: '5557',
  DOCKER_HOST: `unix://${SOCKET}`,
  NEXT_TELEMETRY_DISABLED: '1',
};

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
export const ms = (value) => `${value.toFixed(1)} ms`;

export async function time(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export function startSandbox() {
  execFileSync('bash', ['scripts/sandbox.sh', 'start'], { env, stdio: 'inherit' });
}

/** Starts `next start` on PORT through scripts/serve.sh, as scripts/run.sh does (building first if needed) and resolves once it answers. */
export async function startServer(extraEnv = {}) {
  if (!existsSync('.next/BUILD_ID')) execFileSync('npx', ['next', 'build'], { env, stdio: 'inherit' });
  // No cache warm-up at start: a first request is then truly cold.
  const server = spawn('scripts/serve.sh', ['-H', '127.0.0.1', '-p', String(PORT)], {
    env: { ...env, STRATA_WARM_ON_START: '0', ...extraEnv },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${PORT}/graph`);
      if (response.ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

/** The raw export, read to the end and thrown away: what `docker save IMAGE > /dev/null` costs, and
 * how long the engine takes to send its first byte (the floor for reading any one file out of it). */
export function rawExport(ref) {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath: SOCKET, path: `/images/${encodeURIComponent(ref)}/get` }, (res) => {
        let bytes = 0;
        let firstByte = 0;
        res.on('data', (chunk) => {
          firstByte ||= performance.now() - start;
          bytes += chunk.length;
        });
        res.on('end', () => resolve({ bytes, firstByte }));
      })
      .on('error', reject);
  });
}

/** One analysis through Strata's route, read to its result line. */
export async function analyse(ref) {
  const text = await (await fetch(`http://127.0.0.1:${PORT}/api/images/${encodeURIComponent(ref)}/analysis`)).text();
  const result = text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .find((line) => line.kind === 'result');
  if (!result) throw new Error(`analysis failed: ${text.slice(-300)}`);
  return result.analysis;
}

export function launchChromium() {
  return chromium.launch(chromiumLaunchOptions);
}
