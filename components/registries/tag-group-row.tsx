'use client';
import Link from '@/components/ui/engine-link';
import type { RegistryTag } from '@/lib/api/registry-browse';
import { Badge } from '@/components/ui/badge';
import { formatBytes, formatPlatform, formatRelative, shortId } from '@/lib/format';
import { repositoryHref } from '@/components/registries/registry-href';

export interface TagGroupRowProps {
  server: string;
  repository: string;
  /** This page's tags on one digest, the first standing for them all. */
  tags: RegistryTag[];
  readOnly: boolean;
  onPull: (tag: string, platform?: string) => void;
  onDelete: (tag: string) => void;
}

const button = 'rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50';

/** One image of the repository: every tag on its digest ("latest · 1.27 · 1.27.3"), its platforms and sizes. */
export function TagGroupRow({ server, repository, tags, readOnly, onPull, onDelete }: TagGroupRowProps) {
  const first = tags[0]!;
  const names = new Set(tags.map((tag) => tag.name));
  // Tags on the same digest that sit on other pages of the list (the server names up to 20 of them).
  const elsewhere = first.aliases.filter((alias) => !names.has(alias));
  // Of the other tags on this digest, those neither in this row nor named above.
  const unnamed = Math.max(0, first.aliasCount - (tags.length - 1) - elsewhere.length);
  const multi = first.platforms.length > 1;
  return (
    <tr data-digest={first.digest ?? undefined} className="border-t border-slate-100 align-top">
      <td className="py-2 pr-3">
        <div aria-label="Tags on this image" className="font-mono text-sm">
          {tags.map((tag) => tag.name).join(' · ')}
        </div>
        {(elsewhere.length > 0 || unnamed > 0) && (
          <div className="mt-0.5 text-xs text-slate-500">
            also {elsewhere.join(', ')}
            {unnamed > 0 && `${elsewhere.length > 0 ? ' and ' : ''}${unnamed.toLocaleString('en')} more tag${unnamed === 1 ? '' : 's'}`}
          </div>
        )}
        {first.problem && <p className="mt-1 text-xs text-amber-800">{first.problem}</p>}
      </td>
      <td className="py-2 pr-3 font-mono text-xs">
        {first.digest ? (
          <Link href={repositoryHref(server, repository, first.digest)} title={first.digest} className="text-sky-700 hover:underline">
            {shortId(first.digest)}
          </Link>
        ) : (
          <span className="text-slate-400">reading…</span>
        )}
        {multi && (
          <div className="mt-1">
            <Badge tone="violet">index</Badge>
          </div>
        )}
      </td>
      <td className="py-2 pr-3 text-xs">
        <ul aria-label="Platforms">
          {first.platforms.map((platform) => (
            <li key={platform.digest} className="flex items-center gap-2">
              <span className="font-mono">{formatPlatform(platform)}</span>
              <span className="text-slate-500">{platform.size === null ? '—' : formatBytes(platform.size)}</span>
              {multi && !readOnly && (
                <button
                  type="button"
                  onClick={() => onPull(first.name, formatPlatform(platform))}
                  aria-label={`Pull ${repository}:${first.name} for ${formatPlatform(platform)}`}
                  className="text-sky-700 hover:underline"
                >
                  pull
                </button>
              )}
            </li>
          ))}
        </ul>
      </td>
      <td className="py-2 pr-3 text-xs text-slate-600" title={first.created ?? undefined}>
        {first.created ? formatRelative(first.created) : '—'}
      </td>
      <td className="whitespace-nowrap py-2 text-right">
        {!readOnly && first.digest && (
          <span className="inline-flex gap-1">
            <button type="button" onClick={() => onPull(first.name)} aria-label={`Pull ${repository}:${first.name}`} className={button}>
              Pull
            </button>
            <button
              type="button"
              onClick={() => onDelete(first.name)}
              aria-label={`Delete ${repository}:${first.name}`}
              className={`${button} text-red-700`}
            >
              Delete…
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}
