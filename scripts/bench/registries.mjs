// Benchmark for registry browsing (issue 18): Debian's distribution registry (no auth, its own port and
// storage) with 50,000 repositories and one repository of 20,000 tags; the first page of each through
// Strata against the registry's own request, Strata's memory across the walk, and update checks for 200
// local tags (cold, then warm). Prints figures; never a pass/fail.
//   node scripts/bench/registries.mjs
// Seeding: one image is pushed through the registry's API; the 50,000 repositories and 20,000 tags are
// then written as the registry's own storage layout (links to that image's blobs), which the registry
// serves as if each had been pushed (pushing 50,000 repositories one by one takes an hour here).
// The 200 update checks need the bench sandbox engine (scripts/sandbox.sh, STRATA_BENCH_DIR).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIR, PORT, env, median, ms, startSandbox, startServer, time } from './common.mjs';

const REGISTRY_PORT = Number(process.env.BENCH_REGISTRY_PORT ?? 5590);
const HOST = `127.0.0.1:${REGISTRY_PORT}`;
const ROOT = process.env.BENCH_REGISTRY_DIR ?? '/tmp/strata-bench-registry';
const REPOSITORIES = Number(process.env.BENCH_REPOSITORIES ?? 50_000);
const TAGS = Number(process.env.BENCH_TAGS ?? 20_000);
const UPDATE_TAGS = Number(process.env.BENCH_UPDATE_TAGS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const STRATA = `http://127.0.0.1:${PORT}`;
const V2 = path.join(ROOT, 'storage/docker/registry/v2');
const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';

const sha = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const write = (file, content) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
};

function startRegistry() {
  mkdirSync(ROOT, { recursive: true });
  const config = path.join(ROOT, 'config.yml');
  writeFileSync(
    config,
    `version: 0.1\nlog: { level: error }\nstorage: { filesystem: { rootdirectory: ${ROOT}/storage }, delete: { enabled: true } }\nhttp: { addr: ${HOST} }\n`,
  );
  return spawn('/usr/bin/docker-registry', ['serve', config], { stdio: 'ignore' });
}

async function waitFor(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** One small image through the registry's API: its blobs and manifest, for every link written later. */
async function pushSeedImage() {
  const layer = gzipSync(Buffer.from('strata bench layer\n'));
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', created: '2026-11-01T00:00:00Z', rootfs: { type: 'layers', diff_ids: [sha(layer)] } }),
  );
  for (const blob of [layer, config]) {
    const start = await fetch(`http://${HOST}/v2/seed/app/blobs/uploads/`, { method: 'POST' });
    const location = new URL(start.headers.get('location'), `http://${HOST}`);
    location.searchParams.set('digest', sha(blob));
    const put = await fetch(location, { method: 'PUT', body: blob, headers: { 'content-type': 'application/octet-stream' } });
    if (put.status !== 201) throw new Error(`blob upload answered ${put.status}`);
  }
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPE,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha(layer), size: layer.length }],
    }),
  );
  const put = await fetch(`http://${HOST}/v2/seed/app/manifests/1`, { method: 'PUT', body: manifest, headers: { 'content-type': MANIFEST_TYPE } });
  if (put.status !== 201) throw new Error(`manifest put answered ${put.status}`);
  return { manifest: sha(manifest), blobs: [sha(layer), sha(config)] };
}

/** A repository as the registry keeps one after a push of `seed` under `tags`. */
function writeRepository(name, tags, seed) {
  const repo = path.join(V2, 'repositories', name);
  const hex = (digest) => digest.slice('sha256:'.length);
  for (const blob of seed.blobs) write(path.join(repo, '_layers/sha256', hex(blob), 'link'), blob);
  write(path.join(repo, '_manifests/revisions/sha256', hex(seed.manifest), 'link'), seed.manifest);
  for (const tag of tags) {
    write(path.join(repo, '_manifests/tags', tag, 'current/link'), seed.manifest);
    write(path.join(repo, '_manifests/tags', tag, 'index/sha256', hex(seed.manifest), 'link'), seed.manifest);
  }
}

async function seed() {
  const marker = path.join(ROOT, `seeded-${REPOSITORIES}-${TAGS}`);
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8'));
  const image = await pushSeedImage();
  const started = Date.now();
  for (let i = 0; i < REPOSITORIES; i++) writeRepository(`team-${String(i % 100).padStart(2, '0')}/app-${String(i).padStart(5, '0')}`, ['1'], image);
  writeRepository('big/tags', Array.from({ length: TAGS }, (_, i) => `v${Math.floor(i / 100)}.${i % 100}`), image);
  console.log(`seeded ${REPOSITORIES.toLocaleString('en')} repositories and ${TAGS.toLocaleString('en')} tags in ${Date.now() - started} ms`);
  writeFileSync(marker, JSON.stringify(image));
  return image;
}

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

