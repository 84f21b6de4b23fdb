// The engines Strata can talk to, found the way the Docker CLI finds them, and never written:
// - `default`: DOCKER_HOST when set (with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH), else the local socket;
// - every Docker context in $DOCKER_CONFIG (default ~/.docker): contexts/meta/<sha256(name)>/meta.json
//   names the docker endpoint's Host and SkipTLSVerify, contexts/tls/<sha256(name)>/docker/ holds
//   ca.pem, cert.pem and key.pem;
// - STRATA_ENGINES (`name=address,…`), engines without a context.
// The current one is resolved as the CLI does: DOCKER_HOST means `default`, then DOCKER_CONTEXT, then
// config.json's currentContext, then `default`.
import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENGINE_NAME, type EngineSource } from '@/lib/api/engines';
import { StrataError } from '@/lib/api/errors';

export interface EngineTls {
  /** Paths, read when connecting; their content never leaves the server. */
  ca?: string;
  cert?: string;
  key?: string;
  /** The context's SkipTLSVerify: the server's certificate is not checked (its own risk). */
  skipVerify: boolean;
}

export interface EngineSpec {
  name: string;
  /** unix://, tcp:// or ssh:// address, as the user wrote it. */
  address: string;
  source: EngineSource;
  current: boolean;
  tls: EngineTls | null;
}

/** The environment the CLI reads (process.env, or a test's own). */
type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_ENGINE = 'default';
const DEFAULT_SOCKET = 'unix:///var/run/docker.sock';
const CACHE_MS = 2_000;

export function dockerConfigDir(env: Env = process.env): string {
  return env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
}

/** The CLI's directory name for a context: the hex SHA-256 of its name. */
export function contextId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

