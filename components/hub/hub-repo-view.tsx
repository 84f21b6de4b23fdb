'use client';
import Link from '@/components/ui/engine-link';
import { useState } from 'react';
import type { HubTag } from '@/lib/api/hub';
import type { ImageSummary } from '@/lib/api/images';
import { StrataError } from '@/lib/api/errors';
import { PullDialog } from '@/components/transfer/pull-dialog';
import { FilterInput } from '@/components/ui/filter-input';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/modal';
import { ErrorState, LoadingRows } from '@/components/ui/states';
import { formatBytes, formatRelative } from '@/lib/format';
import { useHubRepository, useHubTags } from '@/lib/queries/hub';
import { useImageList } from '@/lib/queries/images';
import { useReadOnly } from '@/lib/queries/engine';

export interface HubRepoViewProps {
  namespace: string;
  repo: string;
}

export function HubRepoView({ namespace, repo }: HubRepoViewProps) {
  const repository = useHubRepository(namespace, repo);
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState('');
  const tags = useHubTags(namespace, repo, page, filter.trim());
  const [pulling, setPulling] = useState<string | null>(null);
  const name = namespace === 'library' ? repo : `${namespace}/${repo}`;
  const { data: local } = useImageList();
  const readOnly = useReadOnly();
  const pages = tags.data ? Math.max(1, Math.ceil(tags.data.count / tags.data.pageSize)) : 1;
  return (
    <div className="space-y-4">
      <Link href="/hub" className="text-sm text-sky-700 hover:underline">
        ← Docker Hub search
      </Link>
      {repository.error ? (
        <ErrorState error={repository.error} action={`open ${name} on Docker Hub`} />
      ) : !repository.data ? (
        <LoadingRows label="Loading repository" rows={2} />
      ) : (
        <section aria-label="Repository" className="rounded-lg border border-slate-200 bg-white p-5">
          <div className="flex items-center gap-2">
            <h1 className="font-mono text-2xl font-semibold">{name}</h1>
            {repository.data.official && <Badge tone="blue">Official Image</Badge>}
          </div>
          <p className="mt-1 text-sm text-slate-700">{repository.data.description}</p>
          <p className="mt-1 text-xs text-slate-500">
            ★ {repository.data.stars.toLocaleString('en')} · {repository.data.pulls.toLocaleString('en')} pulls
            {repository.data.lastUpdated ? ` · updated ${formatRelative(repository.data.lastUpdated)}` : ''}
          </p>
        </section>
      )}
      <section aria-labelledby="tags-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="tags-heading" className="text-base font-semibold">
            Tags
          </h2>
          <FilterInput
            label="Filter tags"
            value={filter}
            onChange={(value) => {
              setFilter(value);
              setPage(1);
            }}
          />
        </div>
        {tags.error ? (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {tags.error instanceof StrataError ? tags.error.message : 'Tags could not be loaded.'}
          </p>
        ) : !tags.data ? (
          <LoadingRows label="Loading tags" rows={5} />
        ) : (
          <>
            <table aria-label="Tags" className="mt-3 w-full table-fixed text-sm">
              <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="w-48 py-1">Tags</th>
                  <th className="w-32 py-1">Pushed</th>
                  <th className="py-1">Platforms (compressed size)</th>
                  <th className="w-40 py-1">Here</th>
                  <th className="w-20 py-1" />
                </tr>
              </thead>
              <tbody>
                {groupByDigest(tags.data.tags).map((group) => {
                  const tag = group[0]!;
                  return (
                    <tr key={tag.name} data-tag={tag.name} className="border-t border-slate-100 align-top">
                      <td className="py-1.5 font-mono text-xs" title={tag.digest ?? undefined}>
                        <span aria-label="Tags on this image">{group.map((member) => member.name).join(' · ')}</span>
                        {tag.digest && <div className="text-[10px] text-slate-400">{tag.digest.slice(7, 19)}</div>}
                      </td>
                      <td className="py-1.5 text-slate-600">{tag.lastPushed ? formatRelative(tag.lastPushed) : '—'}</td>
                      <td className="py-1.5 text-xs text-slate-700">
                        {tag.images
                          .map(
                            (image) =>
                              `${image.os}/${image.architecture}${image.variant ? `/${image.variant}` : ''} ${formatBytes(image.size)}`,
                          )
                          .join(' · ')}
                      </td>
                      <td className="py-1.5 text-xs">
                        <LocalState group={group} name={name} images={local?.images ?? []} />
                      </td>
                      <td className="py-1.5 text-right">
                        {!readOnly && (
                          <button
                            type="button"
                            onClick={() => setPulling(`${name}:${tag.name}`)}
                            className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
                            aria-label={`Pull ${name}:${tag.name}`}
                          >
                            Pull
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <nav aria-label="Tag pages" className="mt-3 flex items-center gap-2 text-sm">
              <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)} className={buttonClass.quiet}>
                Previous
              </button>
              <span>
                Page {page} of {pages} · {tags.data.count} tags
              </span>
              <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)} className={buttonClass.quiet}>
                Next
              </button>
            </nav>
          </>
        )}
      </section>
      {pulling && <PullDialog key={pulling} open initialRef={pulling} onClose={() => setPulling(null)} />}
    </div>
  );
}

/**
 * The page's tags, one group per digest in the order the Hub lists them: `latest · 1.27 · 1.27.3` is
 * one image under three names. A tag without a digest stands alone.
 */
function groupByDigest(tags: HubTag[]): HubTag[][] {
  const groups = new Map<string, HubTag[]>();
  for (const tag of tags) {
    const key = tag.digest ?? `name:${tag.name}`;
    groups.set(key, [...(groups.get(key) ?? []), tag]);
  }
  return [...groups.values()];
}

/** Whether this tag is on the engine, and whether the local copy is behind the Hub (digests differ). */
function LocalState({ group, name, images }: { group: HubTag[]; name: string; images: ImageSummary[] }) {
  // Any of the group's tags pulled here counts: they are one image.
  const tag = group.find((member) => images.some((image) => image.repoTags.includes(`${name}:${member.name}`))) ?? group[0]!;
  const local = images.find((image) => image.repoTags.includes(`${name}:${tag.name}`));
  if (!local) return <span className="text-slate-400">not pulled</span>;
  // Only digests from this repository count: the same image pushed elsewhere has other digests.
  const digests = local.repoDigests
    .filter((digest) => digest.startsWith(`${name}@`))
    .map((digest) => digest.slice(digest.indexOf('@') + 1));
  if (tag.digest && digests.length > 0 && !digests.includes(tag.digest)) return <Badge tone="amber">behind the Hub</Badge>;
  return <Badge tone="green">up to date</Badge>;
}
