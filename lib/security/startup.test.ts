import { describe, expect, it } from 'vitest';
import { cliBindHost, isLoopback, startupProblem } from '@/lib/security/startup';

const NEXT = ['/usr/bin/node', '/srv/strata/node_modules/.bin/next'];

describe('isLoopback', () => {
  it('knows loopback addresses and names', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'strata.lan', '127.0.0.1.evil.example'])
      expect(isLoopback(host), host).toBe(false);
  });
});

describe('cliBindHost', () => {
  it('reads -H and --hostname, and knows next start binds every interface without them', () => {
    expect(cliBindHost([...NEXT, 'start', '-H', '127.0.0.1', '-p', '3000'])).toBe('127.0.0.1');
    expect(cliBindHost([...NEXT, 'start', '--hostname=0.0.0.0'])).toBe('0.0.0.0');
    expect(cliBindHost([...NEXT, 'start', '-p', '3000'])).toBe('0.0.0.0');
    expect(cliBindHost(['/usr/bin/node', 'server.js'])).toBeNull();
  });
});

describe('startupProblem', () => {
  const loopback = [...NEXT, 'start', '-H', '127.0.0.1'];

  it('lets a loopback bind start without a token', () => {
    expect(startupProblem(loopback, {})).toBeNull();
    expect(startupProblem(loopback, { STRATA_HOST: '127.0.0.1' })).toBeNull();
  });

  it('refuses a non-loopback STRATA_HOST or -H without a token, saying why and what to do', () => {
    const problem = startupProblem(loopback, { STRATA_HOST: '0.0.0.0' });
    expect(problem).toMatch(/refusing to start.*0\.0\.0\.0.*root.*STRATA_TOKEN/);
    expect(startupProblem([...NEXT, 'start', '-H', '192.168.1.20'], {})).toMatch(/192\.168\.1\.20/);
    expect(startupProblem([...NEXT, 'start'], {})).toMatch(/refusing/);
  });

  it('starts anywhere with a token of 16 characters or more, and refuses a shorter one', () => {
    expect(startupProblem([...NEXT, 'start', '-H', '0.0.0.0'], { STRATA_TOKEN: 'a'.repeat(16) })).toBeNull();
    expect(startupProblem(loopback, { STRATA_TOKEN: 'short' })).toMatch(/too short/);
  });
});
