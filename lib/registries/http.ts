// The one place Strata speaks the OCI distribution API itself (the engine speaks it for pull and push).
// Every request answers the registry's auth challenge: Basic with the stored login, or the Bearer token
// flow (anonymous, or with the stored login) with tokens kept per scope until they expire. Credentials
// and tokens never leave this module: not in an answer, not in a log, not on a redirect to another host.
import 'server-only';
import { createHash } from 'node:crypto';
import { StrataError } from '@/lib/api/errors';
import { parseChallenge, type Challenge } from '@/lib/registries/challenge';
import { registryCredentials, type Credentials } from '@/lib/registries/store';

const TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 5;
const MAX_TOKENS = 500;

export interface RegistryRequest {
  method?: 'GET' | 'HEAD' | 'DELETE';
  accept?: readonly string[];
  /** What the request needs, as a token scope: `repository:team/app:pull`, `registry:catalog:*`. */
  scope: string;
}

/** Where a registry host answers: Docker Hub's registry for docker.io, else the host itself. */
function hostOf(server: string): string {
  return server === 'docker.io' ? 'registry-1.docker.io' : server;
}

// Like the engine, a loopback registry (or one named in STRATA_INSECURE_REGISTRIES) may answer plain HTTP
// when HTTPS fails; anything else is HTTPS only.
function mayUseHttp(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (name === 'localhost' || name === '::1' || /^127\./.test(name)) return true;
  return (process.env.STRATA_INSECURE_REGISTRIES ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .includes(host);
}

const schemes = new Map<string, 'https' | 'http'>();
const tokens = new Map<string, { token: string; until: number }>();
const basicHosts = new Set<string>();

const basic = (credentials: Credentials) => `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;

// Tokens belong to the login that got them: a changed password (a wrong one too) asks the token service
// again instead of riding on the old login's tokens. The password itself is never a key, only its hash.
function tokenKey(server: string, scope: string, credentials: Credentials | null): string {
  if (!credentials) return `${server}\n${scope}\n`;
  const login = createHash('sha256').update(`${credentials.username}\n${credentials.password}`).digest('hex');
  return `${server}\n${scope}\n${login}`;
}

async function send(url: string, init: RequestInit, authorization: string | null): Promise<Response> {
  // Redirects (blob storage on S3 and the like) are followed by hand, so the registry's credentials
  // go only to the registry's own origin.
  const origin = new URL(url).origin;
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const headers = new Headers(init.headers);
    if (authorization && new URL(current).origin === origin) headers.set('Authorization', authorization);
    const response = await fetch(current, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel();
    current = new URL(location, current).toString();
  }
  throw new StrataError('upstream_failed', 'The registry redirected too many times.');
}

async function reach(host: string, path: string, init: RequestInit, authorization: string | null): Promise<Response> {
  const known = schemes.get(host);
  const order: Array<'https' | 'http'> = known ? [known] : mayUseHttp(host) ? ['https', 'http'] : ['https'];
  let lastError: unknown;
  for (const scheme of order) {
    try {
      const response = await send(`${scheme}://${host}${path}`, init, authorization);
      schemes.set(host, scheme);
      return response;
    } catch (error) {
      if (error instanceof StrataError) throw error;
      lastError = error;
    }
  }
  const cause = lastError instanceof Error ? ((lastError.cause as Error | undefined)?.message ?? lastError.message) : String(lastError);
  throw new StrataError('upstream_failed', `The registry ${host} is unreachable from this server (${cause}).`, {
    registry: host,
    unreachable: true,
  });
}

