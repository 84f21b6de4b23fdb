// Debian's real docker-registry (distribution 2.8) in token mode, for Strata's Bearer flow: a small token
// issuer of the tests' own (GET /token, ES256 JWTs whose x5c certificate the registry trusts) and the
// registry beside it, both on 127.0.0.1, everything (key, certificate, config, storage, log) in one mkdtemp
// folder that stop() removes. Seeding goes through the registry's own API with tokens from the issuer.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, createPrivateKey, randomBytes, randomUUID, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { freePort } from './ports';

const REGISTRY = '/usr/bin/docker-registry';
export const TOKEN_SERVICE = 'strata-test';
export const TOKEN_ISSUER = 'strata-test-issuer';
export const TOKEN_USER = 'strata';
/** The one account's password: made once per test process, never a real credential. */
export const TOKEN_PASSWORD = randomBytes(12).toString('hex');

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';

export interface TokenRegistryOptions {
  /** False: the issuer never grants `registry:catalog:*`, as GHCR or ECR keep their list to themselves. */
  catalog?: boolean;
  /** The registry's `catalog.maxentries`: the largest `n=` it accepts on `_catalog` (distribution's default is 1000). */
  catalogMaxEntries?: number;
}

export interface IssuedToken {
  /** Who asked: the user, anonymous, or `refused` (a wrong login, answered 401). */
  who: 'strata' | 'anonymous' | 'refused';
  scopes: string[];
}

export interface Blob {
  mediaType: string;
  digest: string;
  size: number;
}

export interface PushedManifest extends Blob {
  bytes: Buffer;
  config: Blob;
  layers: Blob[];
}

export interface PushedIndex extends Blob {
  children: Array<PushedManifest & { platform: { os: string; architecture: string } }>;
}

