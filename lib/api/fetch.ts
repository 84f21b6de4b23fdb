// The browser's way to call Strata's API: a non-OK answer becomes the same typed error the server
// threw, so views branch on `error.code` instead of parsing text.
import { isErrorBody, StrataError } from '@/lib/api/errors';

export async function apiFetch<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  } catch {
    throw new StrataError('internal', 'Strata’s server did not answer. Is it still running?');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isErrorBody(body)) throw new StrataError(body.error.code, body.error.message, body.error.details);
    throw new StrataError('internal', `Strata’s server answered ${response.status} without an explanation.`);
  }
  return body as T;
}

/** React Query retry policy: never retry what the user must fix (4xx); ride out an engine restart. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof StrataError) {
    if (error.code === 'engine_unreachable') return failureCount < 5;
    if (error.status < 500) return false;
  }
  return failureCount < 2;
}
