// The connection to each Docker engine: one per engine Strata knows (lib/docker/engine/engines.ts),
// picked by the engine the running request works on (lib/docker/engine/scope.ts). unix sockets, tcp with
// TLS and ssh all go through dockerode, with options built in transport.ts.
//
// The API version is negotiated, never pinned: an unversioned /version call works on every engine,
// then every later call uses min(engine's highest, the highest Strata understands). Old engines reject
// versions above theirs; Docker 29+ rejects anything below 1.44, so a fixed pin breaks one or the other.
import 'server-only';
import Docker from 'dockerode';
import { StrataError } from '@/lib/api/errors';
import { negotiateApiVersion } from '@/lib/docker/engine/api-version';
import type { EngineSpec } from '@/lib/docker/engine/engines';
import { activeEngine } from '@/lib/docker/engine/scope';
import { transportOptions } from '@/lib/docker/engine/transport';
import { engineAddress, translateEngineError } from '@/lib/docker/engine/engine-errors';

// Error translation lives beside the client; callers keep importing it from here.
export { engineAddress, engineMessage, translateEngineError } from '@/lib/docker/engine/engine-errors';

export interface EngineConnection {
  docker: Docker;
  /** The engine's own version (`docker version`'s Server Version), from the negotiation. */
  engineVersion: string;
  apiVersion: string;
  maxApiVersion: string;
  minApiVersion: string;
}

interface ConnectionState extends EngineConnection {
  /** One client per socket idle limit (0 = none, for streams), all on the negotiated version. */
  clients: Map<number, Docker>;
  options: Docker.DockerOptions;
  /** ssh: every call shares one connection and is bounded by Strata's own limit, not a socket timeout. */
  ssh: boolean;
}

interface Slot {
  /** The engine's address and TLS files as connected: a context edited since gets a new connection. */
  fingerprint: string;
  connection: Promise<ConnectionState>;
}

// One per process, also across Next's dev-mode module reloads.
const slots: Map<string, Slot> = ((globalThis as { __strataConnections?: Map<string, Slot> }).__strataConnections ??= new Map());

// An engine that accepts the connection but never answers must not hang a request: every call that is
// not a long stream gets a limit (STRATA_ENGINE_TIMEOUT_MS, 10 s by default) and a 504 when it passes.
const DEFAULT_TIMEOUT_MS = 10_000;
// The socket itself is dropped a little after the 504, so a hung engine cannot pile up open requests
// and the 504 (not the socket's "hang up") is what the caller sees.
const SOCKET_GRACE_MS = 1_000;

