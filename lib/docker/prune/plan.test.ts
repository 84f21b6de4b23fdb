import { describe, expect, it } from 'vitest';
import { planImage } from '@/lib/docker/prune/plan-image.fixture';
import { planPrune, type PlanOptions } from '@/lib/docker/prune/plan';
import { engineTagOrder, matchesLabels } from '@/lib/docker/prune/plan-rules';
import { snapshotUsage } from '@/lib/docker/prune/bytes';

const image = planImage;
const layer = (chainId: string, size: number) => ({ chainId, size });
const stopped = (imageRef: string) => [{ id: 'c1', name: 'web-1', state: 'exited', imageRef }];

// base ← i2 (LABEL) ← app ← app-child;  base ← used (a stopped container);  base ← i1 ← old1 and
// base ← old2 (two dangling rebuilds, old1 with an intermediate);  keepme is protected.
const images = [
  image('base', { repoTags: ['team/base:1'], layers: [layer('L0', 1000)], unpacked: 1000 }),
  image('i2', { parentId: 'base', layers: [layer('L0', 1000)], unpacked: 1000 }),
  image('app', {
    repoTags: ['team/app:1', 'localhost:5000/team/app:1'],
    parentId: 'i2',
    layers: [layer('L0', 1000), layer('L1', 50)],
    unpacked: 1062,
  }),
  image('app-child', {
    repoTags: ['team/child:1'],
    parentId: 'app',
    layers: [layer('L0', 1000), layer('L1', 50), layer('L2', 7)],
    unpacked: 1081,
  }),
  image('used', {
    repoTags: ['team/used:1', 'team/used:2'],
    parentId: 'base',
    containers: stopped('team/used:1'),
    layers: [layer('L0', 1000), layer('L3', 5)],
    unpacked: 1017,
  }),
  image('i1', { parentId: 'base', layers: [layer('L0', 1000)], unpacked: 1000 }),
  image('old1', { parentId: 'i1', layers: [layer('L0', 1000), layer('L4', 8)], formerTags: ['team/app:dev'], unpacked: 1020 }),
  image('old2', { parentId: 'base', layers: [layer('L0', 1000), layer('L5', 9)], created: '2026-11-28T00:00:00.000Z', unpacked: 1021 }),
  image('keepme', { repoTags: ['team/keep:1'], labels: { 'strata.keep': 'true' }, layers: [layer('K0', 300)], unpacked: 300 }),
];
const ids = (list: { id: string }[]) => list.map((item) => item.id).sort();
const classic = (over: Partial<PlanOptions> = {}): PlanOptions => ({ store: 'classic', target: 'dangling', ...over });
const containerd = (over: Partial<PlanOptions> = {}): PlanOptions => ({ store: 'containerd', target: 'dangling', ...over });