interface ContextMeta {
  Name?: unknown;
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function tlsFiles(dir: string, skipVerify: boolean): EngineTls | null {
  const file = (name: string) => (fs.existsSync(path.join(dir, name)) ? path.join(dir, name) : undefined);
  const tls = { ca: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem'), skipVerify };
  return tls.ca || tls.cert || tls.key || skipVerify ? tls : null;
}

/** The contexts the CLI wrote; unreadable or non-docker ones are skipped (the CLI would refuse them too). */
export function readContexts(configDir: string): Omit<EngineSpec, 'current'>[] {
  const metaRoot = path.join(configDir, 'contexts', 'meta');
  let dirs: string[];
  try {
    dirs = fs.readdirSync(metaRoot);
  } catch {
    return [];
  }
  const found: Omit<EngineSpec, 'current'>[] = [];
  for (const dir of dirs) {
    const meta = readJson(path.join(metaRoot, dir, 'meta.json')) as ContextMeta | null;
    const name = meta?.Name;
    const host = meta?.Endpoints?.docker?.Host;
    if (typeof name !== 'string' || !ENGINE_NAME.test(name) || name === DEFAULT_ENGINE || typeof host !== 'string' || !host) continue;
    const skipVerify = meta?.Endpoints?.docker?.SkipTLSVerify === true;
    const tls = tlsFiles(path.join(configDir, 'contexts', 'tls', contextId(name), 'docker'), skipVerify);
    found.push({ name, address: host, source: 'context', tls });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

const warned = new Set<string>();

/**
 * STRATA_ENGINES: `name=address` pairs, comma-separated. A malformed pair is left out and said once in
 * the server log (without its address, which may hold a password): one typo must not take every engine down.
 */
export function parseStrataEngines(value: string | undefined): Omit<EngineSpec, 'current'>[] {
  if (!value?.trim()) return [];
  const engines: Omit<EngineSpec, 'current'>[] = [];
  for (const pair of value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const address = pair.slice(at + 1).trim();
    if (at >= 1 && ENGINE_NAME.test(name) && /^(unix|tcp|ssh):\/\/.+/.test(address)) {
      engines.push({ name, address, source: 'config', tls: null });
      continue;
    }
    const shown = pair.replace(/=.*/, '=…');
    if (!warned.has(shown)) {
      warned.add(shown);
      console.warn(`[strata] STRATA_ENGINES: left out "${shown}": write name=unix://…, name=tcp://… or name=ssh://user@host`);
    }
  }
  return engines;
}

function defaultEngine(env: Env): Omit<EngineSpec, 'current'> {
  const host = env.DOCKER_HOST;
  if (!host) return { name: DEFAULT_ENGINE, address: DEFAULT_SOCKET, source: 'env', tls: null };
  // As the CLI reads them: any DOCKER_TLS_VERIFY turns TLS on and checks the server; DOCKER_TLS alone
  // turns it on without the check; DOCKER_CERT_PATH only says where the files are.
  const verify = Boolean(env.DOCKER_TLS_VERIFY);
  if (!verify && !env.DOCKER_TLS) return { name: DEFAULT_ENGINE, address: host, source: 'env', tls: null };
  const certs = env.DOCKER_CERT_PATH || path.join(os.homedir(), '.docker');
  const tls = tlsFiles(certs, !verify) ?? { skipVerify: !verify };
  return { name: DEFAULT_ENGINE, address: host, source: 'env', tls };
}

/** Which engine the CLI would use: DOCKER_HOST, then DOCKER_CONTEXT, then config.json, then default. */
export function currentEngineName(env: Env, configDir: string, names: readonly string[]): string {
  if (env.DOCKER_HOST) return DEFAULT_ENGINE;
  const fromConfig = (readJson(path.join(configDir, 'config.json')) as { currentContext?: unknown } | null)?.currentContext;
  const wanted = env.DOCKER_CONTEXT || (typeof fromConfig === 'string' ? fromConfig : '');
  return wanted && names.includes(wanted) ? wanted : DEFAULT_ENGINE;
}

export function discoverEngines(env: Env = process.env): EngineSpec[] {
  const configDir = dockerConfigDir(env);
  const all: Omit<EngineSpec, 'current'>[] = [defaultEngine(env)];
  for (const spec of [...readContexts(configDir), ...parseStrataEngines(env.STRATA_ENGINES)]) {
    // A context and a STRATA_ENGINES entry with one name: the context wins, as it is the user's own.
    if (!all.some((known) => known.name === spec.name)) all.push(spec);
  }
  const current = currentEngineName(
    env,
    configDir,
    all.map((spec) => spec.name),
  );
  return all.map((spec) => ({ ...spec, current: spec.name === current }));
}

let cached: { at: number; key: string; specs: EngineSpec[] } | null = null;

function mtimeOf(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The engines, read again when the environment, the contexts folder or config.json changed (a context
 * created, removed or made current), and at least every two seconds.
 */
export function listEngineSpecs(): EngineSpec[] {
  const configDir = dockerConfigDir();
  const key = [
    process.env.DOCKER_HOST,
    process.env.DOCKER_TLS_VERIFY,
    process.env.DOCKER_TLS,
    process.env.DOCKER_CERT_PATH,
    configDir,
    process.env.DOCKER_CONTEXT,
    process.env.STRATA_ENGINES,
    mtimeOf(path.join(configDir, 'contexts', 'meta')),
    mtimeOf(path.join(configDir, 'config.json')),
  ].join('\u0000');
  if (!cached || cached.key !== key || Date.now() - cached.at > CACHE_MS) cached = { at: Date.now(), key, specs: discoverEngines() };
  return cached.specs;
}

/** The engine a request names, or the current one; an unknown name is the caller's mistake (404). */
export function engineSpec(name?: string | null): EngineSpec {
  const specs = listEngineSpecs();
  if (!name) return specs.find((spec) => spec.current) ?? specs[0]!;
  const spec = specs.find((candidate) => candidate.name === name);
  if (!spec) {
    const known = specs.map((candidate) => candidate.name).join(', ');
    throw new StrataError('not_found', `There is no engine named "${name}". Strata knows: ${known}.`, { reason: 'unknown_engine' });
  }
  return spec;
}

/** An address for people to read: a password in it is removed. */
export function printableAddress(address: string): string {
  return address.replace(/^([a-z]+:\/\/)([^:/@]+):[^/@]*@/i, '$1$2@');
}
