import { describe, expect, it } from 'vitest';
import { constantTimeEqual, credentialsOf, credentialsValid, safeNextPath, sessionCookie, sessionValue } from '@/lib/security/token';

const TOKEN = 'correct-horse-battery-staple';

describe('constantTimeEqual', () => {
  it('is true only for equal strings, whatever their lengths', async () => {
    expect(await constantTimeEqual(TOKEN, TOKEN)).toBe(true);
    expect(await constantTimeEqual(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(await constantTimeEqual('', TOKEN)).toBe(false);
    expect(await constantTimeEqual(TOKEN.slice(0, -1), TOKEN)).toBe(false);
  });
});

describe('session cookie', () => {
  it('holds a value derived from the token, never the token', async () => {
    const value = await sessionValue(TOKEN);
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(value).not.toContain(TOKEN);
    expect(await sessionValue(TOKEN)).toBe(value);
    expect(await sessionValue(`${TOKEN}2`)).not.toBe(value);
  });

  it('is HttpOnly, SameSite=Strict, Path=/, and Secure only over https', () => {
    expect(sessionCookie('v', false)).toBe('strata_session=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=604800');
    expect(sessionCookie('v', true)).toMatch(/; Secure$/);
  });
});

describe('credentials', () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it('prefers a bearer header, then the cookie', () => {
    expect(credentialsOf(headers({ authorization: `Bearer ${TOKEN}` }), 'c')).toEqual({ kind: 'bearer', value: TOKEN });
    expect(credentialsOf(headers({ authorization: `bearer   ${TOKEN} ` }), undefined)).toEqual({ kind: 'bearer', value: TOKEN });
    expect(credentialsOf(headers({ authorization: 'Basic abc' }), 'c')).toEqual({ kind: 'cookie', value: 'c' });
    expect(credentialsOf(headers({}), undefined)).toEqual({ kind: 'none' });
  });

  it('accepts the right token or the derived cookie, and nothing else', async () => {
    expect(await credentialsValid({ kind: 'bearer', value: TOKEN }, TOKEN)).toBe(true);
    expect(await credentialsValid({ kind: 'bearer', value: 'wrong' }, TOKEN)).toBe(false);
    expect(await credentialsValid({ kind: 'cookie', value: await sessionValue(TOKEN) }, TOKEN)).toBe(true);
    // The raw token is not a valid cookie: the cookie is a derived value.
    expect(await credentialsValid({ kind: 'cookie', value: TOKEN }, TOKEN)).toBe(false);
    expect(await credentialsValid({ kind: 'none' }, TOKEN)).toBe(false);
  });
});

describe('safeNextPath', () => {
  it('keeps paths on this site, with their query', () => {
    expect(safeNextPath('/images/strata-fixture%2Fweb%3A1?tab=files')).toBe('/images/strata-fixture%2Fweb%3A1?tab=files');
    expect(safeNextPath('/')).toBe('/');
  });

  it('turns everything else into /', () => {
    for (const hostile of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/%0d%0aSet-Cookie:x',
      '/\u0000x',
      'images',
      '',
      null,
      undefined,
      42,
      '/login?next=/x',
      '/logout',
      `/${'a'.repeat(3000)}`,
      // Issue 13: paths that normalise to a scheme-relative URL (`//evil.test`).
      '/.//evil.test',
      '/..//evil.test',
      '/%2e//evil.test',
      '/a/.././/evil.test',
      '/./\\evil.test',
    ]) {
      const result = safeNextPath(hostile);
      expect(result.startsWith('/') && !result.startsWith('//'), String(hostile)).toBe(true);
      expect(['/', '/%0d%0aSet-Cookie:x']).toContain(result);
    }
  });

  it('redirects every hostile next to this site when followed', () => {
    for (const hostile of ['/.//evil.test', '/..//evil.test', '/%2e//evil.test', '/a/.././/evil.test', '/.///evil.test/x?y']) {
      expect(new URL(safeNextPath(hostile), 'http://localhost:3000').host, hostile).toBe('localhost:3000');
    }
  });
});
