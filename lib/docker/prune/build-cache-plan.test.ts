// The selection rule against what the real engines removed (lib/docker/__fixtures__/api-1.51/build-cache/README.md).
import { describe, expect, it } from 'vitest';
import { mapBuildCache, planBuildCache, type RawBuildCacheRecord } from '@/lib/docker/prune/build-cache-plan';
import chainDf from '@/lib/docker/__fixtures__/api-1.51/build-cache/chain/system_df.json';
import chainPrune from '@/lib/docker/__fixtures__/api-1.51/build-cache/chain/build_prune.json';
import plainDf from '@/lib/docker/__fixtures__/api-1.51/build-cache/plain/system_df.json';
import plainPrune from '@/lib/docker/__fixtures__/api-1.51/build-cache/plain/build_prune.json';
import untilDf from '@/lib/docker/__fixtures__/api-1.51/build-cache/until/system_df.json';
import untilPrune from '@/lib/docker/__fixtures__/api-1.51/build-cache/until/build_prune.json';
import allDf from '@/lib/docker/__fixtures__/api-1.51/build-cache/all-in-use/system_df.json';
import allPrune from '@/lib/docker/__fixtures__/api-1.51/build-cache/all-in-use/build_prune.json';
import classicDf from '@/lib/docker/__fixtures__/api-1.41/build-cache/plain/system_df.json';
import classicPrune from '@/lib/docker/__fixtures__/api-1.41/build-cache/plain/build_prune.json';

type Df = { BuildCache: RawBuildCacheRecord[] | null };
const records = (df: unknown) => mapBuildCache(df as Df);
const ids = (list: { id: string }[]) => list.map((record) => record.id).sort();

describe('planBuildCache on recorded engine answers', () => {
  it('reads the parent list under the key Docker 28.5 really sends (" Parents") and 1.41’s Parent', () => {
    const chain = records(chainDf);
    expect(chain.find((record) => record.description.startsWith('[3/4] COPY'))?.parents).toEqual(['sa18xm6sc00q1snlwlfjm0zz1']);
    const classic = records(classicDf);
    expect(classic.find((record) => record.description.includes('echo p2'))?.parents).toEqual(['enbq4mx8kkl0gl78ishxvc5jc']);
  });

  it('plain prune: a parent chain goes in rounds, the shared base stays (records and bytes as the engine)', () => {
    const plan = planBuildCache(records(chainDf), { all: false, cutoff: null });
    expect(ids(plan.remove)).toEqual([...chainPrune.CachesDeleted].sort());
    expect(plan.bytes).toBe(chainPrune.SpaceReclaimed);
    expect(plan.rounds).toBe(3);
    // Children first, as the engine listed them.
    expect(plan.remove.map((record) => record.id)).toEqual(chainPrune.CachesDeleted);
    expect(plan.keep).toEqual([expect.objectContaining({ reason: expect.stringContaining('Shared with an image') })]);
  });

  it('plain prune: contexts, a cache mount and an unshared step go; shared steps stay', () => {
    const plan = planBuildCache(records(plainDf), { all: false, cutoff: null });
    expect(ids(plan.remove)).toEqual([...plainPrune.CachesDeleted].sort());
    expect(plan.bytes).toBe(plainPrune.SpaceReclaimed);
    expect(plan.remove.map((record) => record.type)).toContain('exec.cachemount');
  });

  it('until: only records last used before the cutoff', () => {
    const plan = planBuildCache(records(untilDf), { all: false, cutoff: new Date(Date.parse('2026-12-02T02:26:18Z') - 30_000) });
    expect(ids(plan.remove)).toEqual([...untilPrune.CachesDeleted].sort());
    expect(plan.bytes).toBe(untilPrune.SpaceReclaimed);
    expect(plan.keep.filter((kept) => kept.reason.includes('after the cutoff')).length).toBeGreaterThan(0);
    // Without the cutoff the newer build's context records would go too.
    expect(planBuildCache(records(untilDf), { all: false, cutoff: null }).remove.length).toBeGreaterThan(plan.remove.length);
  });

  it('all: shared records too, never those a running build holds, a parent only after its children', () => {
    const all = records(allDf);
    const plan = planBuildCache(all, { all: true, cutoff: null });
    expect(ids(plan.remove)).toEqual([...allPrune.CachesDeleted].sort());
    expect(plan.bytes).toBe(allPrune.SpaceReclaimed);
    expect(plan.remove.some((record) => record.shared)).toBe(true);
    expect(plan.keep.map((kept) => kept.record.inUse)).toEqual(all.filter((record) => record.inUse).map(() => true));
    expect(plan.rounds).toBe(2);
    // Without `all` only the unshared, unused ones.
    const plain = planBuildCache(all, { all: false, cutoff: null });
    expect(plain.remove.every((record) => !record.shared && !record.inUse)).toBe(true);
  });

  it('the classic engine (20.10, API 1.41) follows the same rule', () => {
    const plan = planBuildCache(records(classicDf), { all: false, cutoff: null });
    expect(ids(plan.remove)).toEqual([...classicPrune.CachesDeleted].sort());
    expect(plan.bytes).toBe(classicPrune.SpaceReclaimed);
  });

  it('a child that stays keeps its parent, and says so', () => {
    const record = (id: string, parents: string[], extra: Partial<RawBuildCacheRecord> = {}): RawBuildCacheRecord => ({
      ID: id,
      ' Parents': parents,
      Type: 'regular',
      Size: 10,
      InUse: false,
      Shared: false,
      LastUsedAt: '2026-12-02T02:00:00Z',
      ...extra,
    });
    const list = mapBuildCache({
      BuildCache: [
        record('parentrecord1', []),
        record('childrecord01', ['parentrecord1'], { LastUsedAt: '2026-12-02T03:00:00Z', Description: 'RUN new' }),
      ],
    });
    const plan = planBuildCache(list, { all: true, cutoff: new Date('2026-12-02T02:30:00Z') }, new Date('2026-12-02T03:00:10Z'));
    expect(plan.remove).toEqual([]);
    expect(plan.keep.map((kept) => kept.reason)).toEqual([
      expect.stringContaining('Built on by RUN new, which stays'),
      'Used just now, after the cutoff.',
    ]);
  });
});