describe('planPrune on the classic store', () => {
  it('dangling: untagged images nothing builds on, with the intermediates the engine deletes along', () => {
    const plan = planPrune(images, classic());
    expect(ids(plan.remove)).toEqual(['i1', 'old1', 'old2']);
    const byId = Object.fromEntries(plan.remove.map((item) => [item.id, item]));
    expect(byId.old1!.reason).toBe('Dangling: no tag, used to be team/app:dev, and no image builds on it.');
    expect(byId.i1!.reason).toBe('Intermediate of a legacy build of old1 (was team/app:dev): the engine deletes it with that image.');
    expect(plan.freedBytes).toBe(8 + 9);
    expect(plan.bytes).toMatchObject({ figure: 'layers', exact: true });
    expect(plan.keep).toEqual([]);
    // Children before parents, each without noprune cascades: old1 before i1.
    const refs = plan.steps.map((step) => step.ref);
    expect(refs.indexOf('old1')).toBeLessThan(refs.indexOf('i1'));
    expect(plan.steps.every((step) => step.expect === 'delete')).toBe(true);
  });

  it('unused: keeps what a container uses (minus its extra tags), what is protected, and parents of what stays', () => {
    const plan = planPrune(images, classic({ target: 'unused' }));
    expect(ids(plan.remove)).toEqual(['app', 'app-child', 'i1', 'i2', 'old1', 'old2']);
    const keep = Object.fromEntries(plan.keep.map((item) => [item.id, item]));
    expect(keep.used!.reason).toBe('Used by container web-1 (stopped).');
    expect(keep.used!.untags).toEqual(['team/used:1']);
    expect(keep.keepme!.reason).toMatch(/strata.keep=true/);
    expect(keep.base!.untags).toEqual(['team/base:1']);
    expect(plan.freedBytes).toBe(50 + 7 + 8 + 9);
    // app-child goes before app, app before its intermediate; tags one by one, the last one deletes.
    const appSteps = plan.steps.filter((step) => step.imageId === 'app');
    expect(appSteps).toEqual([
      { imageId: 'app', ref: 'team/app:1', expect: 'untag' },
      { imageId: 'app', ref: 'localhost:5000/team/app:1', expect: 'delete' },
    ]);
    const order = plan.steps.map((step) => step.imageId);
    expect(order.indexOf('app-child')).toBeLessThan(order.indexOf('app'));
    expect(order.indexOf('app')).toBeLessThan(order.indexOf('i2'));
  });

  it('a parent whose children all go, goes too', () => {
    const plan = planPrune(
      images.filter((candidate) => candidate.id !== 'used'),
      classic({ target: 'unused' }),
    );
    expect(ids(plan.remove)).toEqual(['app', 'app-child', 'base', 'i1', 'i2', 'old1', 'old2']);
    expect(plan.freedBytes).toBe(1000 + 50 + 7 + 8 + 9);
  });

  it('honours until, labels and a chosen subset; intermediates follow their image', () => {
    expect(ids(planPrune(images, classic({ until: new Date('2026-11-15T00:00:00Z') })).remove)).toEqual(['i1', 'old1']);
    expect(planPrune(images, classic({ target: 'unused', labels: ['strata.keep=true'] })).keep.map((item) => item.id)).toEqual(['keepme']);
    expect(ids(planPrune(images, classic({ only: new Set(['old2']) })).remove)).toEqual(['old2']);
  });
});

