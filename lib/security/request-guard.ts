// The first line of defence for a dashboard that holds the Docker socket (root on the host):
//  - DNS rebinding: a hostile page can make its own name resolve to 127.0.0.1, but its requests then
//    carry its own Host header. Only loopback names and names the operator configured are served.
//  - Cross-site request forgery: a hostile page can send writes to localhost. Browsers mark them with
//    Origin and Sec-Fetch-Site; any write that is not same-origin is refused.
//  - Cross-site work: an `<img src=http://localhost:3000/api/…>` on any page could start an export or a
//    layer analysis. Fetch Metadata resource isolation: the API refuses `Sec-Fetch-Site: cross-site`
//    for every method (same-site, same-origin and none — a typed URL — pass).
//  - Bodies: a JSON write states its length and stays under the cap, so nothing buffers a large or
//    endless body before the route refuses it (the upload routes have their own limits).
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
  /** An upload route (build, load, import): its body is large by design and limited by the route. */
  upload?: boolean;
}

export type GuardVerdict =
  | { ok: true }
  | { ok: false; status: 403 | 421; code: 'forbidden'; message: string }
  | { ok: false; status: 411 | 413; code: 'invalid_input' | 'too_large'; message: string };

/** The largest JSON body a write may send (lib/http/handle.ts reads at most this much). */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

// What a browser sends as Host: a DNS name or IPv4 address, or a bracketed IPv6 address, and an
// optional port. Anything else (`localhost:3000@evil.test`, `[::1].evil.test`) is no host at all.
const HOST_HEADER = /^(?:([a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*\.?)|\[([0-9a-f:.]{2,45})\])(?::([0-9]{1,5}))?$/;

/** The hostname of a Host header (lower-cased, no port or brackets), or null when it is malformed. */
export function parseHostHeader(hostHeader: string): string | null {
  const match = HOST_HEADER.exec(hostHeader.trim().toLowerCase());
  if (!match) return null;
  if (match[3] !== undefined && Number(match[3]) > 65535) return null;
  return (match[1] ?? match[2] ?? '').replace(/\.$/, '');
}

/** Hostname part of a configured name (STRATA_HOST, STRATA_ALLOWED_HOSTS), lower-cased, without port or IPv6 brackets. */
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
  request: { method: string; headers: { get(name: string): string | null }; pathname?: string },
  config: GuardConfig,
): GuardVerdict {
  const host = request.headers.get('host');
  const hostname = host === null ? null : parseHostHeader(host);
  if (!host || hostname === null || !allowedHostnames(config).has(hostname)) {
    return {
      ok: false,
      status: 421,
      code: 'forbidden',
      message: `Strata does not answer to the host name “${host ?? ''}”. Open it at http://localhost:${config.port ?? '3000'}, or add the name to STRATA_ALLOWED_HOSTS.`,
    };
  }
  const fetchSite = request.headers.get('sec-fetch-site');
  const api = request.pathname?.startsWith('/api/') ?? false;
  if (api && fetchSite === 'cross-site') {
    return {
      ok: false,
      status: 403,
      code: 'forbidden',
      message: 'Refused a cross-site request: Strata’s API answers only its own pages (and requests typed or scripted directly).',
    };
  }
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  if (config.readOnly) {
    return {
      ok: false,
      status: 403,
      code: 'forbidden',
      message: 'Strata runs read-only here (STRATA_READ_ONLY=1): nothing can be changed through it.',
    };
  }

  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return {
      ok: false,
      status: 403,
      code: 'forbidden',
      message: `Refused a ${fetchSite} write: changes can only come from Strata's own pages.`,
    };
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
      return {
        ok: false,
        status: 403,
        code: 'forbidden',
        message: `Refused a write from origin “${origin}”: changes can only come from Strata's own pages.`,
      };
    }
  }
  return config.upload ? { ok: true } : bodySizeVerdict(request.headers);
}

/** A write's body must say how long it is and stay under the JSON cap, decided from the headers alone. */
function bodySizeVerdict(headers: { get(name: string): string | null }): GuardVerdict {
  const length = headers.get('content-length');
  if (length === null) {
    if (headers.get('transfer-encoding') === null) return { ok: true };
    return {
      ok: false,
      status: 411,
      code: 'invalid_input',
      message: 'Send a Content-Length with the request body (at most 64 KiB of JSON).',
    };
  }
  if (!/^[0-9]{1,12}$/.test(length.trim()))
    return { ok: false, status: 411, code: 'invalid_input', message: 'The Content-Length header is not a number.' };
  if (Number(length) > MAX_JSON_BODY_BYTES)
    return { ok: false, status: 413, code: 'too_large', message: 'The request body is too large (64 KiB of JSON at most).' };
  return { ok: true };
}
