import { describe, expect, it } from 'vitest';
import type { EngineSpec } from '@/lib/docker/engine/engines';
import { transportKind, transportOptions } from '@/lib/docker/engine/transport';
import { transportFailure } from '@/lib/docker/engine/transport-errors';

const spec = (address: string, tls: EngineSpec['tls'] = null): EngineSpec => ({
  name: 'lab',
  address,
  source: 'context',
  current: false,
  tls,
});

describe('transport options', () => {
  it('sets every connection field, so a DOCKER_HOST of the process cannot leak into another engine', () => {
    const unix = transportOptions(spec('unix:///run/lab.sock'));
    expect(unix).toMatchObject({ socketPath: '/run/lab.sock', protocol: 'http' });
    expect('host' in unix && unix.host === undefined).toBe(true);
    const tcp = transportOptions(spec('tcp://10.0.0.5'));
    expect(tcp).toMatchObject({ host: '10.0.0.5', port: 2375, protocol: 'http', socketPath: undefined });
    expect(transportKind(spec('tcp://10.0.0.5:2376', { skipVerify: false }))).toBe('tls');
    expect(transportKind(spec('ssh://me@box'))).toBe('ssh');
  });

  it('refuses an address it cannot use, naming the engine and not the address', () => {
    expect(() => transportOptions(spec('npipe:////./pipe/docker_engine'))).toThrow(/Engine "lab" uses npipe:/);
    expect(() => transportOptions(spec('tcp://x', { cert: '/nowhere/cert.pem', skipVerify: false }))).toThrow(
      /cannot read the TLS client certificate of engine "lab"/,
    );
  });
});

describe('transport failures in words', () => {
  it.each([
    [{ code: 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE' }, 'tls_refused'],
    [{ code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA' }, 'tls_refused'],
    [{ code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' }, 'tls_refused'],
    [{ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, 'tls_server_untrusted'],
    [{ message: 'Client sent an HTTP request to an HTTPS server.' }, 'tls_mismatch'],
    [{ level: 'client-authentication', message: 'All configured authentication methods failed' }, 'ssh_auth'],
    [{ level: 'handshake', message: 'Host denied (verification failed)' }, 'ssh_host_key'],
    [{ level: 'client-timeout', message: 'Timed out while waiting for handshake' }, 'ssh_timeout'],
  ])('%o is %s, said without a path', (cause, reason) => {
    const error = transportFailure(cause, 'lab', 'tcp://10.0.0.5:2376');
    expect(error).toMatchObject({ code: 'engine_unreachable', details: { engine: 'lab', cause: reason } });
    expect(error!.message).toContain('"lab"');
  });

  it('leaves what it does not know to the caller', () => {
    expect(transportFailure({ code: 'EWHATEVER' }, 'lab', 'x')).toBeNull();
  });
});
