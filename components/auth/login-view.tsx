import Link from '@/components/ui/engine-link';
import { safeNextPath } from '@/lib/security/token';

export interface LoginViewProps {
  tokenRequired: boolean;
  /** Where to go after signing in (checked again by the server). */
  next: string;
  error: 'wrong_token' | 'rate_limited' | null;
}

const ERRORS = {
  wrong_token: 'That token is not the one this Strata was started with. Check for a missing character and try again.',
  rate_limited: 'Too many wrong tokens from here in the last minute. Wait a minute, then try again.',
};

/** The sign-in form: a plain HTML form posted to the proxy (proxy.ts), so it works before any script loads. */
export function LoginView({ tokenRequired, next, error }: LoginViewProps) {
  if (!tokenRequired) {
    return (
      <section aria-labelledby="login-title" className="mx-auto mt-12 max-w-md rounded-lg border border-slate-200 bg-white p-6">
        <h1 id="login-title" className="text-lg font-semibold text-slate-900">
          No sign-in needed
        </h1>
        <p className="mt-2 text-sm text-slate-600">
          This Strata was started without <code className="font-mono text-xs">STRATA_TOKEN</code>, so it listens on this machine only and
          asks for no token.
        </p>
        <Link href="/" className="mt-4 inline-block text-sm font-medium text-sky-700 hover:underline">
          Go to the overview
        </Link>
      </section>
    );
  }
  return (
    <section aria-labelledby="login-title" className="mx-auto mt-12 max-w-md rounded-lg border border-slate-200 bg-white p-6">
      <h1 id="login-title" className="text-lg font-semibold text-slate-900">
        Sign in to Strata
      </h1>
      <p className="mt-2 text-sm text-slate-600">
        Strata controls this machine’s Docker engine, and whoever controls the engine controls the machine. So this Strata asks for the
        token it was started with (<code className="font-mono text-xs">STRATA_TOKEN</code>). Ask whoever runs it if you do not have it.
      </p>
      {error && (
        <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {ERRORS[error]}
        </p>
      )}
      <form method="post" action="/login" className="mt-4 space-y-3">
        <input type="hidden" name="next" value={safeNextPath(next)} />
        <label className="block text-sm font-medium text-slate-700">
          Token
          <input
            type="password"
            name="token"
            required
            autoFocus
            autoComplete="current-password"
            spellCheck={false}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm focus:border-sky-500 focus:outline-none focus:ring-1 focus:ring-sky-500"
          />
        </label>
        <button type="submit" className="w-full rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700">
          Sign in
        </button>
      </form>
      <p className="mt-4 text-xs text-slate-500">
        Signing in keeps a cookie for a week; it holds a value derived from the token, not the token itself. Scripts can send the token as{' '}
        <code className="font-mono">Authorization: Bearer …</code> instead.
      </p>
    </section>
  );
}
