// Which images a retention rule asks to delete, before the engine's own rules have their say
// (lib/docker/retention/preview.ts hands these to the prune plan as its `only`, so in-use parents,
// children and the store's record rules still apply). Pure: the tests feed it images and a clock.
//
// Choices a user would expect, made explicit:
// - "keep the newest N" ranks every image of a repository, in use or not, and keeps those N; an image in
//   several repositories stays if it is among the newest of any. Images built (or tagged) at the same
//   moment as the Nth newest stay too: which of two equal images is "newer" would be a coin toss.
// - "older than" is strict: an image exactly that old stays.
// - with a repository pattern, an image goes only if every repository it is in matches (deleting it
//   removes all its tags); a dangling image counts by the tags Strata saw it carry before.
// - images labelled strata.keep=true and images a container was created from are never chosen.
import 'server-only';
import type { PruneKeep } from '@/lib/api/prune';
import { ageMs, type RuleDraft } from '@/lib/api/retention';
import type { PlanImage } from '@/lib/docker/prune/plan';
import { isProtected, PROTECT_LABEL, usedBy } from '@/lib/docker/prune/plan-rules';
import { formatRelative } from '@/lib/format';

export interface Chosen {
  image: PlanImage;
  reason: string;
  repositories: string[];
  /** The time the rule ranks and ages by. */
  time: number;
}

export interface RuleSelection {
  /** Oldest first: a byte budget takes them in this order. */
  chosen: Chosen[];
  keep: PruneKeep[];
}

/** `ci/app:1` → `ci/app`; `app@sha256:…` → `app`. */
export function repositoryOf(tag: string): string {
  const name = tag.split('@')[0]!;
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}

export function patternMatcher(pattern: string | null): (repository: string) => boolean {
  if (!pattern) return () => true;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`);
  return (repository) => regex.test(repository);
}

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

function timeOf(image: PlanImage, by: 'created' | 'tagged'): number {
  const created = image.createdExact ?? image.created;
  const raw = by === 'tagged' ? (image.recordTime ?? created) : created;
  const time = Date.parse(raw);
  return Number.isFinite(time) ? time : 0;
}

/** Per repository, why each of its newest N stays (a rank, or a tie with the Nth). */
function newestReasons(images: readonly PlanImage[], rule: RuleDraft): Map<string, string> {
  const reasons = new Map<string, string>();
  const keep = rule.keepNewest;
  if (!keep) return reasons;
  const byRepository = new Map<string, PlanImage[]>();
  for (const image of images)
    for (const repository of new Set(image.repoTags.map(repositoryOf)))
      byRepository.set(repository, [...(byRepository.get(repository) ?? []), image]);
  const verb = keep.by === 'tagged' ? 'tagged' : 'built';
  for (const [repository, members] of byRepository) {
    if (keep.count === 0) continue;
    const ranked = [...members].sort((a, b) => timeOf(b, keep.by) - timeOf(a, keep.by) || (a.id < b.id ? -1 : 1));
    const last = ranked[Math.min(keep.count, ranked.length) - 1]!;
    const edge = timeOf(last, keep.by);
    ranked.forEach((image, index) => {
      if (reasons.has(image.id)) return;
      if (index < keep.count) reasons.set(image.id, `The ${ordinal(index + 1)} newest of ${repository} (keeps ${keep.count}).`);
      else if (timeOf(image, keep.by) === edge)
        reasons.set(
          image.id,
          `${verb[0]!.toUpperCase()}${verb.slice(1)} at the same moment as the ${ordinal(keep.count)} newest of ${repository}, so kept with it.`,
        );
    });
  }
  return reasons;
}

export function selectForRule(images: readonly PlanImage[], rule: RuleDraft, now: Date): RuleSelection {
  const matches = patternMatcher(rule.repositories);
  const by = rule.keepNewest?.by ?? 'created';
  const newest = newestReasons(images, rule);
  const maxAge = rule.olderThan ? ageMs(rule.olderThan) : null;
  const chosen: Chosen[] = [];
  const keep: PruneKeep[] = [];
  for (const image of images) {
    const dangling = image.repoTags.length === 0;
    if (rule.images === 'dangling' && !dangling) continue;
    const repositories = [...new Set((dangling ? image.formerTags : image.repoTags).map(repositoryOf))];
    // A pattern narrows what the rule looks at: images outside it are not listed at all.
    if (rule.repositories && (repositories.length === 0 || !repositories.some(matches))) continue;
    const stay = (reason: string) => keep.push({ id: image.id, shortId: image.shortId, repoTags: image.repoTags, reason, untags: [] });
    if (isProtected(image)) {
      stay(`Labelled ${PROTECT_LABEL}=true: never deleted.`);
      continue;
    }
    if (image.containers.length > 0) {
      stay(`Used by container ${usedBy(image.containers)}.`);
      continue;
    }
    const outside = repositories.filter((repository) => !matches(repository));
    if (outside.length > 0) {
      stay(`Also in ${outside.join(', ')}, which ${rule.repositories} does not cover.`);
      continue;
    }
    const kept = newest.get(image.id);
    if (kept) {
      stay(kept);
      continue;
    }
    const time = timeOf(image, by);
    const iso = new Date(time).toISOString();
    const verb = by === 'tagged' && image.recordTime ? 'Tagged' : 'Built';
    if (maxAge !== null && time >= now.getTime() - maxAge) {
      stay(`${verb} ${formatRelative(iso, now)}: not older than ${rule.olderThan}.`);
      continue;
    }
    const why = [
      dangling
        ? 'Dangling (no tag)'
        : rule.keepNewest
          ? `Not among the ${rule.keepNewest.count} newest of ${repositories.join(', ')}`
          : 'Unused',
      maxAge !== null ? `${verb.toLowerCase()} ${formatRelative(iso, now)}, older than ${rule.olderThan}` : null,
    ].filter(Boolean);
    chosen.push({ image, reason: `${why.join('; ')}.`, repositories, time });
  }
  chosen.sort((a, b) => a.time - b.time || (a.image.id < b.image.id ? -1 : 1));
  return { chosen, keep };
}
