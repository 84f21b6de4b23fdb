// The registry for the registry benchmark (scripts/bench/registries.mjs): Debian's distribution registry
// with no auth on a port and storage of its own, and its seeding: one image pushed through the API, then
// repositories and tags written as the registry's own storage layout (links to that image's blobs), which
// it serves as if each had been pushed.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const REGISTRY_PORT = Number(process.env.BENCH_REGISTRY_PORT ?? 5590);
export const HOST = `127.0.0.1:${REGISTRY_PORT}`;
const ROOT = process.env.BENCH_REGISTRY_DIR ?? '/tmp/strata-bench-registry';
const V2 = path.join(ROOT, 'storage/docker/registry/v2');
export const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';

const sha = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const write = (file, content) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
};

export function startRegistry() {
  mkdirSync(ROOT, { recursive: true });
  const config = path.join(ROOT, 'config.yml');
  writeFileSync(
    config,
    `version: 0.1\nlog: { level: error }\nstorage: { filesystem: { rootdirectory: ${ROOT}/storage }, delete: { enabled: true } }\nhttp: { addr: ${HOST} }\n`,
  );
  return spawn('/usr/bin/docker-registry', ['serve', config], { stdio: 'ignore' });
}

export async function waitFor(url) {
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
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2026-11-01T00:00:00Z',
      rootfs: { type: 'layers', diff_ids: [sha(layer)] },
    }),
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
  const put = await fetch(`http://${HOST}/v2/seed/app/manifests/1`, {
    method: 'PUT',
    body: manifest,
    headers: { 'content-type': MANIFEST_TYPE },
  });
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

export async function seed(repositories, tags) {
  const marker = path.join(ROOT, `seeded-${repositories}-${tags}`);
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8'));
  const image = await pushSeedImage();
  const started = Date.now();
  for (let i = 0; i < repositories; i++)
    writeRepository(`team-${String(i % 100).padStart(2, '0')}/app-${String(i).padStart(5, '0')}`, ['1'], image);
  writeRepository(
    'big/tags',
    Array.from({ length: tags }, (_, i) => `v${Math.floor(i / 100)}.${i % 100}`),
    image,
  );
  console.log(
    `seeded ${REPOSITORIES.toLocaleString('en')} repositories and ${TAGS.toLocaleString('en')} tags in ${Date.now() - started} ms`,
  );
  writeFileSync(marker, JSON.stringify(image));
  return image;
}
