// Strata itself over the real transports, through Docker contexts the CLI writes: the sandbox engine
// on tcp:// with TLS client certificates (STRATA_SANDBOX_TLS_PORT, scripts/sandbox.sh) and over ssh (an
// sshd of this file's own, tests/support/sshd.ts). The right credentials reach the sandbox; wrong ones
// are refused in words that name no file; no key or certificate ever appears in an answer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getEngines } from '@/app/api/engines/route';
import { GET as getImages } from '@/app/api/images/route';
import { GET as getInventory } from '@/app/api/inventory/route';
import type { EnginesResponse } from '@/lib/api/engines';
import { writeContext } from '../support/contexts';
import { engineGet, requireSandbox, SANDBOX_DIR, SANDBOX_SOCKET } from '../support/sandbox';
import { freePort } from '../support/ports';
import { startSshd, type Sshd } from '../support/sshd';
import { makeTlsMaterial } from '../support/tls';

const TLS_PORT = process.env.STRATA_SANDBOX_TLS_PORT;
const TLS_DIR = process.env.STRATA_SANDBOX_TLS_DIR ?? `${SANDBOX_DIR}/tls`;
const ctx = { params: Promise.resolve({}) };
const get = (url: string) => new Request(`http://localhost:3000${url}`);
// Key and certificate content, and the paths where the context and the user keep them.
const SECRET_MARKERS =
  /BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)|OPENSSH PRIVATE|ssh-ed25519 AAAA|contexts\/tls|strata-remote-|\.ssh\/id_ed25519/;

async function engines(): Promise<Record<string, EnginesResponse['engines'][number]>> {
  const response = await getEngines(get('/api/engines'), ctx);
  const text = await response.text();
  expect(text).not.toMatch(SECRET_MARKERS);
  return Object.fromEntries((JSON.parse(text) as EnginesResponse).engines.map((engine) => [engine.name, engine]));
}

// Over ssh every call is a session on the far host (here its shell start-up costs most of a second): generous limits.
describe.runIf(TLS_PORT)('Strata over TLS and ssh', { timeout: 90_000 }, () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-remote-'));
  const config = path.join(base, 'docker-config');
  const home = path.join(base, 'home');
  const saved = {
    DOCKER_CONFIG: process.env.DOCKER_CONFIG,
    HOME: process.env.HOME,
    SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK,
    STRATA_ENGINES: process.env.STRATA_ENGINES,
    STRATA_ENGINE_TIMEOUT_MS: process.env.STRATA_ENGINE_TIMEOUT_MS,
  };
  let sshd: Sshd;

  beforeAll(async () => {
    requireSandbox();
    const tls = makeTlsMaterial(TLS_DIR);
    sshd = await startSshd({ dir: path.join(base, 'sshd'), port: await freePort(), dockerSocket: SANDBOX_SOCKET });
    const tcp = `tcp://127.0.0.1:${TLS_PORT}`;
    writeContext(config, { name: 'tls-box', host: tcp, ...tls.client });
    writeContext(config, { name: 'wrong-cert', host: tcp, ...tls.wrongClient });
    writeContext(config, { name: 'ssh-box', host: `ssh://${sshd.user}@127.0.0.1:${sshd.port}` });
    // The user's own ssh setup, as the ssh client keeps it: a key and the host's key in known_hosts.
    fs.mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
    fs.copyFileSync(sshd.privateKeyPath, path.join(home, '.ssh', 'id_ed25519'));
    fs.writeFileSync(path.join(home, '.ssh', 'known_hosts'), `${sshd.knownHostsLine}\n`);
    process.env.DOCKER_CONFIG = config;
    process.env.HOME = home;
    delete process.env.SSH_AUTH_SOCK;
    delete process.env.STRATA_ENGINES;
    // This machine's sshd takes most of a second to start each session, and a list queues a dozen.
    process.env.STRATA_ENGINE_TIMEOUT_MS = '30000';
  });

  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await sshd?.stop();
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('reaches the sandbox over TLS with the context’s certificates, and refuses the wrong ones in words', async () => {
    const found = await engines();
    const api = engineGet<{ ApiVersion: string }>('/version').ApiVersion;
    expect(found['tls-box']).toMatchObject({ source: 'context', transport: 'tls', reachable: true, apiVersion: api, error: null });
    expect(found['wrong-cert']).toMatchObject({ transport: 'tls', reachable: false, error: { code: 'engine_unreachable' } });
    expect(found['wrong-cert']!.error!.message).toMatch(/refused Strata's TLS client certificate/);
  });

  it('reaches the sandbox over ssh with the user’s key and known host', async () => {
    const found = await engines();
    expect(found['ssh-box']).toMatchObject({ transport: 'ssh', reachable: true, address: `ssh://${sshd.user}@127.0.0.1:${sshd.port}` });
    // A page's worth of calls at once (the list reads each image's layers): one ssh connection carries
    // them, on at most 8 channels that each carry call after call (a session costs a second or more here).
    const before = sshd.sessions();
    const response = await getImages(get('/api/images?engine=ssh-box'), ctx);
    expect(response.status).toBe(200);
    const { images } = await response.json();
    expect(images.length).toBe(engineGet<unknown[]>('/images/json').length);
    expect(sshd.sessions() - before).toBeLessThanOrEqual(8);
    // …and sessions are counted at all (the probes above opened some).
    expect(sshd.sessions()).toBeGreaterThan(0);
  });

  it('counts the same engine reached three ways as one content held three times', async () => {
    const inventory = await (await getInventory(get('/api/inventory'), ctx)).json();
    const base = inventory.rows.find((row: { tags: string[] }) => row.tags.includes('strata-fixture/base:1'));
    expect(base.placements.map((placement: { engine: string }) => placement.engine)).toEqual(['default', 'ssh-box', 'tls-box']);
    expect(inventory.drift).toEqual([]);
  });

  it('refuses an ssh host whose key is not in known_hosts, and a key the host does not know', async () => {
    writeContext(config, { name: 'ssh-unknown-host', host: `ssh://${sshd.user}@localhost:${sshd.port}` });
    expect((await engines())['ssh-unknown-host']).toMatchObject({ reachable: false, error: { code: 'engine_unreachable' } });
    expect((await engines())['ssh-unknown-host']!.error!.message).toMatch(/not in ~\/\.ssh\/known_hosts/);

    fs.copyFileSync(sshd.badKeyPath, path.join(home, '.ssh', 'id_ed25519'));
    writeContext(config, { name: 'ssh-bad-key', host: `ssh://${sshd.user}@127.0.0.1:${sshd.port}` });
    const refused = (await engines())['ssh-bad-key']!;
    expect(refused).toMatchObject({ reachable: false, error: { code: 'engine_unreachable' } });
    expect(refused.error!.message).toMatch(/refused every key Strata offered/);
    fs.copyFileSync(sshd.privateKeyPath, path.join(home, '.ssh', 'id_ed25519'));
  });

  it('says which engine failed, and only that one, when its answer is an error', async () => {
    const response = await getImages(get('/api/images?engine=wrong-cert'), ctx);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(text).not.toMatch(SECRET_MARKERS);
    expect(JSON.parse(text).error.message).toMatch(/Engine "wrong-cert"/);
    expect((await getImages(get('/api/images?engine=tls-box'), ctx)).status).toBe(200);
  });
});
