// Integration tests run only against Strata's sandbox engine: they build and delete images.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const dir = process.env.STRATA_SANDBOX_DIR ?? '/tmp/strata-test';
export const SANDBOX_SOCKET = `${dir}/docker.sock`;

export function requireSandbox(): void {
  if (process.env.DOCKER_HOST !== `unix://${SANDBOX_SOCKET}`) {
    throw new Error(
      `Integration tests need the sandbox engine: DOCKER_HOST must be unix://${SANDBOX_SOCKET} (got ${process.env.DOCKER_HOST ?? 'nothing'}). Run scripts/test.sh.`,
    );
  }
}

export function docker(...args: string[]): string {
  requireSandbox();
  // stderr is kept out of the test output; it is in the thrown error when the command fails.
  return execFileSync('docker', args, {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Straight from the engine, bypassing Strata: the reference figures the tests compare against. */
export function engineGet<T>(path: string): T {
  requireSandbox();
  return JSON.parse(execFileSync('curl', ['-sf', '--unix-socket', SANDBOX_SOCKET, `http://engine${path}`], { encoding: 'utf8' })) as T;
}

/** A POST straight to the engine (its own prune, for comparing Strata's plan with what it does). */
export function enginePost<T>(path: string): T {
  requireSandbox();
  return JSON.parse(
    execFileSync('curl', ['-sf', '-X', 'POST', '--unix-socket', SANDBOX_SOCKET, `http://engine${path}`], { encoding: 'utf8' }),
  ) as T;
}

/** Which image store the sandbox engine runs: the prune rules differ (lib/docker/prune/plan.ts). */
export function sandboxStore(): 'classic' | 'containerd' {
  const info = engineGet<{ DriverStatus?: [string, string][] | null }>('/info');
  return (info.DriverStatus ?? []).some(([key, value]) => key === 'driver-type' && value.startsWith('io.containerd.snapshotter'))
    ? 'containerd'
    : 'classic';
}

/** Builds a small image with the legacy builder (no context); returns its ID. */
export function buildImage(tag: string, dockerfile: string): string {
  requireSandbox();
  execFileSync('docker', ['build', '-q', '-t', tag, '-'], {
    input: dockerfile,
    encoding: 'utf8',
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  return docker('image', 'inspect', '--format', '{{.Id}}', tag);
}

/**
 * A base image of the test's own: busybox plus a marker naming it, so its layer is unique and what a
 * test builds on it shares no layer with the fixtures (other test files, running at the same time,
 * count who shares the fixture base's layer).
 */
export function privateBase(tag: string): string {
  requireSandbox();
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
  execFileSync('sh', ['-c', script, 'sh', tag], { env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });
  return tag;
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

export type EngineStore = 'classic' | 'containerd';
let store: EngineStore | undefined;

/**
 * The sandbox engine's image store (sandboxStore, asked once): tests assert what is true on each store
 * (the containerd store keeps content beside unpacked layers, names images by manifest digest, …).
 */
export function engineStore(): EngineStore {
  store ??= sandboxStore();
  return store;
}

/** The kind scripts/sandbox.sh started this sandbox as (classic: Debian's 20.10, modern: 28 with containerd). */
export function sandboxKind(): 'classic' | 'modern' {
  requireSandbox();
  try {
    return readFileSync(`${dir}/engine-kind`, 'utf8').trim() === 'modern' ? 'modern' : 'classic';
  } catch {
    return 'classic';
  }
}
