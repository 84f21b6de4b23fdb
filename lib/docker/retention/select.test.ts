import { describe, expect, it } from 'vitest';
import { planImage } from '@/lib/docker/prune/plan-image.fixture';
import { ruleDraftSchema, type RuleDraftInput } from '@/lib/api/retention';
import type { PlanImage } from '@/lib/docker/prune/plan';
import { fitBudget } from '@/lib/docker/retention/budget';
import { patternMatcher, repositoryOf, selectForRule } from '@/lib/docker/retention/select';

const image = planImage;
const rule = (input: Partial<RuleDraftInput>) => ruleDraftSchema.parse({ name: 'r', engines: ['default'], images: 'unused', ...input });
const now = new Date('2026-12-01T00:00:00Z');
const chosen = (images: PlanImage[], input: Partial<RuleDraftInput>) =>
  selectForRule(images, rule(input), now).chosen.map((pick) => pick.image.id);

describe('which images a retention rule picks', () => {
  it('names repositories as people write them, with registries and digests', () => {
    expect(repositoryOf('ci/app:1')).toBe('ci/app');
    expect(repositoryOf('registry.local:5000/app')).toBe('registry.local:5000/app');
    expect(repositoryOf('registry.local:5000/app:2')).toBe('registry.local:5000/app');
    expect(repositoryOf('app@sha256:abc')).toBe('app');
    expect(patternMatcher('ci/*')('ci/app')).toBe(true);
    expect(patternMatcher('ci/*')('cix/app')).toBe(false);
    expect(patternMatcher('app.v1')('appxv1')).toBe(false);
  });

  it('keeps an image tagged in a repository the pattern does not cover, and counts a dangling image by its former tags', () => {
    const images = [
      image('a', { repoTags: ['ci/a:1', 'prod/a:1'] }),
      image('b', { repoTags: ['ci/b:1'] }),
      image('c', { formerTags: ['ci/c:1'] }),
      image('d', { formerTags: ['other:1'] }),
      image('e'),
    ];
    const selection = selectForRule(images, rule({ repositories: 'ci/*' }), now);
    expect(selection.chosen.map((pick) => pick.image.id).sort()).toEqual(['b', 'c']);
    expect(selection.keep).toEqual([expect.objectContaining({ id: 'a', reason: 'Also in prod/a, which ci/* does not cover.' })]);
  });

  it('keep newest 0 keeps none; "dangling" leaves tagged images alone; by last tag time falls back to the build time', () => {
    const images = [
      image('old', { repoTags: ['app:1'], created: '2026-01-01T00:00:00Z', recordTime: '2026-11-30T00:00:00Z' }),
      image('new', { repoTags: ['app:2'], created: '2026-06-01T00:00:00Z' }),
      image('none', { created: '2026-01-01T00:00:00Z' }),
    ];
    expect(chosen(images, { keepNewest: { count: 0, by: 'created' } }).sort()).toEqual(['new', 'none', 'old']);
    expect(chosen(images, { images: 'dangling' })).toEqual(['none']);
    // Retagged yesterday, the old build is the newest by tag time.
    expect(chosen(images, { keepNewest: { count: 1, by: 'tagged' } })).toEqual(['none', 'new']);
    expect(chosen(images, { keepNewest: { count: 1, by: 'created' } })).toEqual(['none', 'old']);
  });

  it('a budget takes the shortest oldest-first run that frees enough, shared layers counted once', () => {
    const shared = { chainId: 'S', size: 1000 };
    const images = [
      image('a', { repoTags: ['x:1'], layers: [shared, { chainId: 'a', size: 10 }] }),
      image('b', { repoTags: ['x:2'], layers: [shared, { chainId: 'b', size: 10 }] }),
      image('c', { repoTags: ['x:3'], layers: [{ chainId: 'c', size: 10 }] }),
    ];
    const options = { store: 'classic' as const, target: 'unused' as const };
    expect(fitBudget(images, ['a', 'b', 'c'], options, 5).count).toBe(1);
    // a alone frees 10: the shared 1000 goes only with b.
    expect(fitBudget(images, ['a', 'b', 'c'], options, 500)).toMatchObject({ count: 2, met: true, plan: { freedBytes: 1020 } });
    expect(fitBudget(images, ['a', 'b', 'c'], options, 5000)).toMatchObject({ count: 3, met: false });
    expect(fitBudget(images, ['a', 'b', 'c'], options, 0).count).toBe(0);
  });
});
