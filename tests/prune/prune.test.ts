// Runs on its own sandbox engine (scripts/test.sh starts it): a real `prune -a` leaves little behind.
// The point: the dry run lists exactly what the engine then deletes, and the bytes agree.
import { beforeAll, describe, expect, it } from 'vitest';
import { prune } from '@/lib/docker/prune';
import { StrataError } from '@/lib/api/errors';
import { buildImage, docker, imageExists as exists, engineGet, requireSandbox } from '../integration/sandbox';

const ids = (list: { id: string }[]) => list.map((item) => item.id).sort();
const layersSize = () => engineGet<{ LayersSize: number }>('/system/df').LayersSize;

describe('prune on the sandbox engine', () => {
  beforeAll(() => {
    requireSandbox();
    // A protected image, two more dangling rebuilds, and a second tag on the image a container uses.
    buildImage('strata-prune/keep:1', 'FROM strata-fixture/base:1\nLABEL strata.keep=true\nRUN echo keep > /keep\n');
    for (const n of [1, 2, 3]) buildImage('strata-prune/rebuild:1', `FROM strata-fixture/base:1\nRUN echo ${n} > /n\n`);
    docker('tag', 'strata-fixture/used:1', 'strata-prune/used:extra');
  });

  it('a chosen subset: only those go, exactly as previewed', async () => {
    const first = buildImage('strata-prune/subset:1', 'FROM strata-fixture/base:1\nRUN echo subset-1 > /s\n');
    buildImage('strata-prune/subset:1', 'FROM strata-fixture/base:1\nRUN echo subset-2 > /s\n');
    const others = docker('image', 'ls', '-q', '--no-trunc', '--filter', 'dangling=true').split('\n').filter((id) => id && id !== first);
    const preview = await prune({ target: 'dangling', dryRun: true, only: [first] });
    expect(ids(preview.images)).toEqual([first]);
    const before = layersSize();
    const applied = await prune({ target: 'dangling', dryRun: false, only: [first] });
    expect(applied.result).toMatchObject({ matchesPreview: true, deletedImages: [first] });
    expect(before - layersSize()).toBe(preview.spaceReclaimed);
    expect(exists(first)).toBe(false);
    for (const id of others) expect(exists(id)).toBe(true);
  });

  it('refuses to run when what would be deleted is no longer what was confirmed', async () => {
    const preview = await prune({ target: 'dangling', dryRun: true });
    buildImage('strata-prune/late:1', 'FROM strata-fixture/base:1\nRUN echo late-1 > /l\n');
    buildImage('strata-prune/late:1', 'FROM strata-fixture/base:1\nRUN echo late-2 > /l\n');
    await expect(prune({ target: 'dangling', dryRun: false, expect: ids(preview.images) })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('dangling: the preview is exactly what the engine deletes, and the bytes agree with /system/df', async () => {
    const preview = await prune({ target: 'dangling', dryRun: true });
    const dangling = docker('image', 'ls', '-q', '--no-trunc', '--filter', 'dangling=true').split('\n').filter(Boolean).sort();
    expect(dangling.length).toBeGreaterThanOrEqual(4);
    expect(ids(preview.images)).toEqual(dangling);
    expect(preview.spaceReclaimed).toBeGreaterThan(0);
    // A dry run changes nothing.
    expect(docker('image', 'ls', '-q', '--no-trunc', '--filter', 'dangling=true').split('\n').filter(Boolean).sort()).toEqual(dangling);

    const before = layersSize();
    const applied = await prune({ target: 'dangling', dryRun: false });
    expect(applied.result?.matchesPreview).toBe(true);
    expect(applied.result?.differences).toEqual([]);
    expect([...applied.result!.deletedImages].sort()).toEqual(ids(preview.images));
    expect(applied.spaceReclaimed).toBe(preview.spaceReclaimed);
    expect(before - layersSize()).toBe(applied.spaceReclaimed);
    expect(exists('strata-fixture/used:1') && exists('strata-prune/keep:1')).toBe(true);
  });

  it('unused (prune -a): two at once do not both run, and the one that runs matches its preview', async () => {
    const preview = await prune({ target: 'unused', dryRun: true });
    const kept = Object.fromEntries(preview.keep.map((item) => [item.repoTags[0] ?? item.id, item]));
    expect(kept['strata-prune/keep:1']?.reason).toMatch(/strata.keep=true/);
    expect(kept['strata-fixture/used:1']?.reason).toBe('Used by container strata-fixture-used (stopped).');
    expect(kept['strata-fixture/used:1']?.untags).toEqual(['strata-fixture/used:1']);
    expect(kept['strata-fixture/base:1']?.untags).toEqual(['strata-fixture/base:1']);

    const before = layersSize();
    const [first, second] = await Promise.allSettled([prune({ target: 'unused', dryRun: false }), prune({ target: 'unused', dryRun: false })]);
    const outcomes = [first, second];
    const done = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const reason = (refused[0] as PromiseRejectedResult).reason as StrataError;
    expect(reason.code).toBe('conflict');
    expect(reason.message).toMatch(/A prune is already running/);

    const applied = (done[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof prune>>>).value;
    expect(applied.result?.differences).toEqual([]);
    expect([...applied.result!.deletedImages].sort()).toEqual(ids(preview.images));
    expect(before - layersSize()).toBe(applied.spaceReclaimed);
    expect(applied.spaceReclaimed).toBe(preview.spaceReclaimed);
    // Kept as predicted: the used image keeps its last tag in the engine's order; base stays, untagged.
    expect(exists('strata-prune/used:extra')).toBe(true);
    expect(exists('strata-fixture/used:1')).toBe(false);
    expect(exists('strata-prune/keep:1')).toBe(true);
    expect(exists('strata-fixture/base:1')).toBe(false);
    expect(exists(kept['strata-fixture/base:1']!.id)).toBe(true);
  });

  it('refuses a malformed age with a 400-class error before touching anything', async () => {
    const { pruneBody } = await import('@/lib/api/schemas');
    expect(() => pruneBody.parse({ target: 'unused', until: 'last tuesday' })).toThrow(/not an age/);
    expect(pruneBody.parse({ target: 'dangling', until: '24h' }).dryRun).toBe(true);
  });
});
