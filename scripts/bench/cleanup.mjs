// Benchmark for cleanup (issue 6). Prints figures; never a pass/fail. Destructive, so it uses its own
// sandbox engine (STRATA_BENCH_DIR, default /tmp/strata-bcl) and re-seeds it each run.
//   node scripts/bench/cleanup.mjs      (BENCH_DANGLING=500)
import { execFileSync } from 'node:child_process';
import { engineRequest, engineRequestJson, pool } from './engine-http.mjs';

process.env.STRATA_BENCH_DIR ??= '/tmp/strata-bcl';
const { PORT, SOCKET, env, launchChromium, median, ms, startServer, time } = await import('./common.mjs');
const DANGLING = Number(process.env.BENCH_DANGLING ?? 500);

/** Commit the same tag again and again: each commit moves it, leaving the previous image dangling. */
async function seed() {
  execFileSync('bash', ['scripts/sandbox.sh', 'reset'], { env: { ...env, STRATA_REGISTRY_PORT: '5560' }, stdio: 'ignore' });
  execFileSync('bash', ['scripts/sandbox.sh', 'start'], { env: { ...env, STRATA_REGISTRY_PORT: '5560' }, stdio: 'ignore' });
  execFileSync('bash', ['scripts/fixtures.sh'], { env, stdio: 'ignore' });
  await engineRequestJson(SOCKET, '/containers/create?name=bench-dangle', {
    Image: 'strata-fixture/base:1',
    Cmd: ['true'],
    NetworkDisabled: true,
  });
  // Commits on one tag must be sequential, or two could both believe they moved it.
  await pool(DANGLING + 1, 1, async (i) => {
    await engineRequest(
      SOCKET,
      'POST',
      `/commit?container=bench-dangle&repo=bench/dangle&tag=latest&changes=${encodeURIComponent(`LABEL n=${i}`)}`,
    );
  });
}

async function main() {
  console.log(`seeding ${DANGLING} dangling images…`);
  await seed();
  const server = await startServer();
  try {
    const api = `http://127.0.0.1:${PORT}/api/prune`;
    const preview = () =>
      fetch(api, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ target: 'dangling', dryRun: true }),
      }).then((r) => r.json());
    const cold = await time(preview);
    const planned = await preview();
    const warm = [];
    for (let i = 0; i < 10; i++) warm.push(await time(preview));

    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const table = [];
    const usage = [];
    for (let i = 0; i < 3; i++) {
      const start = Date.now();
      await page.goto(`http://127.0.0.1:${PORT}/cleanup`);
      await page.getByRole('table', { name: 'Will be deleted' }).waitFor();
      table.push(Date.now() - start);
      await page.locator('[data-usage="Images"]').waitFor();
      usage.push(Date.now() - start);
    }
    await browser.close();
    const df = [];
    for (let i = 0; i < 5; i++) df.push(await time(() => engineRequest(SOCKET, 'GET', '/system/df')));

    let engineAnswer;
    const enginePrune = await time(async () => {
      engineAnswer = JSON.parse(
        await engineRequest(SOCKET, 'POST', `/images/prune?filters=${encodeURIComponent('{"dangling":["true"]}')}`),
      );
    });
    const deleted = (engineAnswer.ImagesDeleted ?? []).filter((entry) => planned.images.some((image) => image.id === entry.Deleted)).length;

    console.log(`\nStrata cleanup benchmark — ${planned.images.length} dangling images`);
    console.log(`  Strata preview (dry run), cold                ${ms(cold)}`);
    console.log(`  Strata preview (dry run), warm                ${ms(median(warm))}`);
    console.log(
      `  engine's own prune (POST /images/prune)       ${ms(enginePrune)}   preview warm is ${(median(warm) / enginePrune).toFixed(2)}x of it`,
    );
    console.log(`  engine GET /system/df                         ${ms(median(df))}`);
    console.log(`  /cleanup: navigation -> preview table         ${ms(median(table))}`);
    console.log(`  /cleanup: navigation -> disk usage card       ${ms(median(usage))}`);
    console.log(
      `  preview said ${planned.images.length} images / ${planned.spaceReclaimed} B; the engine deleted ${deleted} of them and reclaimed ${engineAnswer.SpaceReclaimed} B`,
    );
  } finally {
    server.kill();
    execFileSync('bash', ['scripts/sandbox.sh', 'stop'], { env, stdio: 'ignore' });
  }
}

await main();
