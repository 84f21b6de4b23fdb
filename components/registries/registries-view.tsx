'use client';
import { useSearchParams } from 'next/navigation';
import Link from '@/components/ui/engine-link';
import { RegistriesPanel } from '@/components/hub/registries-panel';
import { OpenRegistryForm } from '@/components/registries/open-registry-form';
import { registryHref } from '@/components/registries/registry-href';
import { useRegistries } from '@/lib/queries/hub';

/** The engine names Docker Hub's login by its old index address; its pages are the Hub's. */
const isHub = (server: string) => server === 'docker.io' || server.startsWith('https://index.docker.io');

export function RegistriesView() {
  const { data } = useRegistries();
  // `?login=host`: sent here by a registry that wants a login, with its name filled in.
  const loginTo = useSearchParams().get('login');
  const logins = data?.registries ?? [];
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
      <div className="space-y-4">
        <section aria-labelledby="browse-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <h1 id="browse-heading" className="text-xl font-semibold">
            Registries
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            Browse a registry’s repositories and tags, see which tags point to the same image, and pull or delete a tag. Strata asks the
            registry with the login you keep here (Basic or token auth, as the registry wants).
          </p>
          <div className="mt-4">
            <OpenRegistryForm />
          </div>
        </section>
        <section aria-labelledby="logins-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="logins-heading" className="text-base font-semibold">
            Your registries
          </h2>
          {logins.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">
              No logins yet. A registry that lets anyone read opens without one; log in on the right for the others.
            </p>
          ) : (
            <ul aria-label="Your registries" className="mt-2 divide-y divide-slate-100 text-sm">
              {logins.map((login) => (
                <li key={login.server} className="flex items-center justify-between py-2">
                  <Link href={isHub(login.server) ? '/hub' : registryHref(login.server)} className="font-mono text-sky-700 hover:underline">
                    {isHub(login.server) ? 'docker.io' : login.server}
                  </Link>
                  <span className="text-xs text-slate-500">as {login.username}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <RegistriesPanel initialServer={loginTo ?? undefined} />
    </div>
  );
}
