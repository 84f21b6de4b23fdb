'use client';
// "A newer image is out": what the registry's tag points at now against this engine's copy, said plainly.
import type { TagUpdate, UpdatesResponse } from '@/lib/api/updates';
import { Badge } from '@/components/ui/badge';
import { formatDateTime, formatRelative } from '@/lib/format';

/** The checks by local tag. */
export function updatesByTag(response: UpdatesResponse | undefined): Map<string, TagUpdate> {
  return new Map((response?.updates ?? []).map((update) => [update.tag, update]));
}

const RANK: Record<TagUpdate['state'], number> = { newer: 0, unreachable: 1, not_in_registry: 2, up_to_date: 3, pending: 4 };

/**
 * Of an image's tags, the one a row should say: a newer image first. A registry that could not be asked
 * is said once above the list (UpdatesNotice), not on every row of its images.
 */
export function mostNotable(updates: (TagUpdate | undefined)[]): TagUpdate | null {
  const known = updates.filter((update): update is TagUpdate => update !== undefined && update.state !== 'unreachable');
  return known.sort((a, b) => RANK[a.state] - RANK[b.state])[0] ?? null;
}

const checked = (update: TagUpdate) => (update.checkedAt ? `, checked ${formatRelative(update.checkedAt)}` : '');

export interface UpdateBadgeProps {
  update: TagUpdate;
  /** Pull the registry's newer image under this tag; absent in read-only mode. */
  onPull?: (tag: string) => void;
  /** Name the tag in the badge (the image page lists several). */
  named?: boolean;
}

export function UpdateBadge({ update, onPull, named = false }: UpdateBadgeProps) {
  const who = named ? `${update.tag}: ` : '';
  switch (update.state) {
    case 'newer': {
      const created = update.remoteCreated ? `created ${formatRelative(update.remoteCreated)}` : null;
      const title = `${update.tag} in the registry is ${update.remote}${
        update.remoteCreated ? `, created ${formatDateTime(update.remoteCreated)}` : ''
      }; this engine has ${update.local}${checked(update)}`;
      return (
        <span className="inline-flex min-w-0 items-center gap-1" data-update-state="newer">
          <Badge tone="amber" title={title}>
            {/* The list's rows are narrow: the age is in the title there, and in the words on the image page. */}
            {who}newer in registry{named && created ? ` (${created})` : ''}
          </Badge>
          {onPull && (
            <button
              type="button"
              onClick={() => onPull(update.tag)}
              aria-label={`Pull the newer ${update.tag}`}
              title={created ? `Pull the registry’s image, ${created}` : 'Pull the registry’s image'}
              className="rounded border border-amber-300 bg-white px-1.5 py-0.5 text-xs text-amber-900 hover:bg-amber-50"
            >
              Pull
            </button>
          )}
        </span>
      );
    }
    case 'up_to_date':
      return (
        <span data-update-state="up_to_date">
          <Badge tone="green" title={`The registry’s ${update.tag} is this image${checked(update)}`}>
            {who}up to date
          </Badge>
        </span>
      );
    case 'not_in_registry':
      return (
        <span data-update-state="not_in_registry">
          <Badge title={`The registry has no ${update.tag} any more${checked(update)}`}>{who}not in registry</Badge>
        </span>
      );
    case 'unreachable':
      return (
        <span data-update-state="unreachable">
          {/* Neutral: an offline machine cannot ask Docker Hub, and that is no fault of the image. */}
          <Badge title={update.message ?? 'The registry did not answer.'}>{who}registry unreachable</Badge>
        </span>
      );
    case 'pending':
      return named ? (
        <span data-update-state="pending">
          <Badge title="Strata asks the registry in the background">{who}checking the registry…</Badge>
        </span>
      ) : null;
  }
}
