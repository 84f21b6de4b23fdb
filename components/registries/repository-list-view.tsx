'use client';
import Link from '@/components/ui/engine-link';
import { EmptyState, LoadingRows } from '@/components/ui/states';
import { Pager } from '@/components/registries/pager';
import { OpenRepositoryForm } from '@/components/registries/open-repository-form';
import { RegistryError } from '@/components/registries/registry-error';
import { repositoryHref } from '@/components/registries/registry-href';
import { useRepositories } from '@/lib/queries/registries';
import { usePagedFilter } from '@/lib/use-paged-filter';
import { FilterInput } from '@/components/ui/filter-input';

/** One registry's repositories, a page at a time, filtered on the server (a catalog may hold 50,000). */
export function RepositoryListView({ server }: { server: string }) {
  const { filter, setFilter, page, setPage, q } = usePagedFilter();
  const repositories = useRepositories(server, page, q);
  const data = repositories.data;
  const pages = data?.total != null ? Math.max(1, Math.ceil(data.total / data.pageSize)) : null;
  return (
    <div className="space-y-4">
      <Link href="/registries" className="text-sm text-sky-700 hover:underline">
        ← Registries
      </Link>
      <section aria-labelledby="registry-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 id="registry-heading" className="font-mono text-xl font-semibold">
            {server}
          </h1>
          <FilterInput label="Filter repositories" value={filter} onChange={setFilter} className="w-64" />
        </div>
        <div className="mt-3">
          <OpenRepositoryForm server={server} />
        </div>
      </section>
      {repositories.error ? (
        <RegistryError server={server} error={repositories.error} action={`list the repositories of ${server}`} />
      ) : !data ? (
        <LoadingRows label="Loading repositories" rows={6} />
      ) : !data.catalog ? (
        <EmptyState title="This registry does not list its repositories">
          {server} refuses the catalog request (GHCR, ECR and others do, or your login may not read it). Open a repository by its name
          above.
        </EmptyState>
      ) : data.repositories.length === 0 ? (
        <EmptyState title={q ? `No repository matches “${q}”` : 'No repositories yet'}>
          {q ? 'Try a shorter part of the name.' : `Push an image to ${server} and it shows here.`}
        </EmptyState>
      ) : (
        <section aria-label="Repositories" className="rounded-lg border border-slate-200 bg-white p-5">
          <ul aria-label="Repositories" className="grid gap-x-6 sm:grid-cols-2 xl:grid-cols-3">
            {data.repositories.map((name) => (
              <li key={name} className="truncate border-b border-slate-100 py-1.5">
                <Link href={repositoryHref(server, name)} className="font-mono text-sm text-sky-700 hover:underline">
                  {name}
                </Link>
              </li>
            ))}
          </ul>
          <Pager
            label="Repository pages"
            page={page}
            pages={pages}
            hasMore={data.hasMore}
            onPage={setPage}
            summary={data.total === null ? 'counting the catalog…' : `${data.total.toLocaleString('en')} repositories`}
          />
        </section>
      )}
    </div>
  );
}
