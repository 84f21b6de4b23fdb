// Benchmark for the layer file analysis (issue 4): an image of about 1 GB with about 50,000 files.
// Prints figures and ratios; never a pass/fail.   node scripts/bench/analysis.mjs
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PORT, analyse, ms, rawExport, startSandbox, startServer, time } from './common.mjs';
import { BIG, TOP, seedBigImages } from './big-image.mjs';

const rss = (pid, field) =>
  Number(
    /(\d+) kB/.exec(
      readFileSync(`/proc/${pid}/status`, 'utf8')
        .split('\n')
        .find((line) => line.startsWith(field)) ?? '0 kB',
    )[1],
  ) * 1024;

async function main() {
  startSandbox();
  seedBigImages();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'strata-bench-analysis-'));
  const server = await startServer({ STRATA_DATA_DIR: dataDir });
  try {
    await fetch(`http://127.0.0.1:${PORT}/api/images`).then((r) => r.text());
    let exportBytes = 0;
    const raw = await time(async () => (exportBytes = (await rawExport(BIG)).bytes));
    const before = rss(server.pid, 'VmRSS:');
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rss(server.pid, 'VmRSS:'))), 50);
    let analysis;
    const cold = await time(async () => (analysis = await analyse(BIG)));
    const shared = await time(() => analyse(TOP));
    const again = await time(() => analyse(BIG));
    clearInterval(sampler);
    const files = analysis.changes.reduce((sum, layer) => sum + layer.length, 0);
    console.log(
      `\nStrata layer analysis benchmark — ${BIG}: ${(exportBytes / 1e9).toFixed(2)} GB export, ${files} paths over ${analysis.layers.length} layers`,
    );
    console.log(`  raw export read to the end (docker save > /dev/null)   ${ms(raw)}`);
    console.log(
      `  Strata analysis, nothing cached                        ${ms(cold)}   ratio ${(cold / raw).toFixed(2)}x (target <= 1.3x)`,
    );
    console.log(
      `  server RSS: ${(before / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB during analysis (target <= 300 MB)`,
    );
    console.log(
      `  ${TOP} (shares all but its top layer), after ${BIG}    ${ms(shared)}   (${Math.round((1 - shared / cold) * 100)}% less than cold)`,
    );
    console.log(
      `  ${BIG} again, every layer cached                       ${ms(again)}   (${Math.round((1 - again / cold) * 100)}% less than cold)`,
    );
    console.log(`  wasted ${analysis.wastedBytes} B of ${analysis.totalBytes} B (efficiency ${(analysis.efficiency * 100).toFixed(1)}%)`);
  } finally {
    server.kill();
  }
}

await main();
