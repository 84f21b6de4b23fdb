// A TLS or ssh failure, in words a person can act on. The raw errors can carry local paths or the
// peer's certificate details, so only the kind of failure is said; the server log keeps the rest.
import 'server-only';
import { StrataError } from '@/lib/api/errors';
import { lastHostKeyVerdict } from '@/lib/docker/engine/known-hosts';

interface TransportErrorLike {
  code?: string;
  level?: string;
  message?: string;
}

// Node's codes for a server certificate it does not trust.
const UNTRUSTED_SERVER = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
]);

function unreachable(engine: string, address: string, reason: string, message: string): StrataError {
  return new StrataError('engine_unreachable', message, { engine, address, cause: reason });
}

function hostKeyMessage(engine: string, address: string): string {
  const verdict = lastHostKeyVerdict(engine);
  if (verdict === 'changed' || verdict === 'revoked')
    return `The ssh host key of engine "${engine}" (${address}) is not the one ~/.ssh/known_hosts has for it, so Strata did not connect. If the host was reinstalled, check its key and update known_hosts.`;
  return `The ssh host of engine "${engine}" (${address}) is not in ~/.ssh/known_hosts, so Strata did not connect. Connect once with ssh (or ssh-keyscan) and check its key.`;
}

export function transportFailure(cause: unknown, engine: string, address: string): StrataError | null {
  const error = (cause ?? {}) as TransportErrorLike;
  const text = error.message ?? '';
  const code = error.code ?? '';
  if (UNTRUSTED_SERVER.has(code))
    return unreachable(
      engine,
      address,
      'tls_server_untrusted',
      `Engine "${engine}" (${address}) presented a TLS certificate its context's CA does not vouch for (${code}). Check the context's ca.pem.`,
    );
  if (
    /alert (unknown ca|bad certificate|certificate required|certificate unknown|handshake failure)|SSLV3_ALERT|TLSV1_ALERT|TLSV13_ALERT/i.test(
      text,
    ) ||
    code === 'EPROTO'
  )
    return unreachable(
      engine,
      address,
      'tls_refused',
      `Engine "${engine}" (${address}) refused Strata's TLS client certificate. Check the context's cert.pem and key.pem, or the engine's --tlscacert.`,
    );
  if (/wrong version number|packet length too long/i.test(text))
    return unreachable(
      engine,
      address,
      'tls_mismatch',
      `Engine "${engine}" (${address}) does not speak TLS on that port, or speaks it where plain TCP was expected.`,
    );
  if (error.level === 'client-authentication' || /authentication methods failed/i.test(text))
    return unreachable(
      engine,
      address,
      'ssh_auth',
      `The ssh server of engine "${engine}" (${address}) refused every key Strata offered (the ssh agent, ~/.ssh/id_*). Add your key to the agent or to the host's authorized_keys.`,
    );
  if (/host denied|verification failed/i.test(text)) return unreachable(engine, address, 'ssh_host_key', hostKeyMessage(engine, address));
  if (/encrypted private .*key|passphrase/i.test(text))
    return unreachable(
      engine,
      address,
      'ssh_key_passphrase',
      `Strata's ssh key for engine "${engine}" needs a passphrase: add the key to your ssh agent (ssh-add) instead.`,
    );
  if (error.level === 'client-timeout' || /timed out while waiting for handshake/i.test(text))
    return unreachable(
      engine,
      address,
      'ssh_timeout',
      `The ssh server of engine "${engine}" (${address}) did not finish the handshake in time.`,
    );
  if (/dial-stdio|command not found|exit code/i.test(text))
    return unreachable(
      engine,
      address,
      'ssh_no_docker',
      `Strata reached engine "${engine}" over ssh, but the host could not run \`docker system dial-stdio\`. Is the docker CLI installed there, and may this user use the engine?`,
    );
  return null;
}
