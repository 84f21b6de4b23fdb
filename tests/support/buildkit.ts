// Test support, not app code: a BuildKit build straight over a sandbox engine's socket, the way the
// engine takes it without a BuildKit session (`POST /build?version=2` with the context tar as the body;
// Docker 20.10 and 28.5 both serve the upload themselves), so the tests get real build cache records.
// `networkmode=none`: the sandbox engines run with `--bridge=none`, where a RUN step asking for the
// default network fails with "network bridge not found".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { engineGet } from './sandbox';

export interface BuildKitRecord {
  ID: string;
  Type: string;
  Description: string;
  Size: number;
  InUse: boolean;
  Shared: boolean;
  LastUsedAt: string | null;
}

/** Builds `dockerfile` (plus `files`, name → content) with BuildKit on the engine at `socket`; returns the image ID. */
export function buildKitBuild(socket: string, tag: string, dockerfile: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'strata-bk-'));
  try {
    writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    const context = execFileSync('tar', ['-C', dir, '-c', '.']);
    const query = new URLSearchParams({ version: '2', networkmode: 'none', t: tag }).toString();
    const out = execFileSync(
      'curl',
      [
        '-sS',
        '-f',
        '-X',
        'POST',
        '--unix-socket',
        socket,
        '-H',
        'Content-Type: application/x-tar',
        '--data-binary',
        '@-',
        `http://engine/build?${query}`,
      ],
      { input: context, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const lines = out
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id?: string; aux?: { ID?: string }; error?: string; errorDetail?: { message: string } });
    const failed = lines.find((line) => line.errorDetail || line.error);
    if (failed) throw new Error(`BuildKit build of ${tag} failed: ${failed.errorDetail?.message ?? failed.error}`);
    const id = lines.find((line) => line.id === 'moby.image.id')?.aux?.ID;
    if (!id) throw new Error(`BuildKit build of ${tag} named no image: ${out.slice(-500)}`);
    return id;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The engine's build cache records, read raw (`/system/df`; the unversioned path is the engine's newest API). */
export function buildCacheRecords(socket: string): BuildKitRecord[] {
  return engineGet<{ BuildCache: BuildKitRecord[] | null }>('/system/df', socket).BuildCache ?? [];
}

/** The engine's own `docker builder prune --all`, to start a test from no records. */
export function pruneAllBuildCache(socket: string): void {
  execFileSync('curl', ['-sf', '-X', 'POST', '--unix-socket', socket, 'http://engine/build/prune?all=true'], { encoding: 'utf8' });
}
