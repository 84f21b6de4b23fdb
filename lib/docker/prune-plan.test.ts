import { describe, expect, it } from 'vitest';
import { engineTagOrder, matchesLabels, planPrune, type PlanImage } from '@/lib/docker/prune-plan';

const image = (id: string, over: Partial<PlanImage> = {}): PlanImage => ({
  id, shortId: id, repoTags: [], size: 100, created: '2026-11-01T00:00:00.000Z', labels: {}, containers: [], ancestors: [], layers: [], formerTags: [], ...over,
});
const layer = (chainId: string, size: number) => ({ chainId, size });

// base ← app ← app-child;  base ← used (a stopped container);  two dangling rebuilds on base.
const images = [
  image('base', { repoTags: ['team/base:1'], layers: [layer('L0', 1000)] }),
  image('app', { repoTags: ['team/app:1', 'localhost:5000/team/app:1'], ancestors: ['base'], layers: [layer('L0', 1000), layer('L1', 50)] }),
  image('app-child', { repoTags: ['team/child:1'], ancestors: ['app', 'base'], layers: [layer('L0', 1000), layer('L1', 50), layer('L2', 7)] }),
  image('used', { repoTags: ['team/used:1', 'team/used:2'], ancestors: ['base'], containers: [{ id: 'c1', name: 'web-1', state: 'exited' }], layers: [layer('L0', 1000), layer('L3', 5)] }),
  image('old1', { ancestors: ['base'], layers: [layer('L0', 1000), layer('L4', 8)], formerTags: ['team/app:dev'] }),
  image('old2', { ancestors: ['base'], layers: [layer('L0', 1000), layer('L5', 9)], created: '2026-11-28T00:00:00.000Z' }),
  image('keepme', { repoTags: ['team/keep:1'], labels: { 'strata.keep': 'true' }, layers: [layer('K0', 300)] }),
];

describe('planPrune', () => {
  it('dangling: deletes untagged images nothing builds on, and frees only their own layers', () => {
    const plan = planPrune(images, { target: 'dangling' });
    expect(plan.remove.map((item) => item.id)).toEqual(['old1', 'old2']);
    expect(plan.remove.map((item) => item.freedBytes)).toEqual([8, 9]);
    expect(plan.freedBytes).toBe(17);
    expect(plan.remove[0]!.formerTags).toEqual(['team/app:dev']);
    expect(plan.keep).toEqual([]);
  });

  it('unused: keeps what a container uses (minus its extra tags), what is protected, and parents of what stays', () => {
    const plan = planPrune(images, { target: 'unused' });
    expect(plan.remove.map((item) => item.id).sort()).toEqual(['app', 'app-child', 'old1', 'old2']);
    const keep = Object.fromEntries(plan.keep.map((item) => [item.id, item]));
    expect(keep.used!.reason).toBe('Used by container web-1 (stopped).');
    // The engine removes every tag but the last, in lexical order of full names.
    expect(keep.used!.untags).toEqual(['team/used:1']);
    expect(keep.keepme!.reason).toMatch(/strata.keep=true/);
    // base stays because `used` (which stays) is built on it; it loses its tag.
    expect(keep.base!.untags).toEqual(['team/base:1']);
    // L0 stays (base, used); L1, L2, L4, L5 go.
    expect(plan.freedBytes).toBe(50 + 7 + 8 + 9);
  });

  it('a parent whose children all go, goes too, whatever the order', () => {
    const plan = planPrune(images.filter((candidate) => candidate.id !== 'used'), { target: 'unused' });
    expect(plan.remove.map((item) => item.id).sort()).toEqual(['app', 'app-child', 'base', 'old1', 'old2']);
    expect(plan.freedBytes).toBe(1000 + 50 + 7 + 8 + 9);
  });

  it('honours until, labels and a chosen subset', () => {
    expect(planPrune(images, { target: 'dangling', until: new Date('2026-11-15T00:00:00Z') }).remove.map((item) => item.id)).toEqual(['old1']);
    expect(planPrune(images, { target: 'unused', labels: ['strata.keep=true'] }).keep.map((item) => item.id)).toEqual(['keepme']);
    expect(planPrune(images, { target: 'dangling', only: new Set(['old2']) }).remove.map((item) => item.id)).toEqual(['old2']);
  });
});

describe('helpers', () => {
  it('orders tags the way the engine removes them', () => {
    // By full name: docker.io/library/nginx… < docker.io/team/app… < localhost:5000/…
    expect(engineTagOrder(['team/app:1', 'localhost:5000/team/app:1', 'nginx:latest'])).toEqual(['nginx:latest', 'team/app:1', 'localhost:5000/team/app:1']);
  });

  it('matches label filters like the engine', () => {
    expect(matchesLabels({ a: '1', b: '' }, ['a', 'a=1', 'b='])).toBe(true);
    expect(matchesLabels({ a: '1' }, ['a=2'])).toBe(false);
    expect(matchesLabels({}, ['a'])).toBe(false);
  });
});
