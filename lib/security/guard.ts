// The one screen every request passes, shared by proxy.ts (every route) and the three upload routes
// (build, load, import), which are left out of the proxy because Next buffers any body that passes
// through it and cuts it at 10 MB. In order:
//  1. Host and Origin checks (lib/security/request-guard.ts) — DNS rebinding and CSRF;
//  2. the token, when STRATA_TOKEN is set (lib/security/token.ts), and the login/logout form posts;
//  3. a fresh CSP nonce and the security headers on every answer, refusals included (lib/security/csp.ts).
import { NextRequest, NextResponse } from 'next/server';
import { contentSecurityPolicy, createNonce, securityHeaders } from '@/lib/security/csp';
import { clientKey, sharedLimiter } from '@/lib/security/rate-limit';
import { checkRequest } from '@/lib/security/request-guard';
import { startupProblem } from '@/lib/security/startup';
import {
  clearedSessionCookie,
  credentialsOf,
  credentialsValid,
  safeNextPath,
  SESSION_COOKIE,
  sessionCookie,
  sessionValue,
} from '@/lib/security/token';

const SESSION_PATHS = new Set(['/login', '/logout']);

export function withHeaders(response: NextResponse, csp: string): NextResponse {
  for (const [name, value] of Object.entries(securityHeaders(csp))) response.headers.set(name, value);
  return response;
}

function errorJson(status: number, code: string, message: string, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/** A redirect to a path on this site (the Host it is resolved against has passed the allowlist). */
function redirectTo(request: NextRequest, path: string, status: 303 | 307, cookie?: string): NextResponse {
  const response = NextResponse.redirect(new URL(path, request.nextUrl), status);
  response.headers.set('Cache-Control', 'no-store');
  if (cookie) response.headers.set('Set-Cookie', cookie);
  return response;
}

const isHttps = (request: NextRequest) => request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
const loginUrl = (next: string, error?: string) =>
  `/login?${new URLSearchParams({ ...(error ? { error } : {}), ...(next !== '/' ? { next } : {}) }).toString()}`.replace(/\?$/, '');

async function login(request: NextRequest, token: string | undefined): Promise<NextResponse> {
  if (!token) return redirectTo(request, '/', 303);
  if (Number(request.headers.get('content-length') ?? 0) > 8192) return errorJson(413, 'invalid_input', 'The sign-in form is too large.');
  const form = await request.formData().catch(() => null);
  const next = safeNextPath(form?.get('next'));
  const given = form?.get('token');
  const client = clientKey(request.headers);
  const limiter = sharedLimiter();
  if (limiter.blocked(client)) return redirectTo(request, loginUrl(next, 'rate_limited'), 303);
  if (typeof given === 'string' && given && (await credentialsValid({ kind: 'bearer', value: given }, token))) {
    return redirectTo(request, next, 303, sessionCookie(await sessionValue(token), isHttps(request)));
  }
  limiter.fail(client);
  return redirectTo(request, loginUrl(next, 'wrong_token'), 303);
}

/** null when the request may go on; otherwise the refusal. */
async function requireToken(request: NextRequest, token: string): Promise<NextResponse | null> {
  const { pathname, search } = request.nextUrl;
  // Public: the build's static files (code and styles, no data) and the sign-in page.
  if (pathname.startsWith('/_next/static/')) return null;
  const credentials = credentialsOf(request.headers, request.cookies.get(SESSION_COOKIE)?.value);
  const client = clientKey(request.headers);
  const limiter = sharedLimiter();
  if (credentials.kind === 'bearer' && limiter.blocked(client)) {
    return errorJson(429, 'rate_limited', 'Too many wrong tokens from this client: wait a minute, then try again.', {
      'Retry-After': '60',
    });
  }
  const valid = await credentialsValid(credentials, token);
  if (pathname === '/login' && request.method === 'GET') {
    return valid ? redirectTo(request, safeNextPath(request.nextUrl.searchParams.get('next')), 307) : null;
  }
  if (valid) return null;
  // A stale cookie (the token changed) is not a guess; a wrong bearer token is.
  if (credentials.kind === 'bearer') limiter.fail(client);
  if (pathname.startsWith('/api/')) {
    const message =
      credentials.kind === 'bearer'
        ? 'The token is wrong.'
        : 'This Strata asks for a token: sign in at /login, or send it as `Authorization: Bearer <token>`.';
    return errorJson(401, 'unauthorized', message, { 'WWW-Authenticate': 'Bearer realm="Strata"' });
  }
  return redirectTo(request, loginUrl(safeNextPath(pathname + search)), request.method === 'GET' ? 307 : 303);
}

// instrumentation.ts stops the server on this; answering nothing meanwhile closes the gap before it does.
const exposedWithoutToken = startupProblem(process.argv, process.env);

/** The refusal (headers set), or the CSP for the answer when the request may go on. */
export async function screen(request: NextRequest, upload = false): Promise<NextResponse | { csp: string }> {
  const csp = contentSecurityPolicy(createNonce(), process.env.NODE_ENV === 'development');
  if (exposedWithoutToken) return withHeaders(errorJson(503, 'forbidden', exposedWithoutToken), csp);
  const { pathname } = request.nextUrl;
  const sessionPost = request.method === 'POST' && SESSION_PATHS.has(pathname);
  const verdict = checkRequest(
    { method: request.method, headers: request.headers, pathname },
    {
      bindHost: process.env.STRATA_HOST,
      allowedHosts: process.env.STRATA_ALLOWED_HOSTS,
      port: process.env.PORT,
      // Signing in or out changes nothing on the engine, so read-only mode lets it through.
      readOnly: process.env.STRATA_READ_ONLY === '1' && !sessionPost,
      upload,
    },
  );
  if (!verdict.ok) return withHeaders(errorJson(verdict.status, verdict.code, verdict.message), csp);

  const token = process.env.STRATA_TOKEN || undefined;
  if (sessionPost && pathname === '/login') return withHeaders(await login(request, token), csp);
  if (sessionPost) return withHeaders(redirectTo(request, '/login', 303, clearedSessionCookie(isHttps(request))), csp);
  if (token) {
    const refusal = await requireToken(request, token);
    if (refusal) return withHeaders(refusal, csp);
  }
  return { csp };
}

/** Routes whose bodies are uploads; proxy.ts leaves them out, and they call `screenUpload` first. */
export const UPLOAD_ROUTES = ['/api/build', '/api/images/load', '/api/images/import'];

/**
 * The screen for an upload route, from its own Request. Only the URL, method, headers and cookies are
 * read, so the body stays untouched for the route to stream.
 */
export function screenUpload(request: Request): Promise<NextResponse | { csp: string }> {
  return screen(
    request instanceof NextRequest ? request : new NextRequest(request.url, { method: request.method, headers: request.headers }),
    true,
  );
}
