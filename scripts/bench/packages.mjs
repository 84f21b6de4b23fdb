// Benchmark for inside an image (issue 19): what reading packages adds to the layer analysis, the
// SBOM exports, and what opening one file costs next to the whole export.
// Prints figures and ratios; never a pass/fail.   node scripts/bench/packages.mjs
// Env: BENCH_RUNS (3 cold analyses each way, alternating), STRATA_BENCH_DIR (/tmp/strata-bench)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PORT, analyse, median, ms, rawExport, startSandbox, startServer, time } from './common.mjs';
import { BIG_DEB, seedBigImages } from './big-image.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const base = `http://127.0.0.1:${PORT}/api/images/${encodeURIComponent(BIG_DEB)}`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The process that listens on PORT (`next start` may serve from a child of the one spawned). */
function listenerPid() {
  const line = execFileSync('ss', ['-ltnpH', `sport = :${PORT}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(line)?.[1];
  if (!pid) throw new Error(`nothing listens on ${PORT}`);
  return pid;
}

/** Bytes the process has read through read(2) and friends, sockets included: the export it pulled. */
const bytesRead = (pid) => Number(/rchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))[1]);

/** One cold analysis on a fresh server with an empty layer cache, packages read or not. */
async function coldAnalysis(skipPackages) {
  const server = await startServer({
    STRATA_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'strata-bench-packages-')),
    ...(skipPackages ? { STRATA_BENCH_SKIP_PACKAGES: '1' } : {}),
  });
  try {
    await fetch(`http://127.0.0.1:${PORT}/api/images`).then((r) => r.text());
    return await time(() => analyse(BIG_DEB));
  } finally {
    server.kill();
    await new Promise((r) => server.once('exit', r));
  }
}

async function download(analysis, position, file) {
  const diffId = analysis.layers[position - 1].diffId;
  const pid = listenerPid();
  const before = bytesRead(pid);
  let bytes = 0;
  const elapsed = await time(async () => {
    const response = await fetch(`${base}/layers/${encodeURIComponent(diffId)}/file?path=${encodeURIComponent(file)}`);
    if (!response.ok) throw new Error(`${file}: ${response.status} ${await response.text()}`);
    bytes = (await response.arrayBuffer()).byteLength;
  });
  return { file, position, bytes, elapsed, read: bytesRead(pid) - before };
}

async function main() {
  startSandbox();
  seedBigImages();
  let exportBytes = 0;
  let firstByte = 0;
  const raw = await time(async () => ({ bytes: exportBytes, firstByte } = await rawExport(BIG_DEB)));
  const timings = { with: [], without: [] };
  for (let run = 0; run < RUNS; run++) {
    timings.without.push(await coldAnalysis(true));
    timings.with.push(await coldAnalysis(false));
  }

  const server = await startServer({ STRATA_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'strata-bench-packages-')) });
  try {
    await fetch(`http://127.0.0.1:${PORT}/api/images`).then((r) => r.text());
    const analysis = await analyse(BIG_DEB);
    let packages;
    const listed = await time(async () => (packages = await (await fetch(`${base}/packages`)).json()));
    const sboms = [];
    for (const format of ['spdx', 'cyclonedx']) {
      let body = '';
      const elapsed = await time(async () => (body = await (await fetch(`${base}/sbom?format=${format}`)).text()));
      sboms.push({ format, elapsed, bytes: Buffer.byteLength(body) });
    }
    const top = analysis.layers.length;
    // The top layer's file, the last of the 50,000 small files (a middle layer), the first layer's os-release.
    const manyLayer = 1 + analysis.changes.findIndex((layer) => layer.some((change) => change.path === 'many/f49999'));
    const downloads = [
      await download(analysis, top, 'top.txt'),
      await download(analysis, manyLayer, 'many/f49999'),
      await download(analysis, top, 'var/lib/dpkg/status'),
    ];

    const withMedian = median(timings.with);
    const withoutMedian = median(timings.without);
    const upgrades = packages.changes.filter((c) => c.change === 'upgraded').length;
    const removals = packages.changes.filter((c) => c.change === 'removed').length;
    console.log(
      `\nStrata packages benchmark — ${BIG_DEB}: ${(exportBytes / 1e9).toFixed(2)} GB export, ${analysis.layers.length} layers, ` +
        `${packages.packages.length} packages installed (${upgrades} upgraded, ${removals} removed in a later layer)`,
    );
    console.log(`  raw export read to the end (docker save > /dev/null)        ${ms(raw)}   first byte after ${ms(firstByte)}`);
    console.log(
      `  analysis, nothing cached, packages not read (median of ${RUNS})  ${ms(withoutMedian)}   [${timings.without.map(ms).join(', ')}]`,
    );
    console.log(
      `  analysis, nothing cached, packages read (median of ${RUNS})      ${ms(withMedian)}   [${timings.with.map(ms).join(', ')}]`,
    );
    console.log(
      `  packages overhead ${(((withMedian - withoutMedian) / withoutMedian) * 100).toFixed(1)}% (target < 10%); analysis/raw export ${(withMedian / raw).toFixed(2)}x`,
    );
    console.log(`  GET /packages after the analysis                            ${ms(listed)}`);
    for (const sbom of sboms)
      console.log(
        `  GET /sbom?format=${sbom.format.padEnd(9)} (${packages.packages.length} packages)         ${ms(sbom.elapsed)}   ${mb(sbom.bytes)}`,
      );
    for (const d of downloads)
      console.log(
        `  file ${d.file} at layer ${d.position}/${top}: ${d.bytes} B in ${ms(d.elapsed)}; server read ${mb(d.read)} (export and its layer cache) against a ${mb(exportBytes)} export (${((d.read / exportBytes) * 100).toFixed(1)}%)`,
      );
  } finally {
    server.kill();
  }
}

await main();
