'use client';
import Link from '@/components/ui/engine-link';
import type { HubRepoSummary } from '@/lib/api/hub';
import { StrataError } from '@/lib/api/errors';
import { RegistriesPanel } from '@/components/hub/registries-panel';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/modal';
import { EmptyState, LoadingRows } from '@/components/ui/states';
import { formatRelative } from '@/lib/format';
import { useHubSearch, type HubSearchParams } from '@/lib/queries/hub';
import { useImageList } from '@/lib/queries/images';
import { useReadOnly } from '@/lib/queries/engine';
import { oneOf, useUrlState, useUrlText, type UrlStateChanges } from '@/lib/url-state';

const SORTS = ['relevance', 'pulls', 'stars', 'updated'] as const;

export function HubSearchView() {
  // The search, its sort, filters and page live in the URL: `/hub?q=nginx&sort=stars` is a link to share.
  const url = useUrlState();
  // Debounced: one Hub request once typing pauses, not one per keystroke (the Hub rate-limits).
  const [text, setText, typed] = useUrlText('q', 300, { page: null });
  const q = typed.trim();
  const page = Math.max(1, Number(url.params.get('page')) || 1);
  const sort: HubSearchParams['sort'] = oneOf(url.params.get('sort'), SORTS, 'relevance');
  const official = url.params.get('official') === '1';
  const verified = url.params.get('verified') === '1';
  const { data, error, isFetching } = useHubSearch({ q, page, sort, official, verified });
  const local = useLocalRepositories();
  const readOnly = useReadOnly();
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const choose = (changes: UrlStateChanges) => url.set({ ...changes, page: null });
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="space-y-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Docker Hub</h1>
          <p className="mt-1 text-sm text-slate-600">
            Docker Hub is the package archive of containers. Search it, judge an image, then pull it.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <input
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="Search Docker Hub, e.g. nginx"
            aria-label="Search Docker Hub"
            className="w-80 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
          <select
            aria-label="Sort"
            value={sort}
            onChange={(event) => choose({ sort: event.target.value === 'relevance' ? null : event.target.value })}
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="relevance">Most relevant</option>
            <option value="pulls">Most pulls</option>
            <option value="stars">Most stars</option>
            <option value="updated">Recently updated</option>
          </select>
          <label className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={official} onChange={(event) => choose({ official: event.target.checked })} /> Official only
          </label>
          <label className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={verified} onChange={(event) => choose({ verified: event.target.checked })} /> Verified
            publishers only
          </label>
        </div>
        {q === '' ? (
          <EmptyState title="Search Docker Hub">
            <p>
              Official Images are maintained with the software’s own team and have no namespace (just “nginx”). For the rest, look at the
              publisher badge, stars, pulls and how recently it was updated.
            </p>
          </EmptyState>
        ) : error ? (
          <div role="alert" aria-label="Docker Hub problem" className="rounded-lg border border-red-200 bg-white p-5 text-sm">
            <h2 className="font-semibold text-red-800">
              {error instanceof StrataError && error.code === 'rate_limited'
                ? 'Docker Hub is rate-limiting this server'
                : 'Docker Hub could not be searched'}
            </h2>
            <p className="mt-1 text-slate-700">{error instanceof StrataError ? error.message : 'The search failed.'}</p>
          </div>
        ) : !data ? (
          <LoadingRows label="Searching Docker Hub" rows={5} />
        ) : data.results.length === 0 ? (
          <EmptyState title="No repositories match">
            <p>Try another word, or clear the badge filters.</p>
          </EmptyState>
        ) : (
          <>
            <p aria-live="polite" className="text-xs text-slate-500">
              {data.total} repositories{isFetching ? ' · updating…' : ''}
              {data.rateLimit?.remaining !== null &&
                data.rateLimit?.remaining !== undefined &&
                ` · ${data.rateLimit.remaining} Hub requests left this window`}
            </p>
            <ul aria-label="Search results" className="space-y-2">
              {data.results.map((result) => (
                <ResultCard key={result.name} result={result} local={local.has(result.name)} />
              ))}
            </ul>
            <nav aria-label="Pages" className="flex items-center gap-2 text-sm">
              <button
                type="button"
                disabled={page <= 1}
                onClick={() => url.set({ page: page - 1 > 1 ? page - 1 : null })}
                className={buttonClass.quiet}
              >
                Previous
              </button>
              <span>
                Page {page} of {pages}
              </span>
              <button type="button" disabled={page >= pages} onClick={() => url.set({ page: page + 1 })} className={buttonClass.quiet}>
                Next
              </button>
            </nav>
          </>
        )}
      </div>
      <aside className="space-y-4">
        <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 className="font-semibold">How to judge an image</h2>
          <ul className="mt-2 list-disc space-y-1 pl-4 text-slate-600">
            <li>
              <strong>Official Image</strong>: curated by Docker with the upstream project.
            </li>
            <li>
              <strong>Verified Publisher</strong>: the company behind the software publishes it.
            </li>
            <li>Otherwise weigh stars, pulls and recent updates, and read its Dockerfile.</li>
            <li>Pin a version tag (nginx:1.27) rather than latest for anything beyond trying it out.</li>
          </ul>
        </section>
        {!readOnly && <RegistriesPanel />}
      </aside>
    </div>
  );
}

function useLocalRepositories(): Set<string> {
  const { data } = useImageList();
  const names = new Set<string>();
  for (const image of data?.images ?? []) for (const tag of image.repoTags) names.add(tag.slice(0, tag.lastIndexOf(':')));
  return names;
}

function ResultCard({ result, local }: { result: HubRepoSummary; local: boolean }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4" data-repo={result.name}>
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/hub/${result.namespace}/${result.repository}`} className="font-mono font-semibold text-sky-800 hover:underline">
          {result.name}
        </Link>
        {result.official && <Badge tone="blue">Official Image</Badge>}
        {result.verifiedPublisher && <Badge tone="violet">Verified Publisher</Badge>}
        {result.openSource && <Badge tone="green">Sponsored OSS</Badge>}
        {local && (
          <Badge tone="amber" title="You have an image from this repository">
            on this engine
          </Badge>
        )}
      </div>
      <p className="mt-1 text-sm text-slate-700">{result.description || 'No description.'}</p>
      <p className="mt-1 text-xs text-slate-500">
        ★ {result.stars.toLocaleString('en')} · {result.pulls} pulls
        {result.updatedAt ? ` · updated ${formatRelative(result.updatedAt)}` : ''}
        {result.publisher ? ` · by ${result.publisher}` : ''}
        {result.architectures.length ? ` · ${result.architectures.join(', ')}` : ''}
      </p>
    </li>
  );
}
