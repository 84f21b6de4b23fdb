// Token access (STRATA_TOKEN). Runs in proxy.ts, so it uses Web Crypto only.
//  - A request carries the token as `Authorization: Bearer …` (scripts) or as the session cookie the
//    login form sets (browsers). The cookie holds an HMAC of a fixed label keyed with the token, never
//    the token: a copied cookie does not reveal it, and changing the token signs everyone out.
//  - Comparisons hash both sides with SHA-256 and compare the digests in constant time, so neither the
//    length nor the first differing byte of the secret shows in the timing.

export const SESSION_COOKIE = 'strata_session';
const SESSION_LABEL = 'strata-session-v1';
/** A week; the token itself is the revocation: change it and every cookie stops working. */
export const SESSION_MAX_AGE = 7 * 24 * 60 * 60;

const encoder = new TextEncoder();

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** Equal strings, in time that depends on neither their contents nor their lengths. */
export async function constantTimeEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

const sessionCache = new Map<string, Promise<string>>();

/** The cookie value for a token: base64url(HMAC-SHA256(token, label)). */
export function sessionValue(token: string): Promise<string> {
  let value = sessionCache.get(token);
  if (!value) {
    value = (async () => {
      const key = await crypto.subtle.importKey('raw', encoder.encode(token), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(SESSION_LABEL)));
      return btoa(String.fromCharCode(...mac))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
    })();
    sessionCache.clear();
    sessionCache.set(token, value);
  }
  return value;
}

export type Credentials = { kind: 'bearer'; value: string } | { kind: 'cookie'; value: string } | { kind: 'none' };

export function credentialsOf(headers: { get(name: string): string | null }, cookie: string | undefined): Credentials {
  const authorization = headers.get('authorization');
  const match = authorization ? /^bearer\s+(.+)$/i.exec(authorization.trim()) : null;
  if (match?.[1]) return { kind: 'bearer', value: match[1].trim() };
  if (cookie) return { kind: 'cookie', value: cookie };
  return { kind: 'none' };
}

export async function credentialsValid(credentials: Credentials, token: string): Promise<boolean> {
  if (credentials.kind === 'bearer') return constantTimeEqual(credentials.value, token);
  if (credentials.kind === 'cookie') return constantTimeEqual(credentials.value, await sessionValue(token));
  return false;
}

/**
 * Where to go after signing in: only a path on this site. The value is normalised first (as the URL
 * parser will when the redirect is followed), then checked: `/.//evil.test` normalises to
 * `//evil.test`, a scheme-relative URL to another host. Anything but a plain same-site path becomes `/`.
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2048) return '/';
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  try {
    const base = 'http://strata.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return '/';
    const path = url.pathname + url.search + url.hash;
    // Whatever the redirect resolves against, the path alone must land on the same origin again.
    if (!path.startsWith('/') || path.startsWith('//') || new URL(path, base).origin !== base) return '/';
    return path.startsWith('/login') || path.startsWith('/logout') ? '/' : path;
  } catch {
    return '/';
  }
}

export function sessionCookie(value: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MAX_AGE}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
