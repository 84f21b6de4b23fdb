// The one connection to the Docker engine. dockerode reads DOCKER_HOST itself (unix://, tcp://, ssh://,
// with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH), so Strata supports whatever the Docker CLI does.
//
// The API version is negotiated, never pinned: an unversioned /version call works on every engine,
// then every later call uses min(engine's highest, the highest Strata understands). Old engines reject
// versions above theirs; Docker 29+ rejects anything below 1.44, so a fixed pin breaks one or the other.
import 'server-only';
import Docker from 'dockerode';
import { StrataError } from '@/lib/api/errors';
import { negotiateApiVersion } from '@/lib/docker/api-version';

export interface EngineConnection {
  docker: Docker;
  apiVersion: string;
  maxApiVersion: string;
  minApiVersion: string;
}

let connection: Promise<EngineConnection> | null = null;

// An engine that accepts the connection but never answers must not hang every request.
const PROBE_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer in ${ms / 1000} s`), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Where we talk to the engine, for messages a person reads; a password in it is removed. */
export function engineAddress(): string {
  const address = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  return address.replace(/^([a-z]+:\/\/)([^:/@]+):[^/@]*@/i, '$1$2@');
}

async function connect(): Promise<EngineConnection> {
  const probe = new Docker();
  const version = (await withTimeout(probe.version(), PROBE_TIMEOUT_MS)) as { ApiVersion?: string; MinAPIVersion?: string };
  const maxApiVersion = version.ApiVersion ?? '1.41';
  const minApiVersion = version.MinAPIVersion ?? '1.12';
  const apiVersion = negotiateApiVersion(maxApiVersion, minApiVersion);
  return { docker: new Docker({ version: `v${apiVersion}` }), apiVersion, maxApiVersion, minApiVersion };
}

export async function getConnection(): Promise<EngineConnection> {
  if (!connection) {
    connection = connect().catch((cause) => {
      connection = null;
      throw translateEngineError(cause);
    });
  }
  return connection;
}

/** Forget the negotiated version, e.g. after the engine went away: it may come back upgraded. */
export function resetConnection(): void {
  connection = null;
}

/**
 * Runs one engine call and turns any failure into a StrataError with a status the routes can send.
 * Use for every dockerode call so no raw engine error reaches a route.
 */
export async function engine<T>(call: (docker: Docker) => Promise<T>): Promise<T> {
  const { docker } = await getConnection();
  try {
    return await call(docker);
  } catch (cause) {
    const error = translateEngineError(cause);
    if (error.code === 'engine_unreachable') resetConnection();
    throw error;
  }
}

interface DialOptions {
  path: string;
  method: 'GET' | 'POST';
  query?: Record<string, unknown>;
}

/** For endpoints whose options dockerode drops (df's `type`, build prune's filters): call the modem directly. */
export async function dial<T>({ path, method, query = {} }: DialOptions): Promise<T> {
  return engine(
    (docker) =>
      new Promise<T>((resolve, reject) => {
        docker.modem.dial(
          {
            path: `${path}?`,
            method,
            statusCodes: { 200: true, 400: 'bad parameter', 404: 'not found', 409: 'conflict', 500: 'server error' },
            options: { _query: query, ...(method === 'POST' ? { _body: {} } : {}) },
          },
          (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as T)),
        );
      }),
  );
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

interface EngineErrorLike {
  code?: string;
  statusCode?: number;
  json?: { message?: string } | null;
  message?: string;
}

/** The engine's own words, without dockerode's "(HTTP code 409) conflict - " prefix. */
export function engineMessage(cause: EngineErrorLike): string {
  const fromJson = cause.json?.message;
  if (fromJson) return fromJson.trim();
  return (cause.message ?? '').replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
}

export function translateEngineError(cause: unknown): StrataError {
  if (cause instanceof StrataError) return cause;
  const error = (cause ?? {}) as EngineErrorLike;
  if (error.code && UNREACHABLE.has(error.code)) {
    const address = engineAddress();
    const hint =
      error.code === 'EACCES'
        ? 'Strata may not use that socket: run it as a user in the docker group, or as root.'
        : 'Is Docker running there? Start it (for example `sudo systemctl start docker`), or point DOCKER_HOST at your engine and restart Strata.';
    return new StrataError('engine_unreachable', `Cannot reach the Docker engine at ${address} (${error.code}). ${hint}`, {
      address,
      cause: error.code,
    });
  }
  const message = engineMessage(error) || 'The Docker engine failed without saying why.';
  switch (error.statusCode) {
    case 400:
      return new StrataError('invalid_input', message);
    case 401:
      return new StrataError('unauthorized', message);
    case 404:
      return new StrataError('not_found', message);
    case 409:
      return new StrataError('conflict', message);
    case 500:
      // 20.10 answers bad names in tag requests with 500 rather than 400.
      if (/invalid reference format|invalid tag format/.test(message)) return new StrataError('invalid_reference', message);
      return new StrataError('upstream_failed', `The Docker engine reported an error: ${message}`);
    default:
      if (error.statusCode) return new StrataError('upstream_failed', `The Docker engine answered ${error.statusCode}: ${message}`);
      // No status: a transport failure (TLS, ssh, …). Its text may name local paths: log it, say less.
      console.error('[strata] engine call failed', cause);
      return new StrataError('internal', 'The connection to the Docker engine failed. The server log has the details.');
  }
}
