import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce } from '@/lib/security/csp';

describe('contentSecurityPolicy', () => {
  it('allows only nonced scripts (and what they load), never inline or eval in production', () => {
    const csp = contentSecurityPolicy('abc');
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    for (const directive of [
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "connect-src 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
  });

  it('adds unsafe-eval in development only', () => {
    expect(contentSecurityPolicy('abc', true)).toContain("'strict-dynamic' 'unsafe-eval'");
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    expect(createNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