export interface TokenRegistry {
  /** `127.0.0.1:port`, as Strata names the registry. */
  host: string;
  /** The issuer's token endpoint (the registry's realm). */
  realm: string;
  /** Every token request the issuer answered, in order. */
  issued: IssuedToken[];
  /** Repositories the issuer grants nothing on, to the user either, while they are in this set. */
  denied: Set<string>;
  /** Repositories the issuer grants the user `pull` on only (no push, no delete). */
  pullOnly: Set<string>;
  /** A token from the issuer, as the user (default) or anonymously (`null`). */
  token(scopes: string[], login?: { username: string; password: string } | null): Promise<string>;
  uploadBlob(repository: string, bytes: Buffer, mediaType: string): Promise<Blob>;
  /** A tiny image (config with architecture/os/created, one small layer) under the first tag, then the rest. */
  pushImage(repository: string, tags: string[], platform?: { os: string; architecture: string }): Promise<PushedManifest>;
  /** The same manifest under more tags: only the manifest PUT repeats. */
  tagManifest(repository: string, manifest: Blob & { bytes: Buffer }, tags: string[], concurrency?: number): Promise<void>;
  /** An OCI index of two platform manifests (linux/amd64, linux/arm64), the children pushed by digest. */
  pushIndex(repository: string, tag: string): Promise<PushedIndex>;
  stop(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

function makeCertificate(dir: string): { key: KeyObject; x5c: string; certPath: string } {
  const keyPath = path.join(dir, 'issuer.key');
  const certPath = path.join(dir, 'issuer.crt');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', `/CN=${TOKEN_ISSUER}`].concat(
      ['-keyout', keyPath, '-out', certPath],
    ),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return {
    key: createPrivateKey(readFileSync(keyPath)),
    x5c: new X509Certificate(readFileSync(certPath)).raw.toString('base64'),
    certPath,
  };
}

// What the issuer grants: the user everything on repositories (and the catalog, unless turned off),
// anonymous callers pull on `public/…` only, nothing else.
interface Policy {
  catalog: boolean;
  denied: Set<string>;
  pullOnly: Set<string>;
}
function grant(who: 'strata' | 'anonymous', scope: string, policy: Policy): { type: string; name: string; actions: string[] } | null {
  const [type = '', name = '', actions = ''] = [
    scope.slice(0, scope.indexOf(':')),
    scope.slice(scope.indexOf(':') + 1, scope.lastIndexOf(':')),
    scope.slice(scope.lastIndexOf(':') + 1),
  ];
  const asked = actions.split(',').filter(Boolean);
  if (type === 'registry' && name === 'catalog') {
    return who === 'strata' && policy.catalog ? { type, name, actions: asked.filter((action) => action === '*') } : null;
  }
  if (type !== 'repository' || !name) return null;
  if (policy.denied.has(name)) return { type, name, actions: [] };
  const allowed =
    who === 'strata' ? (policy.pullOnly.has(name) ? ['pull'] : ['pull', 'push', 'delete']) : name.startsWith('public/') ? ['pull'] : [];
  return { type, name, actions: asked.filter((action) => allowed.includes(action)) };
}

function startIssuer(key: KeyObject, x5c: string, policy: Policy, issued: IssuedToken[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://issuer.invalid');
    if (url.pathname !== '/token') {
      res.writeHead(404).end();
      return;
    }
    const scopes = url.searchParams.getAll('scope').flatMap((scope) => scope.split(' ').filter(Boolean));
    const auth = req.headers.authorization;
    let who: 'strata' | 'anonymous' = 'anonymous';
    if (auth) {
      const [user, ...rest] = Buffer.from(auth.replace(/^Basic\s+/i, ''), 'base64')
        .toString('utf8')
        .split(':');
      if (!/^Basic\s/i.test(auth) || user !== TOKEN_USER || rest.join(':') !== TOKEN_PASSWORD) {
        issued.push({ who: 'refused', scopes });
        res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ details: 'incorrect username or password' }));
        return;
      }
      who = 'strata';
    }
    issued.push({ who, scopes });
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'ES256', typ: 'JWT', x5c: [x5c] };
    const claims = {
      iss: TOKEN_ISSUER,
      sub: who === 'strata' ? TOKEN_USER : '',
      aud: url.searchParams.get('service') ?? TOKEN_SERVICE,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access: scopes.map((scope) => grant(who, scope, policy)).filter((entry) => entry !== null),
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
    const token = `${input}.${b64url(signature)}`;
    res
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date(now * 1000).toISOString() }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function waitForRegistry(base: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited (${child.exitCode}): ${readFileSync(log, 'utf8').slice(-2000)}`);
    try {
      const response = await fetch(`${base}/v2/`, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      if (response.status === 401 && /^Bearer\s/i.test(response.headers.get('www-authenticate') ?? '')) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`docker-registry did not answer on ${base}: ${readFileSync(log, 'utf8').slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function mapLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function startTokenRegistry(options: TokenRegistryOptions = {}): Promise<TokenRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-token-registry-'));
  const issued: IssuedToken[] = [];
  const denied = new Set<string>();
  const pullOnly = new Set<string>();
  let issuer: http.Server | null = null;
  let child: ChildProcess | null = null;
  const stop = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const running = child;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (issuer) await new Promise((resolve) => issuer!.close(resolve));
    issuer = null;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { key, x5c, certPath } = makeCertificate(dir);
    issuer = await startIssuer(key, x5c, { catalog: options.catalog !== false, denied, pullOnly }, issued);
    const realm = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}/token`;
    const port = await freePort();
    const host = `127.0.0.1:${port}`;
    const storage = path.join(dir, 'storage');
    mkdirSync(storage);
    const config = path.join(dir, 'config.yml');
    writeFileSync(
      config,
      [
        'version: 0.1',
        'log: { level: warn, accesslog: { disabled: true } }',
        `storage: { filesystem: { rootdirectory: ${storage} }, delete: { enabled: true } }`,
        `http: { addr: "${host}", secret: ${randomBytes(16).toString('hex')} }`,
        `auth: { token: { realm: "${realm}", service: ${TOKEN_SERVICE}, issuer: ${TOKEN_ISSUER}, rootcertbundle: ${certPath} } }`,
        ...(options.catalogMaxEntries ? [`catalog: { maxentries: ${options.catalogMaxEntries} }`] : []),
        '',
      ].join('\n'),
    );
    const log = path.join(dir, 'registry.log');
    const out = openSync(log, 'a');
    child = spawn(REGISTRY, ['serve', config], { stdio: ['ignore', out, out] });
    closeSync(out);
    await waitForRegistry(`http://${host}`, child, log);

    const base = `http://${host}`;
    const token: TokenRegistry['token'] = async (scopes, login = { username: TOKEN_USER, password: TOKEN_PASSWORD }) => {
      const url = new URL(realm);
      url.searchParams.set('service', TOKEN_SERVICE);
      for (const scope of scopes) url.searchParams.append('scope', scope);
      const headers: Record<string, string> = login
        ? { Authorization: `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}` }
        : {};
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`the issuer answered ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    };
    const pushToken = (repository: string) => token([`repository:${repository}:pull,push`]);
    const expectStatus = async (response: Response, status: number, what: string) => {
      if (response.status !== status) throw new Error(`${what}: ${response.status} ${await response.text()}`);
      await response.body?.cancel();
    };

    const uploadWith = async (bearer: string, repository: string, bytes: Buffer, mediaType: string): Promise<Blob> => {
      const digest = sha256(bytes);
      const auth = { Authorization: `Bearer ${bearer}` };
      const started = await fetch(`${base}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers: auth });
      const location = started.headers.get('location');
      await expectStatus(started, 202, `POST blob upload to ${repository}`);
      const target = new URL(location!, base);
      target.searchParams.set('digest', digest);
      const put = await fetch(target, {
        method: 'PUT',
        headers: { ...auth, 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) },
        body: new Uint8Array(bytes),
      });
      await expectStatus(put, 201, `PUT blob ${digest} to ${repository}`);
      return { mediaType, digest, size: bytes.length };
    };
    const putManifest = async (bearer: string, repository: string, reference: string, bytes: Buffer, mediaType: string) => {
      const response = await fetch(`${base}/v2/${repository}/manifests/${reference}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': mediaType },
        body: new Uint8Array(bytes),
      });
      await expectStatus(response, 201, `PUT manifest ${repository}:${reference}`);
    };
    const buildImage = async (bearer: string, repository: string, platform: { os: string; architecture: string }) => {
      const config = await uploadWith(
        bearer,
        repository,
        Buffer.from(
          JSON.stringify({
            ...platform,
            created: '2026-01-02T03:04:05Z',
            config: { Labels: { 'strata.fixture': 'token' } },
            rootfs: { type: 'layers', diff_ids: [] },
          }),
        ),
        OCI_CONFIG,
      );
      const layer = await uploadWith(
        bearer,
        repository,
        gzipSync(Buffer.from(`layer of ${repository} for ${platform.architecture}\n`)),
        OCI_LAYER,
      );
      const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] }));
      return { mediaType: OCI_MANIFEST, digest: sha256(bytes), size: bytes.length, bytes, config, layers: [layer] };
    };

    return {
      host,
      realm,
      issued,
      denied,
      pullOnly,
      token,
      uploadBlob: async (repository, bytes, mediaType) => uploadWith(await pushToken(repository), repository, bytes, mediaType),
      pushImage: async (repository, tags, platform = { os: 'linux', architecture: 'amd64' }) => {
        const bearer = await pushToken(repository);
        const manifest = await buildImage(bearer, repository, platform);
        for (const tag of tags) await putManifest(bearer, repository, tag, manifest.bytes, OCI_MANIFEST);
        return manifest;
      },
      tagManifest: async (repository, manifest, tags, concurrency = 8) => {
        const bearer = await pushToken(repository);
        await mapLimit(tags, concurrency, (tag) => putManifest(bearer, repository, tag, manifest.bytes, manifest.mediaType));
      },
      pushIndex: async (repository, tag) => {
        const bearer = await pushToken(repository);
        const children: PushedIndex['children'] = [];
        for (const architecture of ['amd64', 'arm64']) {
          const platform = { os: 'linux', architecture };
          const manifest = await buildImage(bearer, repository, platform);
          await putManifest(bearer, repository, manifest.digest, manifest.bytes, OCI_MANIFEST);
          children.push({ ...manifest, platform });
        }
        const manifests = children.map(({ mediaType, digest, size, platform }) => ({ mediaType, digest, size, platform }));
        const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }));
        await putManifest(bearer, repository, tag, bytes, OCI_INDEX);
        return { mediaType: OCI_INDEX, digest: sha256(bytes), size: bytes.length, children };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
