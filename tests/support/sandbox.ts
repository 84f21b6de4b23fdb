// The one way tests reach the sandbox engine, for the integration suites (vitest) and the e2e specs
// (Playwright) alike: where its socket is, the guard that keeps tests off a developer's own engine, the
// docker CLI and raw API calls pointed at it, and which kind of engine scripts/sandbox.sh started.
// Tests build, tag, delete and prune: only ever here, never on the default /var/run/docker.sock.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const SANDBOX_DIR = process.env.STRATA_SANDBOX_DIR ?? '/tmp/strata-test';
export const SANDBOX_SOCKET = `${SANDBOX_DIR}/docker.sock`;
export const SANDBOX_HOST = `unix://${SANDBOX_SOCKET}`;

if (path.resolve(SANDBOX_SOCKET) === '/var/run/docker.sock') {
  throw new Error('STRATA_SANDBOX_DIR points at the default engine; tests run only against a sandbox (scripts/sandbox.sh).');
}

/**
 * For tests that call Strata's own lib code in this process: that code reaches whatever DOCKER_HOST
 * names, so it must name the sandbox.
 */
export function requireSandbox(): void {
  if (process.env.DOCKER_HOST !== SANDBOX_HOST) {
    throw new Error(
      `Tests need the sandbox engine: DOCKER_HOST must be ${SANDBOX_HOST} (got ${process.env.DOCKER_HOST ?? 'nothing'}). Run scripts/test.sh.`,
    );
  }
}

// The docker CLI always on the sandbox, whatever the caller's DOCKER_HOST; the legacy builder, which
// both engines have and which leaves the intermediates some tests count.
const cliEnv = () => ({ ...process.env, DOCKER_HOST: SANDBOX_HOST, DOCKER_BUILDKIT: '0' });

/** The docker CLI on the sandbox engine, as a user's terminal would change it; its trimmed output. */
export function docker(...args: string[]): string {
  // stderr is kept out of the test output; it is in the thrown error when the command fails.
  return execFileSync('docker', args, { encoding: 'utf8', env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** `docker load` of an archive on the sandbox engine (or the engine at `host`); the CLI's output. */
export function dockerLoad(archive: Buffer, host = SANDBOX_HOST): string {
  const env = { ...cliEnv(), DOCKER_HOST: host };
  return execFileSync('docker', ['load'], { input: archive, encoding: 'utf8', env, stdio: ['pipe', 'pipe', 'pipe'] }).trim();
}

/**
 * Straight from the engine, bypassing Strata: the reference figures the tests compare against. Docker
 * 20.10 answers 409 to a `/system/df` while another one runs (Strata's disk card may be asking at that
 * moment), so a refused call is asked again.
 */
export function engineGet<T>(apiPath: string, socket = SANDBOX_SOCKET): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return JSON.parse(execFileSync('curl', ['-sf', '--unix-socket', socket, `http://engine${apiPath}`], { encoding: 'utf8' })) as T;
    } catch (error) {
      if (attempt >= 6) throw error;
      execFileSync('sleep', [String(0.2 * (attempt + 1))]);
    }
  }
}

/** A POST straight to the engine (its own prune, for comparing Strata's plan with what it does). */
export function enginePost<T>(apiPath: string): T {
  return JSON.parse(
    execFileSync('curl', ['-sf', '-X', 'POST', '--unix-socket', SANDBOX_SOCKET, `http://engine${apiPath}`], { encoding: 'utf8' }),
  ) as T;
}

/** The kind scripts/sandbox.sh started this sandbox as (classic: Debian's 20.10, modern: 28 with containerd). */
export function sandboxKind(): 'classic' | 'modern' {
  try {
    return readFileSync(`${SANDBOX_DIR}/engine-kind`, 'utf8').trim() === 'modern' ? 'modern' : 'classic';
  } catch {
    return 'classic';
  }
}

export type EngineStore = 'classic' | 'containerd';

/** Which image store the sandbox engine runs, as the engine itself reports it: the prune rules differ (lib/docker/prune/plan.ts). */
export function sandboxStore(): EngineStore {
  const info = engineGet<{ DriverStatus?: [string, string][] | null }>('/info');
  return (info.DriverStatus ?? []).some(([key, value]) => key === 'driver-type' && value.startsWith('io.containerd.snapshotter'))
    ? 'containerd'
    : 'classic';
}

let store: EngineStore | undefined;

/**
 * The sandbox engine's image store (sandboxStore, asked once): tests assert what is true on each store
 * (the containerd store keeps content beside unpacked layers, names images by manifest digest, …).
 */
export function engineStore(): EngineStore {
  store ??= sandboxStore();
  return store;
}

/** The engine's ID for a name (or an ID). */
export function imageId(ref: string): string {
  return docker('image', 'inspect', '--format', '{{.Id}}', ref);
}

/** Whether the engine has an image by that name or ID. */
export function imageExists(ref: string): boolean {
  try {
    docker('image', 'inspect', ref);
    return true;
  } catch {
    return false;
  }
}

/** Builds an image from a Dockerfile with the legacy builder (no context); returns its ID. */
export function buildImage(tag: string, dockerfile: string): string {
  execFileSync('docker', ['build', '-q', '-t', tag, '-'], {
    input: dockerfile,
    encoding: 'utf8',
    env: cliEnv(),
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  return imageId(tag);
}

/**
 * A base image of the test's own: busybox plus a marker naming it, so its layer is unique and what a
 * test builds (or deletes) on it shares no layer with the fixtures (other test files, running at the
 * same time, count who shares the fixture base's layer). Returns the tag, ready for a FROM line.
 */
export function privateBase(tag: string): string {
  const script = [
    'set -e',
    'root=$(mktemp -d)',
    'mkdir -p "$root/bin"',
    'cp "$(command -v busybox)" "$root/bin/busybox"',
    'for app in sh cat echo ls test true sleep; do ln -sf busybox "$root/bin/$app"; done',
    'echo "$1" > "$root/private-base"',
    'tar -C "$root" -c . | docker import -c \'CMD ["/bin/sh"]\' - "$1" >/dev/null',
    'rm -rf "$root"',
  ].join('\n');
  execFileSync('sh', ['-c', script, 'sh', tag], { env: cliEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
  return tag;
}
