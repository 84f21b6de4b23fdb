// A rule in words, for the rules list and the report: what it keeps, what it deletes, when it runs.
// Also the byte sizes people type ("20 GB"). Pure: the page and its tests use it.
import type { RuleDraft, Schedule } from '@/lib/api/retention';
import { formatBytes } from '@/lib/format';

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** `20 GB`, `1.5GiB`, `800mb` in bytes (GB as `docker image ls` counts: 10⁹); null when it is not a size. */
export function parseByteSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return null;
  const unit = UNITS[(match[2] || 'b').toLowerCase()];
  if (!unit) return null;
  const bytes = Math.round(Number(match[1]) * unit);
  return bytes > 0 ? bytes : null;
}

const AGE_WORDS = { m: 'minute', h: 'hour', d: 'day' } as const;

export function ageWords(age: string): string {
  const match = /^(\d+)(m|h|d)$/.exec(age);
  if (!match) return age;
  const n = Number(match[1]);
  return `${n} ${AGE_WORDS[match[2] as keyof typeof AGE_WORDS]}${n === 1 ? '' : 's'}`;
}

export function scheduleWords(schedule: Schedule): string {
  if (schedule.every === 'off') return 'Only when run by hand';
  if (schedule.every === 'hourly') return `Every hour at :${schedule.at.slice(3)}`;
  return `Every day at ${schedule.at}`;
}

/** One sentence: "Unused images in ci/*, except the newest 3 of each repository and any under 7 days old." */
export function describeRule(
  rule: Pick<RuleDraft, 'images' | 'keepNewest' | 'olderThan' | 'repositories' | 'budgetBytes' | 'buildCacheOlderThan'>,
): string {
  const what = rule.images === 'dangling' ? 'Dangling images' : 'Unused images (tagged or not)';
  const where = rule.repositories ? ` in ${rule.repositories}` : '';
  const except: string[] = [];
  if (rule.keepNewest)
    except.push(
      `the newest ${rule.keepNewest.count} of each repository (by ${rule.keepNewest.by === 'tagged' ? 'last tag time' : 'build time'})`,
    );
  if (rule.olderThan) except.push(`any ${ageWords(rule.olderThan)} old or newer`);
  const parts = [`${what}${where}${except.length ? `, except ${except.join(' and ')}` : ''}`];
  if (rule.budgetBytes !== null) parts.push(`only as many, oldest first, as it takes to get images under ${formatBytes(rule.budgetBytes)}`);
  if (rule.buildCacheOlderThan) parts.push(`and build cache unused for ${ageWords(rule.buildCacheOlderThan)}`);
  return `${parts.join('; ')}. Never images labelled strata.keep=true or used by a container.`;
}
