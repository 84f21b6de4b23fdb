import { describe, expect, it } from 'vitest';
import { allowedHostnames, checkRequest, hostnameOf, parseHostHeader, type GuardConfig } from '@/lib/security/request-guard';

const request = (method: string, headers: Record<string, string>) => ({ method, headers: new Headers(headers) });
const check = (method: string, headers: Record<string, string>, config: GuardConfig = {}) => checkRequest(request(method, headers), config);

describe('hostnameOf', () => {
  it('drops the port and lower-cases', () => {
    expect(hostnameOf('localhost:3000')).toBe('localhost');
    expect(hostnameOf('LocalHost')).toBe('localhost');
    expect(hostnameOf(' 127.0.0.1:8080 ')).toBe('127.0.0.1');
    expect(hostnameOf('strata.lan')).toBe('strata.lan');
  });

  it('unwraps IPv6 brackets, with or without a port', () => {
    expect(hostnameOf('[::1]:3000')).toBe('::1');
    expect(hostnameOf('[::1]')).toBe('::1');
    expect(hostnameOf('[FE80::1]:80')).toBe('fe80::1');
  });

  it('leaves a bare IPv6 address whole instead of cutting at its last colon', () => {
    expect(hostnameOf('::1')).toBe('::1');
  });
});

describe('allowedHostnames', () => {
  it('always allows the loopback names', () => {
    expect([...allowedHostnames({})].sort()).toEqual(['127.0.0.1', '::1', 'localhost']);
  });

  it('adds a specific bind address but never a wildcard one', () => {
    expect(allowedHostnames({ bindHost: '192.168.1.20' }).has('192.168.1.20')).toBe(true);
    for (const wildcard of ['0.0.0.0', '::', '[::]']) {
      expect(allowedHostnames({ bindHost: wildcard }).size).toBe(3);
    }
  });

  it('adds comma-separated STRATA_ALLOWED_HOSTS names, trimmed, lower-cased and without ports', () => {
    const names = allowedHostnames({ allowedHosts: ' Strata.LAN , nas:3000,, [fd00::2] ' });
    expect([...names].sort()).toEqual(['127.0.0.1', '::1', 'fd00::2', 'localhost', 'nas', 'strata.lan']);
  });
});

describe('checkRequest: Host (DNS rebinding)', () => {
  it('answers a foreign Host with 421 and says how to allow it', () => {
    expect(check('GET', { host: 'evil.example:3000' })).toEqual({
      ok: false,
      status: 421,
      code: 'forbidden',
      message:
        'Strata does not answer to the host name “evil.example:3000”. Open it at http://localhost:3000, or add the name to STRATA_ALLOWED_HOSTS.',
    });
  });

  it('refuses a request without a Host header', () => {
    expect(check('GET', {})).toMatchObject({ ok: false, status: 421 });
  });

  it('allows localhost, 127.0.0.1 and [::1] on any port', () => {
    for (const host of ['localhost', 'localhost:3000', '127.0.0.1:49152', '[::1]:3000', '[::1]']) {
      expect(check('GET', { host })).toEqual({ ok: true });
    }
  });

  it('allows names from STRATA_ALLOWED_HOSTS and the bind host, and nothing else', () => {
    const config = { allowedHosts: 'strata.lan', bindHost: '10.0.0.5' };
    expect(check('GET', { host: 'strata.lan:3000' }, config)).toEqual({ ok: true });
    expect(check('GET', { host: '10.0.0.5:3000' }, config)).toEqual({ ok: true });
    expect(check('GET', { host: 'strata.lan.evil.example' }, config)).toMatchObject({ status: 421 });
  });
});

