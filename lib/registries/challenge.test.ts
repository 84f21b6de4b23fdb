import { describe, expect, it } from 'vitest';
import { parseChallenge } from './challenge';

describe('parseChallenge', () => {
  it("reads Docker Hub's Bearer challenge", () => {
    expect(
      parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"'),
    ).toEqual({
      scheme: 'bearer',
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: 'repository:library/nginx:pull',
    });
  });

  it('keeps commas inside a quoted scope (several actions)', () => {
    expect(parseChallenge('Bearer realm="http://127.0.0.1:1/token",scope="repository:a/b:pull,push",error="insufficient_scope"')).toEqual({
      scheme: 'bearer',
      realm: 'http://127.0.0.1:1/token',
      service: null,
      scope: 'repository:a/b:pull,push',
    });
  });

  it('reads Basic, with or without a realm', () => {
    expect(parseChallenge('Basic realm="strata-sandbox"')).toEqual({ scheme: 'basic', realm: 'strata-sandbox' });
    expect(parseChallenge('basic')).toEqual({ scheme: 'basic', realm: null });
  });

  it('prefers Bearer when both are offered', () => {
    expect(parseChallenge('Basic realm="x", Bearer realm="https://a/token",service="s"')?.scheme).toBe('bearer');
  });

  it('answers null for no header or an unknown scheme', () => {
    expect(parseChallenge(null)).toBeNull();
    expect(parseChallenge('Negotiate abc')).toBeNull();
    expect(parseChallenge('Bearer service="no-realm"')).toBeNull();
  });
});
