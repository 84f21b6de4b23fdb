import { describe, expect, it } from 'vitest';
import { pruneRequestSchema } from '@/lib/api/prune';

const messageOf = (body: unknown) => {
  const parsed = pruneRequestSchema.safeParse(body);
  return parsed.success ? null : parsed.error.issues[0]?.message;
};

describe('pruneRequestSchema: build cache options', () => {
  it('takes all, an age and the previewed record IDs for build cache', () => {
    const parsed = pruneRequestSchema.parse({
      target: 'build-cache',
      all: true,
      until: '24h',
      expectRecords: ['iqvii2mpxcazivm3kar4a94sz'],
    });
    expect(parsed.all).toBe(true);
    expect(Date.now() - parsed.until!.getTime()).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(parsed.dryRun).toBe(true);
  });

  it('refuses options that mean nothing for the target, saying why', () => {
    expect(messageOf({ target: 'build-cache', labels: ['a=b'] })).toMatch(/no labels/);
    expect(messageOf({ target: 'build-cache', only: ['sha256:' + 'a'.repeat(64)] })).toMatch(/chosen subset/);
    expect(messageOf({ target: 'dangling', all: true })).toMatch(/“all” is for build cache/);
    expect(messageOf({ target: 'unused', expectRecords: ['iqvii2mpxcazivm3kar4a94sz'] })).toMatch(/for build cache/);
  });

  it('refuses bad values: a future cutoff, an age Docker does not know, a malformed record ID, a non-boolean all', () => {
    expect(messageOf({ target: 'build-cache', until: '2999-01-01' })).toMatch(/in the future/);
    expect(messageOf({ target: 'build-cache', until: '7 days' })).toMatch(/is not an age/);
    expect(messageOf({ target: 'build-cache', expectRecords: ['../etc'] })).toMatch(/by their ID/);
    expect(messageOf({ target: 'build-cache', all: 'yes' })).not.toBeNull();
  });
});