describe('checkRequest: writes (CSRF)', () => {
  const host = 'localhost:3000';

  it('lets reads through even when cross-site', () => {
    expect(check('GET', { host, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).toEqual({ ok: true });
    expect(check('HEAD', { host, 'sec-fetch-site': 'cross-site' })).toEqual({ ok: true });
    expect(check('get', { host, 'sec-fetch-site': 'cross-site' })).toEqual({ ok: true });
  });

  it('refuses cross-site and same-site writes with 403', () => {
    expect(check('POST', { host, 'sec-fetch-site': 'cross-site' })).toEqual({
      ok: false,
      status: 403,
      code: 'forbidden',
      message: "Refused a cross-site write: changes can only come from Strata's own pages.",
    });
    expect(check('DELETE', { host, 'sec-fetch-site': 'same-site', origin: 'http://localhost:3000' })).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('refuses a write whose Origin does not match the Host', () => {
    expect(check('POST', { host, origin: 'http://localhost:4000' })).toEqual({
      ok: false,
      status: 403,
      code: 'forbidden',
      message: "Refused a write from origin “http://localhost:4000”: changes can only come from Strata's own pages.",
    });
    expect(check('POST', { host, origin: 'https://evil.example' })).toMatchObject({ status: 403 });
  });

  it('refuses Origin "null" (sandboxed frames, file: pages)', () => {
    expect(check('POST', { host, origin: 'null' })).toMatchObject({ ok: false, status: 403, message: expect.stringContaining('“null”') });
  });

  it('allows a same-origin write from Strata itself', () => {
    expect(check('POST', { host, origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' })).toEqual({ ok: true });
    expect(check('delete', { host: '[::1]:3000', origin: 'http://[::1]:3000' })).toEqual({ ok: true });
  });

  it('allows a write with neither Origin nor Sec-Fetch-Site, as curl sends it', () => {
    expect(check('POST', { host, 'user-agent': 'curl/8.5.0' })).toEqual({ ok: true });
  });

  it('allows a write the user started from the address bar (Sec-Fetch-Site: none)', () => {
    expect(check('POST', { host, 'sec-fetch-site': 'none' })).toEqual({ ok: true });
  });

  it('still refuses a write to a foreign Host with 421 before looking at Origin', () => {
    expect(check('POST', { host: 'evil.example', origin: 'http://evil.example' })).toMatchObject({ status: 421 });
  });
});

describe('read-only mode', () => {
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] ?? null });
  it('refuses every write, even same-origin, and still serves reads', () => {
    const config = { readOnly: true };
    expect(
      checkRequest({ method: 'POST', headers: headers({ host: 'localhost:3000', origin: 'http://localhost:3000' }) }, config),
    ).toMatchObject({ ok: false, status: 403 });
    expect(checkRequest({ method: 'DELETE', headers: headers({ host: 'localhost:3000' }) }, config)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(checkRequest({ method: 'GET', headers: headers({ host: 'localhost:3000' }) }, config)).toEqual({ ok: true });
  });
});

describe('strict Host parsing (issue 13)', () => {
  it('refuses Host values no browser sends', () => {
    for (const host of [
      '[::1].evil.test',
      'localhost:3000@evil.test',
      'localhost@evil.test',
      'localhost:3000:80',
      'localhost:99999',
      'local host',
      'localhost/',
      '[::1]x',
      '127.0.0.1:3000/evil',
    ]) {
      expect(check('GET', { host }), host).toMatchObject({ ok: false, status: 421 });
    }
    expect(parseHostHeader('LOCALHOST.:3000')).toBe('localhost');
    expect(parseHostHeader('[::1]:3000')).toBe('::1');
    expect(parseHostHeader('strata.lan')).toBe('strata.lan');
  });
});

describe('Fetch Metadata resource isolation (issue 13)', () => {
  const api = (method: string, headers: Record<string, string>) =>
    checkRequest({ method, headers: new Headers(headers), pathname: '/api/images/x/export' }, {});
  it('refuses cross-site requests to the API for every method', () => {
    expect(api('GET', { host: 'localhost:3000', 'sec-fetch-site': 'cross-site' })).toMatchObject({ ok: false, status: 403 });
    expect(api('HEAD', { host: 'localhost:3000', 'sec-fetch-site': 'cross-site' })).toMatchObject({ ok: false, status: 403 });
  });

  it('serves same-origin, same-site and typed requests, and cross-site page navigations', () => {
    for (const site of ['same-origin', 'same-site', 'none'])
      expect(api('GET', { host: 'localhost:3000', 'sec-fetch-site': site })).toEqual({ ok: true });
    expect(api('GET', { host: 'localhost:3000' })).toEqual({ ok: true });
    expect(
      checkRequest(
        { method: 'GET', headers: new Headers({ host: 'localhost:3000', 'sec-fetch-site': 'cross-site' }), pathname: '/images' },
        {},
      ),
    ).toEqual({ ok: true });
  });
});

describe('write bodies are sized from their headers (issue 13)', () => {
  const write = (headers: Record<string, string>, upload = false) =>
    checkRequest({ method: 'POST', headers: new Headers({ host: 'localhost:3000', ...headers }), pathname: '/api/prune' }, { upload });
  it('refuses a JSON body over 64 KiB, or one without a length, before reading it', () => {
    expect(write({ 'content-length': String(64 * 1024 + 1) })).toMatchObject({ ok: false, status: 413, code: 'too_large' });
    expect(write({ 'transfer-encoding': 'chunked' })).toMatchObject({ ok: false, status: 411 });
    expect(write({ 'content-length': '12abc' })).toMatchObject({ ok: false, status: 411 });
    expect(write({ 'content-length': '2048' })).toEqual({ ok: true });
    expect(write({})).toEqual({ ok: true });
  });

  it('leaves upload routes to their own limits', () => {
    expect(write({ 'content-length': String(1024 ** 3) }, true)).toEqual({ ok: true });
  });
});