async function browse() {
  const rows = [];
  const row = (measure, value, note = '') => rows.push({ measure, value, note });
  const rawFirst = median(await Promise.all(Array.from({ length: 1 }, () => rawTime(`http://${HOST}/v2/_catalog?n=100`))));
  const rawRuns = [];
  for (let i = 0; i < RUNS; i++) rawRuns.push(await rawTime(`http://${HOST}/v2/_catalog?n=100`));
  const raw = median(rawRuns);
  const strata = await startServer();
  try {
    const rssStart = serverRssMb();
    const cold = await time(() => getJson(repositories('page=1')));
    row('registry `GET /v2/_catalog?n=100` (first page)', ms(raw), `first call ${ms(rawFirst)}`);
    row('Strata first page of repositories, cold (fresh server)', ms(cold), `${(cold / raw).toFixed(2)}× the registry's page`);
    const warmRuns = [];
    for (let i = 0; i < RUNS; i++) warmRuns.push(await time(() => getJson(repositories('page=1'))));
    row('Strata first page, again', ms(median(warmRuns)), `${(median(warmRuns) / raw).toFixed(2)}×`);
    // The whole catalog, read in the background for the total, deep pages and filters.
    const walk = await until(repositories('page=1'), (body) => body.total !== null);
    row('Strata: whole catalog known (total), after the first page', `${walk.ms} ms`, `${walk.body.total.toLocaleString('en')} repositories`);
    const rawWhole = await time(async () => {
      let next = '/v2/_catalog?n=1000';
      while (next) {
        const response = await fetch(`http://${HOST}${next}`);
        await response.arrayBuffer();
        const link = response.headers.get('link');
        next = link ? /<([^>]+)>/.exec(link)[1] : null;
      }
    });
    row('registry: whole catalog by n=1000 pages (raw)', ms(rawWhole));
    const deep = [];
    const filtered = [];
    for (let i = 0; i < RUNS; i++) {
      deep.push(await time(() => getJson(repositories(`page=${400 + i}`))));
      filtered.push(await time(() => getJson(repositories(`page=1&q=app-4${i}`))));
    }
    row('Strata page 400+ of 500 (warm)', ms(median(deep)));
    row('Strata filtered page (`q=app-4N`, warm)', ms(median(filtered)));
    const rssCatalog = serverRssMb();

    const rawTagRuns = [];
    for (let i = 0; i < RUNS; i++) rawTagRuns.push(await rawTime(`http://${HOST}/v2/big/tags/tags/list`));
    const rawTags = median(rawTagRuns);
    const coldTags = await time(() => getJson(tags('page=1')));
    row(`registry \`GET /v2/big/tags/tags/list\` (${TAGS.toLocaleString('en')} names in one answer)`, ms(rawTags));
    row('Strata first page of tags (50, digests by HEAD), cold', ms(coldTags), `${(coldTags / rawTags).toFixed(2)}× the registry's list`);
    const warmTags = [];
    for (let i = 0; i < RUNS; i++) warmTags.push(await time(() => getJson(tags(`page=${1 + i}`))));
    row('Strata tag pages 1-10, warm', ms(median(warmTags)), `${(median(warmTags) / rawTags).toFixed(2)}×`);
    const resolved = await until(tags('page=1'), (body) => body.resolved === body.total, 900_000);
    row('Strata: every tag’s digest known (aliases complete)', `${(resolved.ms / 1000).toFixed(1)} s`, `${TAGS.toLocaleString('en')} HEADs, 4 at a time`);
    const rssEnd = serverRssMb();
    row('Strata server memory (RSS): start → catalog walked → tags resolved', `${rssStart.toFixed(0)} → ${rssCatalog.toFixed(0)} → ${rssEnd.toFixed(0)} MB`);
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
    rows.push({ measure: `update checks for ${UPDATE_TAGS} local tags, cold (every tag a HEAD)`, value: `${cold.ms} ms`, note: states.join(', ') });
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
  await seed();
  const rows = [...(await browse()), ...(process.env.BENCH_SKIP_UPDATES ? [] : await updates())];
  console.log('| measure | figure | note |\n|---|---|---|');
  for (const { measure, value, note } of rows) console.log(`| ${measure} | ${value} | ${note} |`);
} finally {
  registry.kill();
}
