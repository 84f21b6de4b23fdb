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

function hostKeyMessage(engine: string, address: string): string {
  const verdict = lastHostKeyVerdict(engine);
  if (verdict === 'changed' || verdict === 'revoked')
    return `The ssh host key of engine "${engine}" (${address}) is not the one ~/.ssh/known_hosts has for it, so Strata did not connect. If the host was reinstalled, check its key and update known_hosts.`;
  return `The ssh host of engine "${engine}" (${address}) is not in ~/.ssh/known_hosts, so Strata did not connect. Connect once with ssh (or ssh-keyscan) and check its key.`;
}

interface Rule {
  matches: (error: TransportErrorLike, text: string, code: string) => boolean;
  reason: string;
  say: (engine: string, address: string, code: string) => string;
}

// In order: the first rule that matches says what happened.
const RULES: Rule[] = [
  {
    matches: (_, __, code) => UNTRUSTED_SERVER.has(code),
    reason: 'tls_server_untrusted',
    say: (engine, address, code) =>
      `Engine "${engine}" (${address}) presented a TLS certificate its context's CA does not vouch for (${code}). Check the context's ca.pem.`,
  },
  {
    // The engine's alert differs by Go version (20.10: BAD_CERTIFICATE; 28: UNKNOWN_CA or CERTIFICATE_REQUIRED).
    matches: (_, text, code) =>
      /^ERR_SSL_.*ALERT/.test(code) || code === 'EPROTO' || /alert (unknown ca|bad certificate|certificate required)/i.test(text),
    reason: 'tls_refused',
    say: (engine, address) =>
      `Engine "${engine}" (${address}) refused Strata's TLS client certificate. Check the context's cert.pem and key.pem, or the engine's --tlscacert.`,
  },
  {
    matches: (_, text, code) =>
      code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|HTTP request to an HTTPS server/i.test(text),
    reason: 'tls_mismatch',
    say: (engine, address) => `Engine "${engine}" (${address}) does not speak TLS on that port, or speaks it where plain TCP was expected.`,
  },
  {
    matches: (error, text) => error.level === 'client-authentication' || /authentication methods failed/i.test(text),
    reason: 'ssh_auth',
    say: (engine, address) =>
      `The ssh server of engine "${engine}" (${address}) refused every key Strata offered (the ssh agent, ~/.ssh/id_*). Add your key to the agent or to the host's authorized_keys.`,
  },
  { matches: (_, text) => /host denied|verification failed/i.test(text), reason: 'ssh_host_key', say: hostKeyMessage },
  {
    matches: (_, text) => /encrypted private .*key|passphrase/i.test(text),
    reason: 'ssh_key_passphrase',
    say: (engine) => `Strata's ssh key for engine "${engine}" needs a passphrase: add the key to your ssh agent (ssh-add) instead.`,
  },
  {
    matches: (error, text) => error.level === 'client-timeout' || /timed out while waiting for handshake/i.test(text),
    reason: 'ssh_timeout',
    say: (engine, address) => `The ssh server of engine "${engine}" (${address}) did not finish the handshake in time.`,
  },
];

export function transportFailure(cause: unknown, engine: string, address: string): StrataError | null {
  const error = (cause ?? {}) as TransportErrorLike;
  const code = error.code ?? '';
  const rule = RULES.find((candidate) => candidate.matches(error, error.message ?? '', code));
  if (!rule) return null;
  return new StrataError('engine_unreachable', rule.say(engine, address, code), { engine, address, cause: rule.reason });
}
