// Build cache prune on a prune sandbox engine (scripts/test.sh gives these tests engines of their own),
// classic (20.10) and modern (28.5) alike: both keep BuildKit records for `version=2` builds. Each test
// makes real records with raw BuildKit builds, previews, applies, and checks the preview against the
// engine: its CachesDeleted and SpaceReclaimed, and which records /system/df still lists afterwards.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PruneResponse } from '@/lib/api/prune';
import { StrataError } from '@/lib/api/errors';
import { prune } from '@/lib/docker/prune/run';
import { SANDBOX_SOCKET, docker, privateBase, requireSandbox, sandboxKind } from '../support/sandbox';
import { buildCacheRecords, buildKitBuild, pruneAllBuildCache } from '../support/buildkit';

const BASE = 'strata-bk/base:1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const build = (tag: string, steps: string) => buildKitBuild(SANDBOX_SOCKET, tag, `FROM ${BASE}\n${steps}\n`, { 'f.txt': tag });
const recordIds = () => buildCacheRecords(SANDBOX_SOCKET).map((record) => record.ID);
const ids = (list: { id: string }[]) => list.map((record) => record.id).sort();
const described = (preview: PruneResponse, text: string) => preview.buildCache.some((record) => record.description.includes(text));
const keptFor = (preview: PruneResponse, text: string) => preview.buildCacheKept.find((kept) => kept.record.description.includes(text));

/** Previews, applies with the previewed IDs, and checks the engine removed exactly those records and bytes. */
async function applyAndCheck(options: { all?: boolean; until?: string }) {
  // `until` is an age: each request reads it from its own now, as the page's requests do.
  const until = () => (options.until ? new Date(Date.now() - parseSeconds(options.until)) : undefined);
  const request = { target: 'build-cache' as const, all: options.all };
  const preview = await prune({ ...request, until: until(), dryRun: true });
  expect(preview.buildCache.length).toBeGreaterThan(0);
  const before = recordIds();
  const applied = await prune({
    ...request,
    until: until(),
    dryRun: false,
    expectRecords: ids(preview.buildCache),
  });
  expect(applied.result?.differences).toEqual([]);
  expect(applied.result?.matchesPreview).toBe(true);
  // The engine's own answer: CachesDeleted and SpaceReclaimed …
  expect([...applied.result!.deletedRecords].sort()).toEqual(ids(preview.buildCache));
  expect(applied.result!.spaceReclaimed).toBe(preview.spaceReclaimed);
  expect(preview.spaceReclaimed).toBe(preview.buildCache.reduce((sum, record) => sum + record.size, 0));
  // … and what /system/df lists afterwards: exactly the previewed records are gone, the kept ones stay.
  const after = new Set(recordIds());
  expect(before.filter((id) => !after.has(id)).sort()).toEqual(ids(preview.buildCache));
  for (const kept of preview.buildCacheKept) expect(after.has(kept.record.id)).toBe(true);
  console.log(
    `[build-cache ${sandboxKind()}] ${options.all ? 'all' : 'plain'}${options.until ? ` until ${options.until}` : ''}: ${preview.buildCache.length} of ${before.length} records, ${preview.spaceReclaimed} bytes`,
  );
  return preview;
}
const parseSeconds = (age: string) => Number(/^(\d+)s$/.exec(age)![1]) * 1000;

describe('build cache prune on the sandbox engine', () => {
  beforeAll(() => {
    requireSandbox();
    privateBase(BASE);
  }, 120_000);

  // Each test starts from no records, so what it counts is its own.
  beforeEach(() => pruneAllBuildCache(SANDBOX_SOCKET));

  it('plain: what no image shares goes, a removed image’s steps included, in rounds; shared steps stay', async () => {
    build('strata-bk/a:1', 'RUN echo a1 > /a1\nRUN echo a2 > /a2\nCOPY f.txt /f.txt\nRUN echo a3 > /a3');
    build('strata-bk/b:1', 'RUN echo a1 > /a1\nRUN echo b2 > /b2');
    docker('rmi', 'strata-bk/a:1');
    const preview = await applyAndCheck({});
    // a2 → COPY → a3 is a chain only the removed image had: three rounds of BuildKit's prune. (The COPY
    // record's description is `[3/4] COPY f.txt /f.txt` on 28.5 but `fileop target` on 20.10.)
    for (const step of ['echo a2', 'echo a3']) expect(described(preview, step)).toBe(true);
    expect(keptFor(preview, 'echo a1')?.reason).toMatch(/^Shared with an image/);
    expect(keptFor(preview, 'echo b2')?.reason).toMatch(/^Shared with an image/);
  });

  it('until: only records last used before the cutoff go', async () => {
    build('strata-bk/old:1', 'RUN echo old > /old');
    docker('rmi', 'strata-bk/old:1');
    await sleep(9000);
    build('strata-bk/new:1', 'RUN echo new > /new');
    docker('rmi', 'strata-bk/new:1');
    const preview = await applyAndCheck({ until: '5s' });
    // On a failure, say why the old step stayed and what the engine listed (once seen on a loaded CI machine).
    const why = () => JSON.stringify({ kept: keptFor(preview, 'echo old'), records: buildCacheRecords(SANDBOX_SOCKET) });
    expect(described(preview, 'echo old'), why()).toBe(true);
    expect(described(preview, 'echo new')).toBe(false);
    expect(keptFor(preview, 'echo new')?.reason).toMatch(/after the cutoff/);
  }, 60_000);

  it('all: shared records too, so nothing is left', async () => {
    build('strata-bk/kept:1', 'RUN echo kept > /kept');
    const plain = await prune({ target: 'build-cache', dryRun: true });
    expect(described(plain, 'echo kept')).toBe(false);
    const preview = await applyAndCheck({ all: true });
    expect(described(preview, 'echo kept')).toBe(true);
    expect(preview.buildCache.some((record) => record.shared)).toBe(true);
    expect(recordIds()).toEqual([]);
  });

  it('refuses to apply when the build cache changed since the preview, and removes nothing', async () => {
    build('strata-bk/c:1', 'RUN echo c > /c');
    docker('rmi', 'strata-bk/c:1');
    const preview = await prune({ target: 'build-cache', dryRun: true });
    build('strata-bk/d:1', 'RUN echo d > /d');
    docker('rmi', 'strata-bk/d:1');
    const before = recordIds().sort();
    const refused = await prune({ target: 'build-cache', dryRun: false, expectRecords: ids(preview.buildCache) }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(StrataError);
    expect((refused as StrataError).code).toBe('conflict');
    expect(recordIds().sort()).toEqual(before);
  });
});
