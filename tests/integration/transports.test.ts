// The three ways Strata reaches an engine, over real transports on loopback, straight through dockerode:
// TLS with client certificates (the sandbox's tcp://127.0.0.1 listener, scripts/sandbox.sh with
// STRATA_SANDBOX_TLS_PORT), ssh (an sshd of this file's own whose key may only run
// `docker system dial-stdio` against the sandbox, tests/support/sshd.ts), and Docker contexts written by
// the docker CLI (tests/support/contexts.ts). Each transport must reach THE sandbox engine (same engine
// ID as over its unix socket) and refuse the wrong credentials.
// Env: STRATA_SANDBOX_TLS_PORT (the TLS tests are skipped without it: the sandbox was started without a
// TLS listener), STRATA_SANDBOX_TLS_DIR (default $STRATA_SANDBOX_DIR/tls), STRATA_TEST_SSH_PORT (default: a
// free port), STRATA_TEST_TRANSPORT_DIR (where sshd, agent and contexts live; default a new /tmp folder).
import Docker from 'dockerode';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contextPaths, useContext, writeContext } from '../support/contexts';
import { engineGet, SANDBOX_DIR, SANDBOX_HOST, SANDBOX_SOCKET } from '../support/sandbox';
import { startSshAgent, type SshAgent } from '../support/ssh-agent';
import { freePort } from '../support/ports';
import { startSshd, type Sshd } from '../support/sshd';
import { makeTlsMaterial } from '../support/tls';

const TLS_PORT = process.env.STRATA_SANDBOX_TLS_PORT ? Number(process.env.STRATA_SANDBOX_TLS_PORT) : undefined;
const TLS_DIR = process.env.STRATA_SANDBOX_TLS_DIR ?? `${SANDBOX_DIR}/tls`;
const OWN_BASE = !process.env.STRATA_TEST_TRANSPORT_DIR;
const BASE = process.env.STRATA_TEST_TRANSPORT_DIR ?? mkdtempSync('/tmp/strata-transports-');
// A folder this file made for itself goes with it; a named one stays for a look at sshd.log.
afterAll(() => {
  if (OWN_BASE) rmSync(BASE, { recursive: true, force: true });
});

/** The sandbox engine's own ID, read over its unix socket: what every transport must lead to. */
const sandboxEngineId = () => engineGet<{ ID: string }>('/info').ID;

/** A TLS client from a folder holding ca.pem, cert.pem and key.pem (as DOCKER_CERT_PATH does). */
function tlsClient(certDir: string, files: { cert?: boolean } = { cert: true }): Docker {
  return new Docker({
    protocol: 'https',
    host: '127.0.0.1',
    port: TLS_PORT,
    ca: readFileSync(path.join(certDir, 'ca.pem')),
    ...(files.cert ? { cert: readFileSync(path.join(certDir, 'cert.pem')), key: readFileSync(path.join(certDir, 'key.pem')) } : {}),
  });
}

