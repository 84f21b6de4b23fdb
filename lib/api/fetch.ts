// The browser's way to call Strata's API: a non-OK answer becomes the same typed error the server
// threw, so views branch on `error.code` instead of parsing text.
import { isErrorBody, StrataError } from '@/lib/api/errors';
import { withEngine } from '@/lib/engine-param';

export async function apiFetch<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withEngine(path), { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  } catch (error) {
    // A cancelled query (the user navigated away) is not a failure to report.
    if (init?.signal?.aborted) throw error;
    throw new StrataError('internal', 'Strata’s server did not answer. Is it still running?');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    // Signed out (the token changed, or the cookie expired): back to the sign-in page, then here again.
    // Only Strata's own token refusal says so (a registry refusing a password is a 401 too).
    if (response.status === 401 && /realm="Strata"/.test(response.headers.get('www-authenticate') ?? '') && typeof window !== 'undefined') {
      // A full load on purpose: /login is answered by the server, and the page's state is stale anyway.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    if (isErrorBody(body)) throw new StrataError(body.error.code, body.error.message, body.error.details);
    throw new StrataError('internal', `Strata’s server answered ${response.status} without an explanation.`);
  }
  return body as T;
}

/**
 * React Query retry policy: never retry what the user must fix (4xx). An unreachable engine is shown
 * at once rather than after a minute of silent retries; `pollWhileUnreachable` then brings it back.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof StrataError && (isEngineDown(error) || error.status < 500)) return false;
  return failureCount < 2;
}

/** The engine is gone (503) or stuck (504): retrying at once only repeats the wait. */
function isEngineDown(error: StrataError): boolean {
  return error.code === 'engine_unreachable' || error.code === 'engine_timeout';
}

/** Refetch interval: every 3 s while the engine is unreachable or stuck, so pages recover without a reload. */
export function pollWhileUnreachable(query: { state: { error: unknown } }): number | false {
  return query.state.error instanceof StrataError && isEngineDown(query.state.error) ? 3000 : false;
}
