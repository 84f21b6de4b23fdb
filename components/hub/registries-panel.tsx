'use client';
import { useState } from 'react';
import { StrataError } from '@/lib/api/errors';
import { buttonClass } from '@/components/ui/modal';
import { useLogin, useLogout, useRegistries } from '@/lib/queries/hub';

/** Logins for registries: checked by the engine, kept on the server, never shown again. */
export function RegistriesPanel({ initialServer = 'docker.io' }: { initialServer?: string }) {
  const { data } = useRegistries();
  const login = useLogin();
  const logout = useLogout();
  const [server, setServer] = useState(initialServer);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const input = 'mt-1 w-full rounded-md border border-slate-300 px-2 py-1 text-sm';
  return (
    <section aria-labelledby="registries-heading" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="registries-heading" className="font-semibold">
        Registries
      </h2>
      <p className="mt-1 text-xs text-slate-600">
        Log in to pull private images and to push. The engine checks the login first; Strata keeps the password on the server (a file only
        it can read) and never sends it back.
      </p>
      <ul aria-label="Logged in" className="mt-2 space-y-1">
        {(data?.registries ?? []).length === 0 && <li className="text-slate-500">No logins yet.</li>}
        {data?.registries.map((entry) => (
          <li key={entry.server} className="flex items-center justify-between gap-2">
            <span className="truncate font-mono text-xs">
              {entry.username} @ {entry.server}
            </span>
            <button
              type="button"
              onClick={() => logout.mutate(entry.server.startsWith('https://index.docker.io') ? 'docker.io' : entry.server)}
              className="text-xs text-red-700 hover:underline"
            >
              Log out
            </button>
          </li>
        ))}
      </ul>
      <form
        className="mt-3 space-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          login.mutate({ server, username, password }, { onSuccess: () => setPassword('') });
        }}
      >
        <label className="block">
          Registry
          <input value={server} onChange={(event) => setServer(event.target.value)} className={input} />
        </label>
        <label className="block">
          Username
          <input value={username} onChange={(event) => setUsername(event.target.value)} autoComplete="username" className={input} />
        </label>
        <label className="block">
          Password or token
          <input
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="current-password"
            className={input}
          />
        </label>
        {login.isError && (
          <p role="alert" className="text-xs text-red-700">
            {login.error instanceof StrataError ? login.error.message : 'Login failed.'}
          </p>
        )}
        {login.isSuccess && (
          <p role="status" className="text-xs text-emerald-700">
            Logged in to {login.data.server} as {login.data.username}.
          </p>
        )}
        <button type="submit" disabled={!server || !username || !password || login.isPending} className={buttonClass.primary}>
          {login.isPending ? 'Checking…' : 'Log in'}
        </button>
      </form>
    </section>
  );
}
