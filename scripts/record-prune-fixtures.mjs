#!/usr/bin/env node
// Records what a prune plan reads from a sandbox engine, then lets the ENGINE prune, and records what it
// deleted and the LayersSize before and after: the oracle lib/docker/prune/plan.oracle.test.ts checks
// Strata's plan against, for both image stores. DELETES images: sandbox only (guarded like fixtures.sh).
//   DOCKER_HOST=unix://$DIR/docker.sock STRATA_SANDBOX_DIR=$DIR node scripts/record-prune-fixtures.mjs OUTDIR
// Run on a freshly seeded sandbox (scripts/fixtures.sh). It adds a protected image, a rebuilt tag (a
// dangling image with its intermediates) and a second tag on the image the fixtures' container uses,
// then records two phases: a dangling prune, then `prune -a`. The engine's prune gets `label!=strata.keep`
// (key only, right on both stores; the scenario has no strata.keep other than =true).
// Files per phase (OUTDIR/<phase>/): the list (`all=1`, with `manifests=1` on API 1.47+), the dangling
// list, containers, inspect (Id, Created, RootFS, Metadata only) and history of every image, the blobs
// of one export of every image (sizes; the JSON of manifests and indexes, of configs only history and
// rootfs), /system/df before and after, and the prune's answer.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { extract } from 'tar-stream';

const dir = process.env.STRATA_SANDBOX_DIR ?? '/tmp/strata-sbx';
const socket = `${dir}/docker.sock`;
if (process.env.DOCKER_HOST !== `unix://${socket}`) {
  console.error(`refusing: DOCKER_HOST='${process.env.DOCKER_HOST ?? '<unset>'}' is not the sandbox engine (unix://${socket}).`);
  process.exit(3);
}
const out = process.argv[2];
if (!out) {
  console.error('usage: record-prune-fixtures.mjs OUTDIR');
  process.exit(2);
}

function request(method, url, { stream = false } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: socket, method, path: url }, (res) => {
      if (stream) return resolve(res);
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 500) >= 400) reject(new Error(`${method} ${url}: ${res.statusCode} ${text}`));
        else resolve(text ? JSON.parse(text) : null);
      });
    });
    req.on('error', reject);
    req.end();
  });
}
const get = (url) => request('GET', url);
const q = (value) => encodeURIComponent(JSON.stringify(value));

/** Keys sorted, so a re-recording diffs cleanly. */
const sorted = (value) =>
  Array.isArray(value)
    ? value.map(sorted)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, sorted(value[key])]),
        )
      : value;
function save(phase, name, value) {
  mkdirSync(path.join(out, phase), { recursive: true });
  writeFileSync(path.join(out, phase, `${name}.json`), `${JSON.stringify(sorted(value), null, 1)}\n`);
  console.error(`[record] ${path.join(out, phase, name)}.json`);
}

function build(tag, dockerfile) {
  execFileSync('docker', ['build', '-q', '-t', tag, '-'], {
    input: dockerfile,
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
}

async function exportBlobs(ids) {
  const archive = await request('GET', `/images/get?${ids.map((id) => `names=${encodeURIComponent(id)}`).join('&')}`, { stream: true });
  const sizes = {};
  const json = {};
  const tar = extract();
  await new Promise((resolve, reject) => {
    tar.on('entry', (header, stream, next) => {
      const blob = /^blobs\/([a-z0-9]+)\/([a-f0-9]+)$/.exec(header.name);
      // The classic store's legacy layout names each config `<id>.json`.
      const legacy = /^([a-f0-9]{64})\.json$/.exec(header.name);
      const digest = blob ? `${blob[1]}:${blob[2]}` : legacy ? `sha256:${legacy[1]}` : null;
      if (blob) sizes[digest] = header.size;
      const chunks = [];
      stream.on('data', (chunk) => digest && header.size <= 1024 * 1024 && chunks.push(chunk));
      stream.on('end', () => {
        const body = Buffer.concat(chunks);
        if (digest && body[0] === 0x7b) {
          try {
            const parsed = JSON.parse(body.toString('utf8'));
            // Of a config, only what a plan reads (empty_layer flags, diff IDs); manifests stay whole.
            json[digest] = parsed.rootfs ? { history: parsed.history, rootfs: parsed.rootfs } : parsed;
          } catch {
            // not JSON after all
          }
        }
        next();
      });
    });
    tar.on('finish', resolve);
    tar.on('error', reject);
    archive.pipe(tar);
  });
  return { sizes, json };
}

async function record(phase, version) {
  const manifests = Number(version.split('.')[1]) >= 47;
  const list = await get(`/images/json?all=1${manifests ? '&manifests=1' : ''}`);
  const ids = list.map((image) => image.Id);
  save(phase, 'images_json_all_1', list);
  save(phase, 'images_json_all_1_dangling', await get(`/images/json?all=1&filters=${q({ dangling: ['true'] })}`));
  save(phase, 'containers_json_all_1', await get('/containers/json?all=1'));
  const inspect = {};
  const history = {};
  for (const id of ids) {
    const raw = await get(`/images/${id}/json`);
    inspect[id] = { Created: raw.Created, Id: raw.Id, Metadata: raw.Metadata, RootFS: raw.RootFS };
    history[id] = await get(`/images/${id}/history`);
  }
  save(phase, 'inspect', inspect);
  save(phase, 'history', history);
  save(phase, 'export', await exportBlobs(ids));
  save(phase, 'system_df_before', await get('/system/df'));
  const filters = { dangling: [phase === 'dangling' ? 'true' : 'false'], 'label!': ['strata.keep'] };
  save(phase, 'images_prune', await request('POST', `/images/prune?filters=${q(filters)}`));
  save(phase, 'system_df_after', await get('/system/df'));
}

const version = (await get('/version')).ApiVersion;
save('.', 'version', await get('/version'));
build('strata-record/keep:1', 'FROM strata-fixture/base:1\nLABEL strata.keep=true\nRUN echo keep > /keep\n');
for (const n of [1, 2]) build('strata-record/rebuild:1', `FROM strata-fixture/base:1\nENV N=${n}\nRUN echo ${n} > /n\n`);
execFileSync('docker', ['tag', 'strata-fixture/used:1', 'strata-record/used:extra']);
await record('dangling', version);
await record('unused', version);
