import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contextId, discoverEngines, parseStrataEngines, printableAddress } from '@/lib/docker/engine/engines';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A DOCKER_CONFIG laid out the way `docker context create` writes one. */
function dockerConfig(contexts: { name: string; host: string; skip?: boolean; tls?: string[] }[], current?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-ctx-'));
  dirs.push(dir);
  for (const context of contexts) {
    const meta = path.join(dir, 'contexts', 'meta', contextId(context.name));
    fs.mkdirSync(meta, { recursive: true });
    const endpoint = { Host: context.host, SkipTLSVerify: context.skip ?? false };
    fs.writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: context.name, Metadata: {}, Endpoints: { docker: endpoint } }));
    if (context.tls) {
      const tls = path.join(dir, 'contexts', 'tls', contextId(context.name), 'docker');
      fs.mkdirSync(tls, { recursive: true });
      for (const file of context.tls) fs.writeFileSync(path.join(tls, file), 'PEM');
    }
  }
  if (current) fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ currentContext: current, auths: {} }));
  return dir;
}

describe('discoverEngines', () => {
  it('names the context directory as the CLI does: the SHA-256 of the name', () => {
    expect(contextId('default')).toBe('37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f');
  });

  it('lists default and every context, the current one from config.json, TLS files as paths', () => {
    const config = dockerConfig(
      [
        { name: 'build-box', host: 'ssh://ci@10.0.0.5' },
        { name: 'prod', host: 'tcp://prod.example:2376', tls: ['ca.pem', 'cert.pem', 'key.pem'] },
      ],
      'prod',
    );
    const engines = discoverEngines({ DOCKER_CONFIG: config });
    expect(engines.map((engine) => [engine.name, engine.source, engine.current])).toEqual([
      ['default', 'env', false],
      ['build-box', 'context', false],
      ['prod', 'context', true],
    ]);
    const prod = engines.find((engine) => engine.name === 'prod')!;
    expect(prod.tls?.key).toBe(path.join(config, 'contexts', 'tls', contextId('prod'), 'docker', 'key.pem'));
    expect(prod.tls?.skipVerify).toBe(false);
    expect(engines[0]!.address).toBe('unix:///var/run/docker.sock');
  });

  it('lets DOCKER_HOST win over any context, and DOCKER_CONTEXT over config.json', () => {
    const config = dockerConfig(
      [
        { name: 'a', host: 'unix:///a.sock' },
        { name: 'b', host: 'unix:///b.sock' },
      ],
      'a',
    );
    expect(discoverEngines({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'b' }).find((e) => e.current)?.name).toBe('b');
    const withHost = discoverEngines({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'b', DOCKER_HOST: 'tcp://127.0.0.1:2375' });
    expect(withHost.find((e) => e.current)).toMatchObject({ name: 'default', address: 'tcp://127.0.0.1:2375', source: 'env' });
  });

  it('reads DOCKER_TLS_VERIFY as the CLI does: any value checks the server, DOCKER_CERT_PATH alone is no TLS', () => {
    const certs = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-certs-'));
    dirs.push(certs);
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) fs.writeFileSync(path.join(certs, file), 'PEM');
    const host = 'tcp://10.0.0.5:2376';
    const withVerify = discoverEngines({ DOCKER_HOST: host, DOCKER_TLS_VERIFY: 'true', DOCKER_CERT_PATH: certs })[0]!;
    expect(withVerify.tls).toMatchObject({ skipVerify: false, ca: path.join(certs, 'ca.pem') });
    expect(discoverEngines({ DOCKER_HOST: host, DOCKER_CERT_PATH: certs })[0]!.tls).toBeNull();
    expect(discoverEngines({ DOCKER_HOST: host, DOCKER_TLS: '1', DOCKER_CERT_PATH: certs })[0]!.tls?.skipVerify).toBe(true);
  });

  it('adds STRATA_ENGINES, a context keeping its name when both have it', () => {
    const config = dockerConfig([{ name: 'lab', host: 'unix:///lab.sock' }]);
    const engines = discoverEngines({ DOCKER_CONFIG: config, STRATA_ENGINES: 'lab=unix:///other.sock, edge=ssh://me@edge:2222' });
    expect(engines.map((e) => [e.name, e.address, e.source])).toEqual([
      ['default', 'unix:///var/run/docker.sock', 'env'],
      ['lab', 'unix:///lab.sock', 'context'],
      ['edge', 'ssh://me@edge:2222', 'config'],
    ]);
  });

  it('skips a context with no docker endpoint or an unreadable meta.json, and an unknown current one', () => {
    const config = dockerConfig([{ name: 'ok', host: 'unix:///ok.sock' }], 'gone');
    const broken = path.join(config, 'contexts', 'meta', contextId('broken'));
    fs.mkdirSync(broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'meta.json'), '{not json');
    const engines = discoverEngines({ DOCKER_CONFIG: config });
    expect(engines.map((e) => e.name)).toEqual(['default', 'ok']);
    expect(engines.find((e) => e.current)?.name).toBe('default');
  });

  it('leaves out a malformed STRATA_ENGINES entry, saying so in the log without its address', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(parseStrataEngines('x=http://secret@host, ok=unix:///a.sock, =unix:///b').map((e) => e.name)).toEqual(['ok']);
    expect(warn.mock.calls.map((call) => String(call[0])).join('\n')).toMatch(/"x=…"/);
    expect(warn.mock.calls.map((call) => String(call[0])).join('\n')).not.toMatch(/secret/);
    warn.mockRestore();
    expect(parseStrataEngines('')).toEqual([]);
  });

  it('never prints a password in an address', () => {
    expect(printableAddress('ssh://me:hunter2@host:22')).toBe('ssh://me@host:22');
  });
});
