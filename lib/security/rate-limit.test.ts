import { describe, expect, it, vi } from 'vitest';
import { clientKey, FailureLimiter, sharedLimiter } from '@/lib/security/rate-limit';

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
  it('is the socket address the server stamped, whatever X-Forwarded-For says', () => {
    expect(clientKey(new Headers({ 'x-strata-peer': '127.0.0.1', 'x-forwarded-for': '203.0.113.7' }), '')).toBe('127.0.0.1');
    expect(clientKey(new Headers({ 'x-forwarded-for': '203.0.113.7' }), '')).toBe('unknown');
  });

  it('reads X-Forwarded-For only behind a trusted proxy, from the right, skipping trusted hops', () => {
    const headers = new Headers({ 'x-strata-peer': '::ffff:10.0.0.2', 'x-forwarded-for': 'forged, 203.0.113.7, 10.0.0.3' });
    expect(clientKey(headers, '10.0.0.2,10.0.0.3')).toBe('203.0.113.7');
    expect(clientKey(headers, '10.0.0.9')).toBe('::ffff:10.0.0.2');
  });
});

describe('sharedLimiter', () => {
  it('is one limiter for the whole process, even across separately loaded copies of the module', async () => {
    const first = sharedLimiter();
    vi.resetModules();
    const again = await import('@/lib/security/rate-limit');
    expect(again.sharedLimiter()).toBe(first);
  });
});