/** The limit for one ordinary engine call, in milliseconds. */
export function engineTimeoutMs(): number {
  const configured = Number(process.env.STRATA_ENGINE_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_TIMEOUT_MS;
}

function timeoutError(ms: number): StrataError {
  const { name } = activeEngine();
  const address = engineAddress();
  const seconds = ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
  return new StrataError(
    'engine_timeout',
    `The Docker engine "${name}" at ${address} did not answer within ${seconds}. It may be overloaded or stuck: try again in a moment, or restart it. A change you asked for may still complete; reload to see.`,
    { engine: name, address, timeoutMs: ms },
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function fingerprint(spec: EngineSpec): string {
  return JSON.stringify([spec.address, spec.tls]);
}

async function connect(spec: EngineSpec): Promise<ConnectionState> {
  const limit = engineTimeoutMs();
  const { ssh = false, ...transport } = transportOptions(spec);
  const options = transport as Docker.DockerOptions;
  const probe = new Docker(ssh ? options : { ...options, timeout: limit + SOCKET_GRACE_MS });
  const version = (await withTimeout(probe.version(), limit).catch((error: unknown) => {
    // An ssh connection made for a probe that failed is nobody's to close later.
    transport.agent?.destroy();
    throw error;
  })) as { ApiVersion?: string; MinAPIVersion?: string; Version?: string };
  const maxApiVersion = version.ApiVersion ?? '1.41';
  const minApiVersion = version.MinAPIVersion ?? '1.12';
  const apiVersion = negotiateApiVersion(maxApiVersion, minApiVersion);
  const docker = new Docker({ ...options, version: `v${apiVersion}` });
  const engineVersion = version.Version ?? 'unknown';
  return { docker, engineVersion, apiVersion, maxApiVersion, minApiVersion, clients: new Map([[0, docker]]), options, ssh };
}

/** Forgets an engine's connection and closes what it holds open (an ssh connection). */
function dropSlot(engineName: string): void {
  const slot = slots.get(engineName);
  if (!slot) return;
  slots.delete(engineName);
  slot.connection.then(
    (state) => (state.options as { agent?: { destroy?: () => void } }).agent?.destroy?.(),
    () => undefined,
  );
}

async function getState(): Promise<ConnectionState> {
  const spec = activeEngine();
  const print = fingerprint(spec);
  const slot = slots.get(spec.name);
  if (slot && slot.fingerprint === print) return slot.connection;
  if (slot) dropSlot(spec.name);
  const connection = connect(spec).catch((cause) => {
    if (slots.get(spec.name)?.connection === connection) slots.delete(spec.name);
    throw translateEngineError(cause);
  });
  slots.set(spec.name, { fingerprint: print, connection });
  return connection;
}

export async function getConnection(): Promise<EngineConnection> {
  const { docker, engineVersion, apiVersion, maxApiVersion, minApiVersion } = await getState();
  return { docker, engineVersion, apiVersion, maxApiVersion, minApiVersion };
}

/** Forget the active engine's negotiated version, e.g. after it went away: it may come back upgraded. */
export function resetConnection(engineName: string = activeEngine().name): void {
  dropSlot(engineName);
}

function clientFor(state: ConnectionState, socketIdleMs: number): Docker {
  if (state.ssh) return state.docker;
  let client = state.clients.get(socketIdleMs);
  if (!client) {
    client = new Docker({ ...state.options, version: `v${state.apiVersion}`, timeout: socketIdleMs });
    state.clients.set(socketIdleMs, client);
  }
  return client;
}

// A list of every image takes the engine longer the more images it has: the containerd store needs 3 s
// for 500 on an idle 2-core machine, and over 10 s while two other engines are read beside it.
const LIST_TIMEOUT_MS = 45_000;

/** The limit for a call over every image (list, `system df`); a ping first catches a hung engine. */
export function listTimeoutMs(): number {
  return Math.max(engineTimeoutMs(), LIST_TIMEOUT_MS);
}

export interface EngineCallOptions {
  /**
   * A long stream (events, pull, push, save/export, load, build): its length is the work's, so there is
   * no limit unless `timeoutMs` is given, and then only on the stream starting (the response headers),
   * never on the stream itself. The caller ends it (the browser went away) or watches its progress.
   */
  stream?: boolean;
  /** A limit other than the default, for calls whose length grows with the work (prune). */
  timeoutMs?: number;
}

/**
 * Cuts a call at `ms`: the caller gets a 504, the call's abort signal fires (dockerode closes the
 * request where it takes one), and a stream that still starts afterwards is closed at once.
 */
function withLimit<T>(promise: Promise<T>, controller: AbortController, ms: number): Promise<T> {
  let late = false;
  void promise.then(
    (value) => {
      if (late) (value as { destroy?: () => void } | null)?.destroy?.();
    },
    () => {},
  );
  return withTimeout(promise, ms).catch((error: unknown) => {
    if (error instanceof StrataError && error.code === 'engine_timeout') {
      late = true;
      controller.abort();
    }
    throw error;
  });
}

/**
 * Runs one engine call and turns any failure into a StrataError with a status the routes can send.
 * Use for every dockerode call so no raw engine error reaches a route. Ordinary calls end with a 504
 * `engine_timeout` when the engine does not answer in time.
 */
export async function engine<T>(call: (docker: Docker, signal: AbortSignal) => Promise<T>, options: EngineCallOptions = {}): Promise<T> {
  const state = await getState();
  const controller = new AbortController();
  try {
    if (options.stream) {
      const started = call(state.docker, controller.signal);
      return await (options.timeoutMs ? withLimit(started, controller, options.timeoutMs) : started);
    }
    const limit = options.timeoutMs ?? engineTimeoutMs();
    return await withLimit(call(clientFor(state, limit + SOCKET_GRACE_MS), controller.signal), controller, limit);
  } catch (cause) {
    const error = translateEngineError(cause);
    // Over ssh one slow call is not a broken connection: dropping it would end every other call on it.
    if (error.code === 'engine_unreachable' || (error.code === 'engine_timeout' && !state.ssh)) resetConnection();
    throw error;
  }
}

interface DialOptions {
  path: string;
  method: 'GET' | 'POST';
  query?: Record<string, unknown>;
  timeoutMs?: number;
}

/** For endpoints whose options dockerode drops (df's `type`, build prune's filters): call the modem directly. */
export async function dial<T>({ path, method, query = {}, timeoutMs }: DialOptions): Promise<T> {
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
    { timeoutMs },
  );
}
