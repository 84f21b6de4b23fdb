'use client';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import Link from '@/components/ui/engine-link';
import type { RegistryTag } from '@/lib/api/registry-browse';
import { PullDialog } from '@/components/transfer/pull-dialog';
import { EmptyState, LoadingRows } from '@/components/ui/states';
import { DeleteTagDialog } from '@/components/registries/delete-tag-dialog';
import { ManifestPanel } from '@/components/registries/manifest-panel';
import { Pager } from '@/components/registries/pager';
import { RegistryError } from '@/components/registries/registry-error';
import { registryHref } from '@/components/registries/registry-href';
import { TagGroupRow } from '@/components/registries/tag-group-row';
import { useReadOnly } from '@/lib/queries/engine';
import { useRegistryTags } from '@/lib/queries/registries';
import { usePagedFilter } from '@/lib/use-paged-filter';
import { FilterInput } from '@/components/ui/filter-input';

export interface RepositoryViewProps {
  server: string;
  repository: string;
}

/** A repository's tags, one row per image (tags on one digest together), and a manifest opened from it. */
export function RepositoryView({ server, repository }: RepositoryViewProps) {
  const manifest = useSearchParams().get('manifest');
  const { filter, setFilter, page, setPage, q } = usePagedFilter();
  const tags = useRegistryTags(server, repository, page, q);
  const readOnly = useReadOnly();
  const [pulling, setPulling] = useState<{ tag: string; platform?: string } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const data = tags.data;
  const byName = new Map<string, RegistryTag>((data?.tags ?? []).map((tag) => [tag.name, tag]));
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : null;

  return (
    <div className="space-y-4">
      <Link href={registryHref(server)} className="text-sm text-sky-700 hover:underline">
        ← {server}
      </Link>
      <section aria-labelledby="repository-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 id="repository-heading" className="break-all font-mono text-xl font-semibold">
            {server}/{repository}
          </h1>
          <FilterInput label="Filter tags" value={filter} onChange={setFilter} />
        </div>
        <p className="mt-1 text-xs text-slate-600">
          Tags that point to the same image share a row. A registry deletes an image with every tag on it, so a delete says first what goes.
        </p>
      </section>
      {manifest && <ManifestPanel key={manifest} server={server} repository={repository} reference={manifest} />}
      {tags.error ? (
        <RegistryError server={server} error={tags.error} action={`list the tags of ${repository}`} />
      ) : !data ? (
        <LoadingRows label="Loading tags" rows={6} />
      ) : data.tags.length === 0 && page > 1 && data.total > 0 ? (
        // A delete emptied the last page.
        <EmptyState title={`Page ${page} is empty now`}>
          <button type="button" onClick={() => setPage(pages ?? 1)} className="text-sky-700 hover:underline">
            Go to page {pages}
          </button>
        </EmptyState>
      ) : data.tags.length === 0 ? (
        <EmptyState title={q ? `No tag matches “${q}”` : 'No tags'}>
          {q ? 'Try a shorter part of the tag.' : `${server} has no tags under ${repository}, or the repository does not exist.`}
        </EmptyState>
      ) : (
        <section aria-label="Tags" className="rounded-lg border border-slate-200 bg-white p-5">
          <table aria-label="Tags" className="w-full table-fixed text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="w-[30%] py-1">Tags</th>
                <th className="w-32 py-1">Digest</th>
                <th className="py-1">Platforms (compressed)</th>
                <th className="w-32 py-1">Created</th>
                <th className="w-36 py-1" />
              </tr>
            </thead>
            <tbody>
              {data.groups.map((group) => (
                <TagGroupRow
                  key={group.digest ?? group.tags[0]}
                  server={server}
                  repository={repository}
                  tags={group.tags.flatMap((name) => byName.get(name) ?? [])}
                  readOnly={readOnly}
                  onPull={(tag, platform) => setPulling({ tag, platform })}
                  onDelete={setDeleting}
                />
              ))}
            </tbody>
          </table>
          <Pager
            label="Tag pages"
            page={page}
            pages={pages}
            hasMore={page < (pages ?? 1)}
            onPage={setPage}
            summary={`${data.total.toLocaleString('en')} tags${
              data.resolved < data.listed
                ? ` · matching digests, ${data.resolved.toLocaleString('en')} of ${data.listed.toLocaleString('en')} read`
                : ''
            }`}
          />
        </section>
      )}
      {pulling && (
        <PullDialog
          key={`${pulling.tag}-${pulling.platform ?? ''}`}
          open
          initialRef={`${server}/${repository}:${pulling.tag}`}
          initialPlatform={pulling.platform}
          onClose={() => setPulling(null)}
        />
      )}
      {deleting && <DeleteTagDialog server={server} repository={repository} tag={deleting} onClose={() => setDeleting(null)} />}
    </div>
  );
}
