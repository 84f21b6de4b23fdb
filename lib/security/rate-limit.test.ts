import { describe, expect, it } from 'vitest';
import { clientKey, FailureLimiter } from '@/lib/security/rate-limit';

describe('FailureLimiter', () => {
  it('blocks a client after 10 failures in a minute, and lets it try again a minute later', () => {
    let now = 1_000_000;
    const limiter = new FailureLimiter(undefined, () => now);
    for (let i = 0; i < 10; i += 1) {
      expect(limiter.blocked('a')).toBe(false);
      limiter.fail('a');
    }
    expect(limiter.blocked('a')).toBe(true);
    expect(limiter.blocked('b')).toBe(false);
    now += 60_001;
    expect(limiter.blocked('a')).toBe(false);
  });

  it('also bounds failures from all clients together (X-Forwarded-For can be forged)', () => {
    const limiter = new FailureLimiter({ perClient: 10, total: 20, windowMs: 60_000 });
    for (let i = 0; i < 20; i += 1) limiter.fail(`client-${i}`);
    expect(limiter.blocked('someone-new')).toBe(true);
  });
});

describe('clientKey', () => {
  it('takes the first X-Forwarded-For address, else local', () => {
    expect(clientKey(new Headers({ 'x-forwarded-for': '203.0.113.7, 127.0.0.1' }))).toBe('203.0.113.7');
    expect(clientKey(new Headers({}))).toBe('local');
  });
});