async function fetchToken(
  server: string,
  challenge: Extract<Challenge, { scheme: 'bearer' }>,
  scope: string,
  credentials: Credentials | null,
) {
  const key = tokenKey(server, scope, credentials);
  const cached = tokens.get(key);
  if (cached && cached.until > Date.now()) return cached.token;
  const url = new URL(challenge.realm);
  if (challenge.service) url.searchParams.set('service', challenge.service);
  url.searchParams.set('scope', scope);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: credentials ? { Authorization: basic(credentials) } : {},
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new StrataError('upstream_failed', `The token service of ${server} (${url.origin}) is unreachable.`, { registry: server });
  }
  if (response.status === 401 || response.status === 403) {
    throw new StrataError('unauthorized', `${server} refused the stored login for ${credentials?.username ?? 'anonymous access'}.`, {
      registry: server,
    });
  }
  const body = (await response.json().catch(() => null)) as { token?: unknown; access_token?: unknown; expires_in?: unknown } | null;
  const token = typeof body?.token === 'string' ? body.token : typeof body?.access_token === 'string' ? body.access_token : null;
  if (!response.ok || !token)
    throw new StrataError('upstream_failed', `The token service of ${server} answered ${response.status} without a token.`);
  // The spec's default lifetime is 60 s; renew a little early so a token never expires mid-request.
  const seconds = typeof body?.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 60;
  tokens.set(key, { token, until: Date.now() + Math.max(5, seconds - 10) * 1000 });
  if (tokens.size > MAX_TOKENS) tokens.delete(tokens.keys().next().value!);
  return token;
}

function refused(server: string, credentials: Credentials | null, scope: string): StrataError {
  const [, name = '', actions = ''] = scope.split(':');
  // A token scope names what the request does: a refused delete or push is not a refused read.
  const verb = actions.split(',').includes('delete') ? 'delete from' : actions.split(',').includes('push') ? 'push to' : 'read';
  const what = scope.startsWith('registry:catalog') ? 'its list of repositories' : name;
  const details = { registry: server, login: Boolean(credentials) };
  if (!credentials) {
    return new StrataError(
      'unauthorized',
      `${server} wants a login to ${verb} ${what}. Log in to ${server} on the Registries page.`,
      details,
    );
  }
  // A login the registry knows but does not allow this write: forbidden, as with Basic auth's 403.
  return new StrataError(
    verb === 'read' ? 'unauthorized' : 'forbidden',
    `${server} does not let ${credentials.username} ${verb} ${what}.`,
    details,
  );
}

/**
 * One request to a registry, authenticated as its challenge asks. Answers the response for any status
 * but 401 (refused after trying the stored login), 429 and 5xx, which become Strata's errors.
 */
export async function registryFetch(server: string, path: string, request: RegistryRequest): Promise<Response> {
  const host = hostOf(server);
  const credentials = await registryCredentials(server);
  const headers: Record<string, string> = request.accept ? { Accept: request.accept.join(', ') } : {};
  const init: RequestInit = { method: request.method ?? 'GET', headers };
  const key = tokenKey(server, request.scope, credentials);
  const cachedToken = tokens.get(key);
  const usesCachedToken = cachedToken !== undefined && cachedToken.until > Date.now();
  let authorization =
    cachedToken && usesCachedToken ? `Bearer ${cachedToken.token}` : credentials && basicHosts.has(server) ? basic(credentials) : null;
  let response = await reach(host, path, init, authorization);
  if (response.status === 401) {
    const challenge = parseChallenge(response.headers.get('www-authenticate'));
    await response.body?.cancel();
    // A kept token the registry now refuses (access granted since, a key rotated) is asked for again
    // once, rather than refused until it expires.
    if (usesCachedToken) tokens.delete(key);
    if (challenge?.scheme === 'bearer') {
      authorization = `Bearer ${await fetchToken(server, challenge, request.scope, credentials)}`;
    } else if (challenge?.scheme === 'basic' && credentials) {
      basicHosts.add(server);
      authorization = basic(credentials);
    } else {
      throw refused(server, credentials, request.scope);
    }
    response = await reach(host, path, init, authorization);
    if (response.status === 401) {
      await response.body?.cancel();
      throw refused(server, credentials, request.scope);
    }
  }
  if (response.status === 429) {
    await response.body?.cancel();
    throw new StrataError('rate_limited', `${server} is rate-limiting this server; try again in a few minutes.`, { registry: server });
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    throw new StrataError('upstream_failed', `${server} answered ${response.status} for ${path.split('?')[0]}.`, { registry: server });
  }
  return response;
}

/** The registry's own error code (`MANIFEST_UNKNOWN`, `UNSUPPORTED`, …) from an error body, or null. */
export async function registryErrorCode(response: Response): Promise<string | null> {
  const body = (await response.json().catch(() => null)) as { errors?: Array<{ code?: unknown }> } | null;
  const code = body?.errors?.[0]?.code;
  return typeof code === 'string' ? code : null;
}
