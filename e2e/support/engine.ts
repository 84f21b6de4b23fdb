// The specs change the sandbox engine the way a user's terminal would: with the docker CLI.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const sandboxDir = process.env.STRATA_SANDBOX_DIR ?? '/tmp/strata-test';
export const SANDBOX_HOST = `unix://${sandboxDir}/docker.sock`;
export const DOWN_PORT = Number(process.env.E2E_PORT ?? 3100) + 1;

export function docker(...args: string[]): string {
  // Never the default socket: the specs tag and untag, and a developer's images are not test data.
  return execFileSync('docker', args, {
    env: { ...process.env, DOCKER_HOST: SANDBOX_HOST },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Bytes of every distinct layer, as the engine itself counts them (`docker system df`). */
export function engineLayersSize(): number {
  const raw = execFileSync('curl', ['-s', '--unix-socket', `${sandboxDir}/docker.sock`, 'http://engine/system/df'], { encoding: 'utf8' });
  return (JSON.parse(raw) as { LayersSize: number }).LayersSize;
}

function engineGet<T>(path: string): T {
  return JSON.parse(
    execFileSync('curl', ['-sf', '--unix-socket', `${sandboxDir}/docker.sock`, `http://engine${path}`], { encoding: 'utf8' }),
  ) as T;
}

/** The API version the sandbox engine speaks at most (`/version`), which Strata negotiates down to. */
export function engineApiVersion(): string {
  return engineGet<{ ApiVersion: string }>('/version').ApiVersion;
}

/**
 * The kind scripts/sandbox.sh started the sandbox as: classic (the graph driver store) or modern (the
 * containerd image store). Specs assert what is true of each.
 */
export function sandboxKind(): 'classic' | 'modern' {
  try {
    return readFileSync(`${sandboxDir}/engine-kind`, 'utf8').trim() === 'modern' ? 'modern' : 'classic';
  } catch {
    return 'classic';
  }
}

/** The engine's list entries for one reference with `manifests=1` (API 1.47+: the containerd store's two sizes). */
export function engineImagesWithManifests(ref: string): { Id: string; Manifests: { Size: { Content: number; Total: number } }[] }[] {
  return engineGet(`/images/json?manifests=1&filters=${encodeURIComponent(JSON.stringify({ reference: [ref] }))}`);
}

/** The engine's own history of an image, newest step first. */
export function engineHistory(ref: string): { CreatedBy: string; Size: number }[] {
  return engineGet(`/images/${encodeURIComponent(ref)}/history`);
}

/** Stops or starts the sandbox engine itself, as an engine restart or crash would. */
export function sandbox(action: 'start' | 'stop'): void {
  execFileSync('bash', ['scripts/sandbox.sh', action], { env: { ...process.env, STRATA_SANDBOX_DIR: sandboxDir }, stdio: 'ignore' });
}

/** Builds a throwaway image on the fixture base (a marker file, then any extra steps); returns its ID. */
export function buildImage(tag: string, marker: string, steps: string[] = []): string {
  return buildImageOn('strata-fixture/base:1', tag, marker, steps);
}

/** The same on another base. */
export function buildImageOn(base: string, tag: string, marker: string, steps: string[] = []): string {
  execFileSync('docker', ['build', '-q', '-t', tag, '-'], {
    input: [`FROM ${base}`, `RUN echo ${marker} > /marker`, ...steps, ''].join('\n'),
    env: { ...process.env, DOCKER_HOST: SANDBOX_HOST, DOCKER_BUILDKIT: '0' },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  return docker('image', 'inspect', '--format', '{{.Id}}', tag);
}

export function tagExists(ref: string): boolean {
  try {
    docker('image', 'inspect', ref);
    return true;
  } catch {
    return false;
  }
}

/** A base image of the spec's own (busybox plus a marker), so a delete can never reach the fixtures' base. */
export function privateBase(tag: string): string {
  const script = [
    'set -e',
    'root=$(mktemp -d)',
    'mkdir -p "$root/bin"',
    'cp "$(command -v busybox)" "$root/bin/busybox"',
    'for app in sh cat echo; do ln -sf busybox "$root/bin/$app"; done',
    'echo "$1" > "$root/private-base"',
    'tar -C "$root" -c . | docker import -c \'CMD ["/bin/sh"]\' - "$1" >/dev/null',
    'rm -rf "$root"',
  ].join('\n');
  execFileSync('sh', ['-c', script, 'sh', tag], {
    env: { ...process.env, DOCKER_HOST: SANDBOX_HOST },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return docker('image', 'inspect', '--format', '{{.Id}}', tag);
}