test('scripts/tls-certs.sh: a loopback server certificate and client certificates, from two CAs', () => {
  const made = makeTlsMaterial(path.join(BASE, 'tls'));
  const ca = new X509Certificate(readFileSync(made.server.ca));
  const server = new X509Certificate(readFileSync(made.server.cert));
  expect(server.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
  expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth
  expect(server.verify(ca.publicKey)).toBe(true);
  const client = new X509Certificate(readFileSync(made.client.cert));
  expect(client.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']); // clientAuth
  expect(client.verify(ca.publicKey)).toBe(true);
  const wrong = new X509Certificate(readFileSync(made.wrongClient.cert));
  expect(wrong.verify(ca.publicKey)).toBe(false);
  expect(wrong.verify(new X509Certificate(readFileSync(made.wrong.ca)).publicKey)).toBe(true);
  expect(readFileSync(made.wrongClient.ca, 'utf8')).toBe(readFileSync(made.server.ca, 'utf8'));
});

describe.skipIf(TLS_PORT === undefined)('TLS: tcp://127.0.0.1 with --tlsverify (needs STRATA_SANDBOX_TLS_PORT)', () => {
  test('the sandbox client certificate reaches the sandbox engine', async () => {
    const engine = tlsClient(path.join(TLS_DIR, 'client'));
    const version = await engine.version();
    expect(version.ApiVersion).toBe(engineGet<{ ApiVersion: string }>('/version').ApiVersion);
    expect((await engine.info()).ID).toBe(sandboxEngineId());
  });

  test('the engine refuses a client certificate from another CA, in the handshake', async () => {
    // The client trusts the engine (right ca.pem); only its own certificate is wrong. Go's TLS answers
    // "bad certificate" (20.10) or "unknown ca" (28.5): OpenSSL's alert codes in Node.
    await expect(tlsClient(path.join(TLS_DIR, 'wrong-client')).version()).rejects.toMatchObject({
      code: expect.stringMatching(/^ERR_SSL_(SSLV3_ALERT_BAD_CERTIFICATE|TLSV1_ALERT_UNKNOWN_CA)$/),
    });
  });

  // 20.10 sends "bad certificate", 28.5 TLS 1.3's "certificate required".
  test('the engine refuses a client without a certificate', async () => {
    await expect(tlsClient(path.join(TLS_DIR, 'client'), { cert: false }).version()).rejects.toMatchObject({
      code: expect.stringMatching(/^ERR_SSL_(SSLV3_ALERT_BAD_CERTIFICATE|TLSV13_ALERT_CERTIFICATE_REQUIRED)$/),
    });
  });

  test('a client with another CA does not trust the engine', async () => {
    await expect(tlsClient(path.join(TLS_DIR, 'wrong')).version()).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });
});

describe('ssh: dockerode runs docker system dial-stdio through an sshd of our own', () => {
  let sshd: Sshd;
  let agent: SshAgent | undefined;

  beforeAll(async () => {
    const port = process.env.STRATA_TEST_SSH_PORT ? Number(process.env.STRATA_TEST_SSH_PORT) : await freePort();
    sshd = await startSshd({ dir: path.join(BASE, 'sshd'), port, dockerSocket: SANDBOX_SOCKET });
  });
  afterAll(async () => {
    await agent?.stop();
    await sshd?.stop();
  });

  const sshClient = (sshOptions: Record<string, unknown>, username = sshd.user) =>
    new Docker({ protocol: 'ssh', host: '127.0.0.1', port: sshd.port, username, sshOptions } as Docker.DockerOptions);

  test('the authorized key reaches the sandbox engine', async () => {
    const engine = sshClient({ privateKey: readFileSync(sshd.privateKeyPath) });
    expect((await engine.version()).ApiVersion).toBe(engineGet<{ ApiVersion: string }>('/version').ApiVersion);
    expect((await engine.info()).ID).toBe(sandboxEngineId());
  });

  test('a key sshd does not know is refused', async () => {
    await expect(sshClient({ privateKey: readFileSync(sshd.badKeyPath) }).version()).rejects.toMatchObject({
      level: 'client-authentication',
      message: 'All configured authentication methods failed',
    });
  });

  test('the authorized key is refused for another user', async () => {
    await expect(sshClient({ privateKey: readFileSync(sshd.privateKeyPath) }, 'nobody').version()).rejects.toMatchObject({
      level: 'client-authentication',
    });
  });

  test('the host key from knownHostsLine is the one sshd shows; another is denied', async () => {
    const known = Buffer.from(sshd.knownHostsLine.split(' ')[2] ?? '', 'base64');
    const matching = (key: Buffer) => key.equals(known);
    const engine = sshClient({ privateKey: readFileSync(sshd.privateKeyPath), hostVerifier: matching });
    expect((await engine.info()).ID).toBe(sandboxEngineId());
    const other = Buffer.from(readFileSync(`${sshd.badKeyPath}.pub`, 'utf8').split(' ')[1] ?? '', 'base64');
    const denying = sshClient({ privateKey: readFileSync(sshd.privateKeyPath), hostVerifier: (key: Buffer) => key.equals(other) });
    await expect(denying.version()).rejects.toMatchObject({ level: 'handshake', message: 'Host denied (verification failed)' });
  });

  test('an ssh-agent holding the key logs in; an empty one does not', async () => {
    agent = await startSshAgent(path.join(BASE, 'agent.sock'));
    await expect(sshClient({ agent: agent.socket }).version()).rejects.toMatchObject({ level: 'client-authentication' });
    agent.add(sshd.privateKeyPath);
    expect((await sshClient({ agent: agent.socket }).info()).ID).toBe(sandboxEngineId());
  });
});

describe('Docker contexts, as the docker CLI writes them', () => {
  const configDir = path.join(BASE, 'docker-config');
  // The CLI on this config folder alone: a DOCKER_HOST would win over its current context.
  const cliEnv = () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: configDir };
    delete env.DOCKER_HOST;
    delete env.DOCKER_CONTEXT;
    return env;
  };
  beforeAll(() => {
    rmSync(configDir, { recursive: true, force: true });
    mkdirSync(configDir, { recursive: true });
  });

  test('a unix context and an ssh context: meta.json names the host', () => {
    const unix = writeContext(configDir, { name: 'sandbox-unix', host: SANDBOX_HOST });
    const ssh = writeContext(configDir, { name: 'sandbox-ssh', host: 'ssh://root@127.0.0.1:2222' });
    expect(JSON.parse(readFileSync(unix.meta, 'utf8'))).toEqual({
      Name: 'sandbox-unix',
      Metadata: {},
      Endpoints: { docker: { Host: SANDBOX_HOST, SkipTLSVerify: false } },
    });
    expect(JSON.parse(readFileSync(ssh.meta, 'utf8')).Endpoints.docker.Host).toBe('ssh://root@127.0.0.1:2222');
    expect(existsSync(ssh.tlsDir)).toBe(false);
    useContext(configDir, 'sandbox-unix');
    expect(JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8')).currentContext).toBe('sandbox-unix');
    // The CLI itself, on that current context, reaches the sandbox.
    const id = execFileSync('docker', ['info', '--format', '{{.ID}}'], {
      encoding: 'utf8',
      env: cliEnv(),
    }).trim();
    expect(id).toBe(sandboxEngineId());
  });

  test.skipIf(TLS_PORT === undefined)('a TLS context: the CLI copies the certificates and reaches the engine with them', () => {
    const client = path.join(TLS_DIR, 'client');
    const files = { ca: `${client}/ca.pem`, cert: `${client}/cert.pem`, key: `${client}/key.pem` };
    const written = writeContext(configDir, { name: 'sandbox-tls', host: `tcp://127.0.0.1:${TLS_PORT}`, ...files });
    expect(written).toEqual(contextPaths(configDir, 'sandbox-tls'));
    expect(JSON.parse(readFileSync(written.meta, 'utf8')).Endpoints.docker).toEqual({
      Host: `tcp://127.0.0.1:${TLS_PORT}`,
      SkipTLSVerify: false,
    });
    for (const [name, file] of Object.entries(files)) {
      expect(readFileSync(path.join(written.tlsDir, `${name}.pem`), 'utf8')).toBe(readFileSync(file, 'utf8'));
    }
    const id = execFileSync('docker', ['--context', 'sandbox-tls', 'info', '--format', '{{.ID}}'], {
      encoding: 'utf8',
      env: cliEnv(),
    }).trim();
    expect(id).toBe(sandboxEngineId());
  });
});
