// The first line of defence for a dashboard that holds the Docker socket (root on the host):
//  - DNS rebinding: a hostile page can make its own name resolve to 127.0.0.1, but its requests then
//    carry its own Host header. Only loopback names and names the operator configured are served.
//  - Cross-site request forgery: a hostile page can send writes to localhost. Browsers mark them with
//    Origin and Sec-Fetch-Site; any write that is not same-origin is refused.
// Pure, so it is unit-tested without a server; proxy.ts applies it to every request.

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface GuardConfig {
  /** STRATA_HOST: the address Strata binds; served too when it is a name or a specific address. */
  bindHost?: string;
  /** STRATA_ALLOWED_HOSTS: extra names, comma-separated. */
  allowedHosts?: string;
  /** PORT, for the message that says where Strata is. */
  port?: string;
  /** STRATA_READ_ONLY=1: every write is refused. */
  readOnly?: boolean;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 403 | 421; code: 'forbidden'; message: string };

/** Hostname part of a Host header, lower-cased, without port or IPv6 brackets. */
export function hostnameOf(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']') > 0 ? value.indexOf(']') : undefined);
  const colon = value.lastIndexOf(':');
  return colon >= 0 && value.indexOf(':') === colon ? value.slice(0, colon) : value;
}

export function allowedHostnames(config: GuardConfig): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  const bind = config.bindHost?.trim().toLowerCase();
  // A wildcard bind address is not a name anyone browses to; it must be listed explicitly.
  if (bind && bind !== '0.0.0.0' && bind !== '::' && bind !== '[::]') names.add(hostnameOf(bind));
  for (const extra of (config.allowedHosts ?? '').split(',')) {
    const name = extra.trim().toLowerCase();
    if (name) names.add(hostnameOf(name));
  }
  return names;
}

export function checkRequest(
  request: { method: string; headers: { get(name: string): string | null } },
  config: GuardConfig,
): GuardVerdict {
  const host = request.headers.get('host');
  if (!host || !allowedHostnames(config).has(hostnameOf(host))) {
    return {
      ok: false,
      status: 421,
      code: 'forbidden',
      message: `Strata does not answer to the host name “${host ?? ''}”. Open it at http://localhost:${config.port ?? '3000'}, or add the name to STRATA_ALLOWED_HOSTS.`,
    };
  }
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  if (config.readOnly) {
    return { ok: false, status: 403, code: 'forbidden', message: 'Strata runs read-only here (STRATA_READ_ONLY=1): nothing can be changed through it.' };
  }

  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return { ok: false, status: 403, code: 'forbidden', message: `Refused a ${fetchSite} write: changes can only come from Strata's own pages.` };
  }
  const origin = request.headers.get('origin');
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      originHost = null;
    }
    if (originHost !== host.trim().toLowerCase()) {
      return { ok: false, status: 403, code: 'forbidden', message: `Refused a write from origin “${origin}”: changes can only come from Strata's own pages.` };
    }
  }
  return { ok: true };
}
