import { describe, expect, it } from 'vitest';
import { describeRule, parseByteSize, scheduleWords } from '@/lib/retention/describe';

describe('rule words', () => {
  it('reads sizes as people type them', () => {
    expect(parseByteSize('20 GB')).toBe(20e9);
    expect(parseByteSize('1.5GiB')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('800')).toBe(800);
    expect(parseByteSize('20 GX')).toBeNull();
    expect(parseByteSize('-1 GB')).toBeNull();
    expect(parseByteSize('0')).toBeNull();
  });

  it('says what a rule keeps and deletes', () => {
    const rule = {
      images: 'unused' as const,
      keepNewest: { count: 3, by: 'created' as const },
      olderThan: '7d',
      repositories: 'ci/*',
      budgetBytes: null,
      buildCacheOlderThan: null,
    };
    expect(describeRule(rule)).toBe(
      'Unused images (tagged or not) in ci/*, except the newest 3 of each repository (by build time) and any 7 days old or newer. Never images labelled strata.keep=true or used by a container.',
    );
    expect(scheduleWords({ every: 'daily', at: '03:00' })).toBe('Every day at 03:00');
    expect(scheduleWords({ every: 'hourly', at: '00:15' })).toBe('Every hour at :15');
  });
});
