// Many engines: the two sandbox engines (this run's on DOCKER_HOST, the other kind through a Docker
// context the CLI writes), a stopped one and a hung one from STRATA_ENGINES, all asked through the real
// route handlers with `engine=`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getEngines } from '@/app/api/engines/route';
import { GET as getImages } from '@/app/api/images/route';
import { GET as getImage } from '@/app/api/images/[ref]/route';
import { GET as getHistory } from '@/app/api/images/[ref]/history/route';
import { GET as getInventory } from '@/app/api/inventory/route';
import { POST as copy } from '@/app/api/images/[ref]/copy/route';
import { POST as prune } from '@/app/api/prune/route';
import type { EnginesResponse } from '@/lib/api/engines';
import type { InventoryResponse } from '@/lib/api/inventory';
import { writeContext } from '../support/contexts';
import { engineGet, requireSandbox, SANDBOX_HOST } from '../support/sandbox';

const OTHER_DIR = process.env.STRATA_OTHER_SANDBOX_DIR;
const OTHER_SOCKET = `${OTHER_DIR}/docker.sock`;
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const get = (url: string) => new Request(`http://localhost:3000${url}`);
const post = (url: string, body: unknown) =>
  new Request(`http://localhost:3000${url}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
  });
const dockerOn = (host: string, ...args: string[]) =>
  execFileSync('docker', args, {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_HOST: host, DOCKER_BUILDKIT: '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  }).trim();
const dockerInput = (host: string, input: string, ...args: string[]) =>
  execFileSync('docker', args, {
    input,
    encoding: 'utf8',
    env: { ...process.env, DOCKER_HOST: host, DOCKER_BUILDKIT: '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  }).trim();
const tagsOn = (socket: string) =>
  engineGet<{ RepoTags: string[] | null }[]>('/images/json', socket).flatMap((image) => image.RepoTags ?? []);

describe.runIf(OTHER_DIR)('many engines', () => {
  const saved = { DOCKER_CONFIG: process.env.DOCKER_CONFIG, STRATA_ENGINES: process.env.STRATA_ENGINES };
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-engines-'));
  const hungSocket = path.join(config, 'hung.sock');
  const hung = net.createServer(() => {
    // Accepts and never answers: a stuck engine.
  });
  const marker = `m${Date.now()}`;
  const otherHost = `unix://${OTHER_SOCKET}`;

  beforeAll(async () => {
    requireSandbox();
    await new Promise<void>((resolve) => hung.listen(hungSocket, resolve));
    // The context as the Docker CLI writes it, in a DOCKER_CONFIG of the test's own.
    writeContext(config, { name: 'other', host: otherHost });
    process.env.DOCKER_CONFIG = config;
    process.env.STRATA_ENGINES = `gone=unix://${config}/gone.sock,hung=unix://${hungSocket}`;
  });

  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    hung.close();
    for (const host of [SANDBOX_HOST, otherHost]) {
      try {
        dockerOn(host, 'rmi', '-f', `strata-copy/${marker}:1`, `strata-copy/${marker}:extra`);
      } catch {
        // not there
      }
    }
    fs.rmSync(config, { recursive: true, force: true });
  });

  it('lists every engine with its version and store, and says which do not answer, within their limit', async () => {
    const started = Date.now();
    const { engines } = (await (await getEngines(get('/api/engines'), ctx({}))).json()) as EnginesResponse;
    expect(Date.now() - started).toBeLessThan(9_000);
    const byName = Object.fromEntries(engines.map((engine) => [engine.name, engine]));
    expect(Object.keys(byName).sort()).toEqual(['default', 'gone', 'hung', 'other']);
    expect(byName.default).toMatchObject({ current: true, source: 'env', reachable: true, transport: 'unix', address: SANDBOX_HOST });
    expect(byName.default!.apiVersion).toBe(engineGet<{ ApiVersion: string }>('/version').ApiVersion);
    expect(byName.other).toMatchObject({ current: false, source: 'context', reachable: true });
    expect(byName.other!.apiVersion).toBe(engineGet<{ ApiVersion: string }>('/version', OTHER_SOCKET).ApiVersion);
    expect(byName.other!.imageStore).not.toBe(byName.default!.imageStore);
    expect(byName.gone).toMatchObject({ source: 'config', reachable: false, error: { code: 'engine_unreachable' } });
    expect(byName.hung).toMatchObject({ reachable: false, error: { code: 'engine_timeout' } });
  });

  it('answers the list, detail and history of the engine a request names', async () => {
    dockerOn(otherHost, 'tag', 'strata-fixture/base:1', `strata-copy/${marker}:extra`);
    const { images } = await (await getImages(get('/api/images?engine=other'), ctx({}))).json();
    const raw = engineGet<{ Id: string }[]>('/images/json', OTHER_SOCKET);
    expect(images.map((image: { id: string }) => image.id).sort()).toEqual(raw.map((image) => image.Id).sort());
    const ref = `strata-copy/${marker}:extra`;
    expect((await getImage(get(`/api/images/x?engine=other`), ctx({ ref }))).status).toBe(200);
    expect((await getImage(get(`/api/images/x`), ctx({ ref }))).status).toBe(404);
    const history = await getHistory(get(`/api/images/x/history?engine=other`), ctx({ ref }));
    expect(history.status).toBe(200);
    dockerOn(otherHost, 'rmi', ref);
  });

  it('previews a prune on the engine named, and only there', async () => {
    const response = await prune(post('/api/prune?engine=other', { target: 'unused', dryRun: true }), ctx({}));
    expect(response.status).toBe(200);
    const preview = (await response.json()) as { images: { id: string }[]; keep: { id: string }[] };
    const otherIds = new Set(engineGet<{ Id: string }[]>('/images/json?all=1', OTHER_SOCKET).map((image) => image.Id));
    for (const image of [...preview.images, ...preview.keep]) expect(otherIds.has(image.id), image.id).toBe(true);
  });

  it('refuses an engine name that is malformed (400) or unknown (404), changing nothing', async () => {
    const bad = await getImages(get('/api/images?engine=..%2Fx'), ctx({}));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_input');
    const unknown = await getImages(get('/api/images?engine=nope'), ctx({}));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toMatch(/no engine named "nope"/);
  });

  it('inventories both engines, calls the separately built fixtures drift, and leaves the dead ones out quickly', async () => {
    const started = Date.now();
    const inventory = (await (await getInventory(get('/api/inventory'), ctx({}))).json()) as InventoryResponse;
    expect(Date.now() - started).toBeLessThan(30_000);
    const byEngine = Object.fromEntries(inventory.engines.map((engine) => [engine.engine, engine]));
    expect(byEngine.default!.reachable && byEngine.other!.reachable).toBe(true);
    expect(byEngine.hung!.error?.code).toBe('engine_timeout');
    expect(byEngine.gone!.error?.code).toBe('engine_unreachable');
    expect(byEngine.other!.images).toBe(engineGet<unknown[]>('/images/json', OTHER_SOCKET).length);
    // Each sandbox imported its own base image, at its own time: the same tag, other content.
    const base = inventory.drift.find((entry) => entry.tag === 'strata-fixture/base:1');
    expect(base?.variants.map((variant) => variant.engines).sort()).toEqual([['default'], ['other']]);
    expect(inventory.totals.diskUsed).toBe(byEngine.default!.diskUsed + byEngine.other!.diskUsed);
  });

  it('copies an image from the other engine here: same config, same tags, one inventory row on both', async () => {
    const tag = `strata-copy/${marker}:1`;
    dockerInput(otherHost, `FROM strata-fixture/base:1\nLABEL strata.copy=${marker}\n`, 'build', '-q', '-t', tag, '-');
    dockerOn(otherHost, 'tag', tag, `strata-copy/${marker}:extra`);
    const configDigest = (dockerOn(otherHost, 'image', 'inspect', '--format', '{{.Id}}', tag) as string).trim();
    const otherIsClassic = engineGet<{ Driver: string }>('/info', OTHER_SOCKET).Driver !== 'overlayfs';

    const response = await copy(post('/api/images/x/copy?engine=other', { to: 'default' }), ctx({ ref: tag }));
    expect(response.status).toBe(200);
    const events = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.find((event) => event.kind === 'error')).toBeUndefined();
    expect(events[0]).toMatchObject({ kind: 'start', from: 'other', to: 'default' });
    const done = events.at(-1);
    expect(done.kind).toBe('done');
    expect(done.bytes).toBeGreaterThan(0);
    expect(tagsOn(`${process.env.STRATA_SANDBOX_DIR}/docker.sock`)).toEqual(expect.arrayContaining([tag, `strata-copy/${marker}:extra`]));

    // The copy's config is the original's, byte for byte: its digest, read from this engine's own save.
    const manifest = JSON.parse(
      execFileSync('sh', ['-c', `docker save ${tag} | tar -xOf - manifest.json`], {
        encoding: 'utf8',
        env: { ...process.env, DOCKER_HOST: SANDBOX_HOST },
      }),
    ) as { Config: string }[];
    const savedConfig = manifest[0]!.Config.replace(/^blobs\/sha256\//, 'sha256:').replace(/^([a-f0-9]{64})\.json$/, 'sha256:$1');
    if (otherIsClassic) expect(savedConfig).toBe(configDigest);

    const inventory = (await (await getInventory(get('/api/inventory'), ctx({}))).json()) as InventoryResponse;
    const row = inventory.rows.find((candidate) => candidate.tags.includes(tag));
    expect(row?.placements.map((placement) => placement.engine)).toEqual(['default', 'other']);
    expect(inventory.drift.find((entry) => entry.tag === tag)).toBeUndefined();
  }, 120_000);

  it('copies the other way too, from this engine to the other: its tag arrives there', async () => {
    const tag = `strata-copy/${marker}:back`;
    dockerInput(SANDBOX_HOST, `FROM strata-fixture/base:1\nLABEL strata.copy.back=${marker}\n`, 'build', '-q', '-t', tag, '-');
    const response = await copy(post('/api/images/x/copy', { to: 'other' }), ctx({ ref: tag }));
    const events = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.at(-1)).toMatchObject({ kind: 'done' });
    expect(tagsOn(OTHER_SOCKET)).toContain(tag);
    for (const host of [SANDBOX_HOST, otherHost]) dockerOn(host, 'rmi', tag);
  }, 120_000);

  it('stops a copy on Cancel: the other engine keeps nothing of it, and the next copy may run', async () => {
    const tag = `strata-copy/${marker}:cancel`;
    // 64 MB of random bytes: long enough to cancel part way on a 2-core machine.
    execFileSync(
      'sh',
      [
        '-c',
        `d=$(mktemp -d) && head -c 64M /dev/urandom > "$d/blob" && tar -C "$d" -c blob | docker import - ${tag} >/dev/null; rm -rf "$d"`,
      ],
      {
        env: { ...process.env, DOCKER_HOST: otherHost },
      },
    );
    try {
      const controller = new AbortController();
      const response = await copy(
        new Request('http://localhost:3000/api/images/x/copy?engine=other', {
          method: 'POST',
          body: JSON.stringify({ to: 'default' }),
          headers: { 'Content-Type': 'application/json' },
          signal: controller.signal,
        }),
        ctx({ ref: tag }),
      );
      const reader = response.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toContain('"kind":"start"');
      controller.abort();
      await reader.cancel();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(tagsOn(`${process.env.STRATA_SANDBOX_DIR}/docker.sock`)).not.toContain(tag);
      // The destination's write lock is free again: a whole copy goes through.
      const again = await copy(post('/api/images/x/copy?engine=other', { to: 'default' }), ctx({ ref: tag }));
      expect((await again.text()).trim().split('\n').at(-1)).toContain('"done"');
    } finally {
      for (const host of [SANDBOX_HOST, otherHost]) {
        try {
          dockerOn(host, 'rmi', '-f', tag);
        } catch {
          // not there
        }
      }
    }
  }, 120_000);

  it('refuses a copy to the same engine or to one it does not know, before anything moves', async () => {
    const same = await copy(post('/api/images/x/copy?engine=other', { to: 'other' }), ctx({ ref: 'strata-fixture/base:1' }));
    expect(same.status).toBe(400);
    const unknown = await copy(post('/api/images/x/copy', { to: 'nowhere' }), ctx({ ref: 'strata-fixture/base:1' }));
    expect(unknown.status).toBe(404);
  });
});
