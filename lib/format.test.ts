import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime, formatPercent, formatPlatform, formatRelative, shortId } from '@/lib/format';

describe('formatBytes (as `docker image ls` prints sizes)', () => {
  it('prints bytes below 1000 as whole bytes', () => {
    expect(formatBytes(0)).toBe('0B');
    expect(formatBytes(35)).toBe('35B');
    expect(formatBytes(999)).toBe('999B');
  });

  it('uses decimal units with three significant digits and no trailing zeros', () => {
    expect(formatBytes(1000)).toBe('1kB');
    expect(formatBytes(1500)).toBe('1.5kB');
    expect(formatBytes(262144)).toBe('262kB');
    expect(formatBytes(1982454)).toBe('1.98MB');
    expect(formatBytes(2244633)).toBe('2.24MB');
    expect(formatBytes(7380000)).toBe('7.38MB');
    expect(formatBytes(72_800_000)).toBe('72.8MB');
    expect(formatBytes(1_000_000_000)).toBe('1GB');
    expect(formatBytes(25276510208)).toBe('25.3GB');
  });

  it('rounds where docker rounds', () => {
    expect(formatBytes(1005)).toBe('1kB');
    expect(formatBytes(1_234_567)).toBe('1.23MB');
    expect(formatBytes(99_950)).toBe('100kB');
  });

  // Known bug (see the report): 999.5kB…999.999kB rounds to "1000kB", four digits, instead of moving
  // up a unit. Remove `.fails` once formatBytes rounds before choosing the unit.
  it('moves up a unit when rounding reaches 1000', () => {
    expect(formatBytes(999_999)).toBe('1MB');
  });

  it('stops at PB', () => {
    expect(formatBytes(5e18)).toBe('5000PB');
  });

  it('shows a dash for values that are not sizes', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('shortId', () => {
  it('gives the first 12 hex characters without the algorithm', () => {
    expect(shortId('sha256:444089671c213d48cf0e1ece0e543fbd1b30715634cffc8b0339f9bd8c05c22c')).toBe('444089671c21');
    expect(shortId('9bbe367c1d11ad3f6d93ef8013438d3c902673704b2414d6b766c3e2c7254c05')).toBe('9bbe367c1d11');
    expect(shortId('abc')).toBe('abc');
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-11-29T12:00:00.000Z');
  const ago = (seconds: number) => formatRelative(new Date(now.getTime() - seconds * 1000).toISOString(), now);

  it('says "just now" under 45 seconds', () => {
    expect(ago(0)).toBe('just now');
    expect(ago(44)).toBe('just now');
  });

  it('counts minutes, hours, days, months and years with correct plurals', () => {
    expect(ago(45)).toBe('1 minute ago');
    expect(ago(90)).toBe('2 minutes ago');
    expect(ago(60 * 60)).toBe('1 hour ago');
    expect(ago(5 * 3600)).toBe('5 hours ago');
    expect(ago(24 * 3600)).toBe('1 day ago');
    expect(ago(3 * 86400)).toBe('3 days ago');
    expect(ago(30 * 86400)).toBe('1 month ago');
    expect(ago(75 * 86400)).toBe('3 months ago');
    expect(ago(365 * 86400)).toBe('1 year ago');
    expect(ago(800 * 86400)).toBe('2 years ago');
  });

  // Known bug (see the report): rounding happens after the unit is chosen, so 59.5 minutes reads
  // "60 minutes ago" and 23.9 hours "24 hours ago". Remove `.fails` once fixed.
  it('moves up a unit when rounding reaches the next one', () => {
    expect(ago(3570)).toBe('1 hour ago');
  });

  it('handles the future and unparseable dates', () => {
    expect(formatRelative('2026-11-29T12:05:00.000Z', now)).toBe('in the future');
    expect(formatRelative('not a date', now)).toBe('unknown');
  });
});

describe('formatDateTime and formatPercent', () => {
  it('prints UTC without milliseconds', () => {
    expect(formatDateTime('2026-11-29T12:51:48.149914446Z')).toBe('2026-11-29 12:51:48 UTC');
    expect(formatDateTime('nope')).toBe('unknown');
  });

  it('prints small shares with one decimal and others whole', () => {
    expect(formatPercent(1982454, 3964953)).toBe('50%');
    expect(formatPercent(1, 200)).toBe('0.5%');
    expect(formatPercent(262179, 3964953)).toBe('6.6%');
    expect(formatPercent(0, 10)).toBe('0%');
    expect(formatPercent(5, 0)).toBe('0%');
  });
});

describe('formatPlatform', () => {
  it('names a platform as docker image ls --tree does, the variant only when there is one', () => {
    expect(formatPlatform({ os: 'linux', architecture: 'amd64', variant: null })).toBe('linux/amd64');
    expect(formatPlatform({ os: 'linux', architecture: 'arm', variant: 'v7' })).toBe('linux/arm/v7');
  });
});
