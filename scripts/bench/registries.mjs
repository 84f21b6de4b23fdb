// Benchmark for registry browsing (issue 18): Debian's distribution registry (no auth, its own port and
// storage) with 50,000 repositories and one repository of 20,000 tags; the first page of each through
// Strata against the registry's own request, Strata's memory across the walk, and update checks for 200
// local tags (cold, then warm). Prints figures; never a pass/fail.
//   node scripts/bench/registries.mjs
// Seeding (scripts/bench/registry-seed.mjs) writes the registry's own storage layout: pushing 50,000
// repositories one by one takes an hour here.
// The 200 update checks need the bench sandbox engine (scripts/sandbox.sh, STRATA_BENCH_DIR).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DIR, PORT, env, median, ms, startSandbox, startServer, time } from './common.mjs';
import { HOST, MANIFEST_TYPE, REGISTRY_PORT, seed, startRegistry, waitFor } from './registry-seed.mjs';

const REPOSITORIES = Number(process.env.BENCH_REPOSITORIES ?? 50_000);
const TAGS = Number(process.env.BENCH_TAGS ?? 20_000);
const UPDATE_TAGS = Number(process.env.BENCH_UPDATE_TAGS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const STRATA = `http://127.0.0.1:${PORT}`;

/** Resident memory of the server process listening on PORT (next start runs it as a child). */
function serverRssMb() {
  const line = execFileSync('ss', ['-ltnpH', `sport = :${PORT}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(line)?.[1];
  if (!pid) return NaN;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(rss) / 1024;
}

const getJson = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
};
const rawTime = (url) => time(async () => (await fetch(url)).arrayBuffer());
const server = encodeURIComponent(HOST);
const repositories = (query) => `${STRATA}/api/registries/${server}/repositories?${query}`;
const tags = (query) => `${STRATA}/api/registries/${server}/repositories/${encodeURIComponent('big/tags')}/tags?${query}`;

async function until(url, done, limitMs = 300_000) {
  const started = Date.now();
  for (;;) {
    const body = await getJson(url);
    if (done(body)) return { body, ms: Date.now() - started };
    if (Date.now() - started > limitMs) throw new Error(`${url}: not done after ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What Strata's first tag page asks of the registry, sent straight: the list, a HEAD per tag, the manifest and config. */
async function rawTagPage(seed) {
  const list = await (await fetch(`http://${HOST}/v2/big/tags/tags/list`)).json();
  const page = list.tags.slice(0, 50);
  for (let i = 0; i < page.length; i += 16) {
    await Promise.all(
      page.slice(i, i + 16).map(async (tag) => {
        const response = await fetch(`http://${HOST}/v2/big/tags/manifests/${tag}`, { method: 'HEAD', headers: { accept: MANIFEST_TYPE } });
        await response.arrayBuffer();
      }),
    );
  }
  await (await fetch(`http://${HOST}/v2/big/tags/manifests/${seed.manifest}`, { headers: { accept: MANIFEST_TYPE } })).arrayBuffer();
  await (await fetch(`http://${HOST}/v2/big/tags/blobs/${seed.blobs[1]}`)).arrayBuffer();
}

async function browse(seed) {
  const rows = [];
  const row = (measure, value, note = '') => rows.push({ measure, value, note });
  const rawRuns = [];
  for (let i = 0; i < RUNS; i++) rawRuns.push(await rawTime(`http://${HOST}/v2/_catalog?n=100`));
  const raw = median(rawRuns);
  const strata = await startServer();
  try {
    const rssStart = serverRssMb();
    // The route's code loads on its first request: a registry that is not there, so nothing is cached.
    const routeLoad = await time(() => fetch(`${STRATA}/api/registries/127.0.0.1%3A9/repositories?page=1`).then((r) => r.arrayBuffer()));
    const cold = await time(() => getJson(repositories('page=1')));
    row('registry `GET /v2/_catalog?n=100`, alone', ms(raw), `median of ${RUNS}`);
    row(
      'Strata first page of repositories (nothing cached)',
      ms(cold),
      `**${(cold / raw).toFixed(2)}×** the registry’s page; the route’s first load took ${ms(routeLoad)}`,
    );
    // While the whole catalog is read in the background, page 1 is still one n=100 request: side by side,
    // both under the walk's load.
    const during = { raw: [], strata: [] };
    for (let i = 0; i < RUNS; i++) {
      during.raw.push(await rawTime(`http://${HOST}/v2/_catalog?n=100`));
      during.strata.push(await time(() => getJson(repositories('page=1'))));
    }
    row(
      'page 1 while the whole catalog is read: registry vs Strata',
      `${ms(median(during.raw))} vs ${ms(median(during.strata))}`,
      `**${(median(during.strata) / median(during.raw)).toFixed(2)}×**`,
    );
    const walk = await until(repositories('page=1'), (body) => body.total !== null);
    row(
      'Strata: whole catalog known (total), after the first page',
      `${(walk.ms / 1000).toFixed(1)} s`,
      `${walk.body.total.toLocaleString('en')} repositories`,
    );
    const rawWhole = await time(async () => {
      let next = '/v2/_catalog?n=1000';
      while (next) {
        const response = await fetch(`http://${HOST}${next}`);
        await response.arrayBuffer();
        const link = response.headers.get('link');
        next = link ? /<([^>]+)>/.exec(link)[1] : null;
      }
    });
    row(
      'registry: the whole catalog by n=1000 pages, straight',
      `${(rawWhole / 1000).toFixed(1)} s`,
      'distribution walks its storage from the start for every page',
    );
    const first = [];
    const deep = [];
    const filtered = [];
    for (let i = 0; i < RUNS; i++) {
      first.push(await time(() => getJson(repositories('page=1'))));
      deep.push(await time(() => getJson(repositories(`page=${400 + i}`))));
      filtered.push(await time(() => getJson(repositories(`page=1&q=app-4${i}`))));
    }
    row('Strata page 1, catalog known', ms(median(first)), `${(median(first) / raw).toFixed(2)}× the registry’s first page`);
    row('Strata page 400+ of 500, catalog known', ms(median(deep)), 'the registry has no page to compare: it pages only forward');
    row('Strata filtered page (`q=app-4N`), catalog known', ms(median(filtered)));
    const rssCatalog = serverRssMb();

    const rawPages = [];
    for (let i = 0; i < RUNS; i++) rawPages.push(await time(() => rawTagPage(seed)));
    const rawTags = median(rawPages);
    const coldTags = await time(() => getJson(tags('page=1')));
    row(`registry: tags/list (${TAGS.toLocaleString('en')} names) + 50 HEADs (16 at a time) + manifest + config, straight`, ms(rawTags));
    row(
      'Strata first page of tags (nothing cached)',
      ms(coldTags),
      `**${(coldTags / rawTags).toFixed(2)}×** the same requests sent straight`,
    );
    const resolved = await until(tags('page=1'), (body) => body.resolved === body.listed, 900_000);
    row(
      'Strata: every tag’s digest known (aliases complete)',
      `${(resolved.ms / 1000).toFixed(1)} s`,
      `${TAGS.toLocaleString('en')} HEADs, 4 at a time, in the background`,
    );
    const warmTags = [];
    for (let i = 0; i < RUNS; i++) warmTags.push(await time(() => getJson(tags(`page=${1 + i * 37}`))));
    row('Strata tag pages, digests known', ms(median(warmTags)), `${(median(warmTags) / rawTags).toFixed(2)}×`);
    const rssTags = serverRssMb();
    for (let i = 0; i < 200; i++) await getJson(i % 2 ? tags(`page=${1 + (i % 400)}`) : repositories(`page=${1 + (i % 500)}`));
    const rssEnd = serverRssMb();
    row(
      'Strata server memory (RSS): start → catalog → tags resolved → 200 more pages',
      `${rssStart.toFixed(0)} → ${rssCatalog.toFixed(0)} → ${rssTags.toFixed(0)} → ${rssEnd.toFixed(0)} MB`,
    );
  } finally {
    strata.kill();
  }
  return rows;
}

/** 200 local tags whose repo digests are in the bench registry: one image pushed under 200 names. */
function seedLocalTags() {
  const docker = (...args) => execFileSync('docker', args, { env, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' }).trim();
  const marker = path.join(DIR, `update-tags-${REGISTRY_PORT}-${UPDATE_TAGS}`);
  if (existsSync(marker)) return;
  execFileSync('bash', ['scripts/fixtures.sh'], { env, stdio: 'ignore' });
  for (let i = 0; i < UPDATE_TAGS; i++) {
    const ref = `${HOST}/updates/app-${i}:1`;
    docker('tag', 'strata-fixture/base:1', ref);
    docker('push', ref);
  }
  writeFileSync(marker, '');
}

async function updates() {
  startSandbox();
  seedLocalTags();
  const rows = [];
  const strata = await startServer();
  try {
    const url = `${STRATA}/api/images/updates?wait=10000`;
    const ours = (body) => body.updates.filter((update) => update.tag.startsWith(`${HOST}/updates/`));
    const cold = await until(url, (body) => ours(body).length >= UPDATE_TAGS && ours(body).every((update) => update.state !== 'pending'));
    const counts = new Map();
    for (const update of ours(cold.body)) counts.set(update.state, (counts.get(update.state) ?? 0) + 1);
    const states = [...counts].map(([state, count]) => `${count} ${state}`);
    rows.push({
      measure: `update checks for ${UPDATE_TAGS} local tags, cold (every tag a HEAD)`,
      value: `${cold.ms} ms`,
      note: states.join(', '),
    });
    const warm = [];
    for (let i = 0; i < RUNS; i++) warm.push(await time(() => getJson(`${STRATA}/api/images/updates`)));
    rows.push({ measure: 'update checks, warm (answers kept for the interval)', value: ms(median(warm)), note: 'no registry request' });
  } finally {
    strata.kill();
  }
  return rows;
}

const registry = startRegistry();
try {
  await waitFor(`http://${HOST}/v2/`);
  const image = await seed(REPOSITORIES, TAGS);
  const rows = [...(await browse(image)), ...(process.env.BENCH_SKIP_UPDATES ? [] : await updates())];
  console.log('| measure | figure | note |\n|---|---|---|');
  for (const { measure, value, note } of rows) console.log(`| ${measure} | ${value} | ${note} |`);
} finally {
  registry.kill();
}