describe('planPrune on the containerd store', () => {
  it('dangling: every untagged image, the intermediates of images that stay tagged included', () => {
    const plan = planPrune(images, containerd());
    expect(ids(plan.remove)).toEqual(['i1', 'i2', 'old1', 'old2']);
    const i2 = plan.remove.find((item) => item.id === 'i2')!;
    expect(i2.reason).toBe(
      'Intermediate of a legacy build of team/app:1: the containerd image store prunes every untagged image, even while team/app:1 keeps its tag.',
    );
    expect(plan.steps.every((step) => step.expect === 'delete' && step.ref === step.imageId)).toBe(true);
  });

  it('unused: a container keeps the tag it was made from; nothing keeps a parent', () => {
    const plan = planPrune(images, containerd({ target: 'unused' }));
    expect(ids(plan.remove)).toEqual(['app', 'app-child', 'base', 'i1', 'i2', 'old1', 'old2']);
    const used = plan.keep.find((item) => item.id === 'used')!;
    expect(used.reason).toBe('Used by container web-1 (stopped): it keeps team/used:1.');
    expect(used.untags).toEqual(['team/used:2']);
    expect(plan.keep.find((item) => item.id === 'keepme')!.reason).toMatch(/strata.keep=true/);
  });

  it('a container made from an ID keeps the last record in the engine’s order', () => {
    const plan = planPrune(
      images.map((item) => (item.id === 'used' ? { ...item, containers: stopped('used') } : item)),
      containerd({ target: 'unused' }),
    );
    expect(plan.keep.find((item) => item.id === 'used')!.untags).toEqual(['team/used:1']);
  });

  it('until compares when the record was made: a dangling image counts from when it lost its tag', () => {
    const late = images.map((item) => (item.id === 'old1' ? { ...item, recordTime: '2026-11-29T00:00:00.000Z' } : item));
    expect(ids(planPrune(late, containerd({ until: new Date('2026-11-15T00:00:00Z') })).remove)).toEqual(['i1', 'i2']);
  });

  it('bytes: snapshots (with the build snapshots only Unpacked shows) plus unread content as an estimate', () => {
    const plan = planPrune(images, containerd());
    // old1's own layer is 8 in history; Unpacked says its chain holds 20 over i1's 1000: a 12-byte build snapshot.
    expect(plan.remove.find((item) => item.id === 'old1')!.freedBytes).toBe(20);
    expect(plan.bytes).toMatchObject({ figure: 'snapshots-and-content', exact: false });
    expect(plan.bytes!.note).toMatch(/could not be read/);
  });

  it('bytes are exact once the going images’ blobs are known', () => {
    const blobs = (id: string, diffIds: string[], sizes: number[]) => [
      { digest: id, size: 500, kind: 'manifest' as const, diffId: null },
      { digest: `cfg-${id}`, size: 700, kind: 'config' as const, diffId: null },
      ...diffIds.map((diffId, i) => ({ digest: `blob-${diffId}`, size: sizes[i]!, kind: 'layer' as const, diffId })),
    ];
    const withBlobs = images.map((item) => {
      const diffIds = item.layers.map((entry) => `d${entry.chainId}`);
      return {
        ...item,
        diffIds,
        blobs: ['i1', 'i2', 'old1', 'old2'].includes(item.id)
          ? blobs(
              item.id,
              diffIds,
              diffIds.map(() => 40),
            )
          : null,
      };
    });
    const plan = planPrune(withBlobs, containerd());
    expect(plan.bytes!.exact).toBe(true);
    // Snapshots: old1 20, old2 21; content: 4 × (500 + 700) and the blobs of L4 and L5 (the base blob stays).
    expect(plan.freedBytes).toBe(20 + 21 + 4 * 1200 + 2 * 40);
  });
});

describe('bytes without Unpacked (containerd before API 1.47)', () => {
  it('count layers at their history size and say it is an estimate', () => {
    const plan = planPrune(
      images.map((item) => ({ ...item, unpacked: null })),
      containerd(),
    );
    expect(plan.remove.find((item) => item.id === 'old1')!.freedBytes).toBe(8);
    expect(plan.bytes!.note).toMatch(/does not report the snapshot usage/);
  });
});

describe('snapshotUsage', () => {
  it('gives each layer Unpacked(image) − Unpacked(image below); a stretch without images goes to its top', () => {
    const nodes = snapshotUsage([
      image('a', { layers: [layer('C0', 100)], unpacked: 100 }),
      image('b', { layers: [layer('C0', 100), layer('C1', 10), layer('C2', 20)], unpacked: 100 + 10 + 20 + 24 }),
    ]);
    expect(nodes.get('C0')).toEqual({ usage: 100, own: 100, carries: [] });
    expect(nodes.get('C1')).toEqual({ usage: 10, own: 10, carries: [] });
    expect(nodes.get('C2')).toEqual({ usage: 20 + 24, own: 20, carries: ['C1'] });
  });
});

describe('helpers', () => {
  it('orders tags the way the engine removes them', () => {
    // By full name: docker.io/library/nginx… < docker.io/team/app… < localhost:5000/…
    expect(engineTagOrder(['team/app:1', 'localhost:5000/team/app:1', 'nginx:latest'])).toEqual([
      'nginx:latest',
      'team/app:1',
      'localhost:5000/team/app:1',
    ]);
  });

  it('matches label filters like the engine', () => {
    expect(matchesLabels({ a: '1', b: '' }, ['a', 'a=1', 'b='])).toBe(true);
    expect(matchesLabels({ a: '1' }, ['a=2'])).toBe(false);
    expect(matchesLabels({}, ['a'])).toBe(false);
  });
});
