import Link from '@/components/ui/engine-link';
import type { ImageRow } from '@/components/images/image-table-model';
import { baseOsLabel, type ImageSummary, type SizeAccounting } from '@/lib/api/images';
import { Badge } from '@/components/ui/badge';
import { CopyButton } from '@/components/ui/copy-button';
import { formatBytes, formatDateTime, formatRelative } from '@/lib/format';
import { imageHref } from '@/components/images/image-href';
import { PlatformChips } from '@/components/images/platform-chips';
import type { TagUpdate } from '@/lib/api/updates';
import { UpdateBadge } from '@/components/images/update-badge';

export const ROW_HEIGHT = 52;
// Sized so every column fits a 1280-pixel window on both stores (the OS column takes "alpine 3.20.3").
const GRID_COLUMNS = '36px minmax(220px,1fr) 136px 120px 128px 96px 84px 84px 90px 150px';
// The containerd store's extra Content column, after Disk usage.
const GRID_COLUMNS_WITH_CONTENT = '36px minmax(190px,1fr) 136px 120px 128px 104px 84px 84px 84px 90px 150px';

export function gridColumnsFor(accounting: SizeAccounting): string {
  return accounting === 'content-and-unpacked' ? GRID_COLUMNS_WITH_CONTENT : GRID_COLUMNS;
}
const MAX_CHIPS = 2;

export interface ImageTableRowProps {
  row: ImageRow;
  index: number;
  start: number;
  selected: boolean;
  onSelect: (key: string, selected: boolean) => void;
  accounting: SizeAccounting;
  /** The registry check most worth saying of this image's tags, if any was made. */
  update: TagUpdate | null;
  onPullUpdate?: (tag: string) => void;
}

export function ImageTableRow({ row, index, start, selected, onSelect, accounting, update, onPullUpdate }: ImageTableRowProps) {
  const { image, tags } = row;
  const href = imageHref(image.id);
  const hidden = tags.length - MAX_CHIPS;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-image-id={image.id}
      className={`absolute left-0 grid w-full items-center border-b border-slate-100 text-sm hover:bg-sky-50/50 ${selected ? 'bg-sky-50' : ''}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)`, gridTemplateColumns: gridColumnsFor(accounting) }}
    >
      <div role="cell" className="flex items-center justify-center">
        <input
          type="checkbox"
          checked={selected}
          onChange={(event) => onSelect(row.key, event.target.checked)}
          aria-label={`Select ${tags[0] ?? image.shortId}`}
          className="h-4 w-4 accent-slate-900"
        />
      </div>
      <div role="cell" className="flex min-w-0 flex-col justify-center gap-0.5 overflow-hidden px-3">
        <div className="flex min-w-0 items-center gap-1.5">
          {tags.length === 0 ? (
            <Link href={href} className="font-mono text-xs italic text-slate-500 hover:underline">
              &lt;none&gt;
            </Link>
          ) : (
            tags.slice(0, MAX_CHIPS).map((tag, i) => (
              // The first tag keeps its full width (up to a limit); later ones give way when space is short.
              <Link
                key={tag}
                href={href}
                title={tag}
                className={`${i === 0 ? 'shrink-0' : 'min-w-0'} max-w-[240px] truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800 hover:bg-sky-100`}
              >
                {tag}
              </Link>
            ))
          )}
          {hidden > 0 && (
            <Link
              href={href}
              title={tags.slice(MAX_CHIPS).join('\n')}
              aria-label={`${hidden} more tag${hidden === 1 ? '' : 's'}: ${tags.slice(MAX_CHIPS).join(', ')}`}
              className="whitespace-nowrap text-xs text-slate-500 hover:underline"
            >
              +{hidden} more
            </Link>
          )}
        </div>
        <div className="flex min-w-0 items-center gap-1.5">
          <PlatformChips platforms={image.platforms} />
          {update && <UpdateBadge update={update} onPull={onPullUpdate} />}
        </div>
      </div>
      <div role="cell" className="flex items-center gap-1 px-3">
        <Link href={href} className="font-mono text-xs text-slate-700 hover:underline">
          {image.shortId}
        </Link>
        <CopyButton value={image.id} label={`Copy image ID ${image.shortId}`} />
      </div>
      <BaseOsCell os={image.baseOs} />
      <div role="cell" className="whitespace-nowrap px-3 text-slate-600" title={formatDateTime(image.created)}>
        {formatRelative(image.created)}
      </div>
      <div role="cell" className="px-3 text-right tabular-nums">
        {formatBytes(image.size)}
      </div>
      {accounting === 'content-and-unpacked' && (
        <div role="cell" className="px-3 text-right tabular-nums text-slate-600">
          {image.contentSize === null ? '—' : formatBytes(image.contentSize)}
        </div>
      )}
      <div role="cell" className="px-3 text-right tabular-nums text-slate-900">
        {image.sizesPending ? <Counting /> : formatBytes(image.uniqueSize)}
      </div>
      <div role="cell" className="px-3 text-right tabular-nums text-slate-500">
        {image.sizesPending ? <Counting /> : formatBytes(image.sharedSize)}
      </div>
      <div role="cell" className="px-3 text-right tabular-nums">
        {image.containers}
      </div>
      <div role="cell" className="flex gap-1 px-3">
        {image.dangling && (
          <Badge tone="amber" title="Untagged, and no other image builds on it">
            dangling
          </Badge>
        )}
        {image.intermediate && (
          <Badge
            tone="slate"
            title="An untagged step of a legacy build (docker build without BuildKit) that other images are built on; docker image ls shows it only with -a"
          >
            intermediate
          </Badge>
        )}
        {image.containers > 0 ? (
          <Badge tone="green" title="Containers use this image; it cannot be pruned">
            in use
          </Badge>
        ) : (
          <Badge title="No container uses this image">unused</Badge>
        )}
      </div>
    </div>
  );
}

/** The base OS once the image's layers were read; until then a dash that says how to learn it. */
function BaseOsCell({ os }: { os: ImageSummary['baseOs'] }) {
  if (os === null)
    return (
      <div role="cell" className="px-3 text-slate-400" title="Not read yet: analyse its layers on the image page">
        —
      </div>
    );
  if (os === 'none')
    return (
      <div role="cell" className="px-3 text-xs text-slate-500" title="No /etc/os-release in its layers (FROM scratch, or distroless)">
        none
      </div>
    );
  return (
    <div role="cell" className="truncate px-3 text-slate-700" title={os.prettyName}>
      {baseOsLabel(os)}
    </div>
  );
}

/** A size Strata is still working out (a cold start reads every image's layers after the first rows). */
function Counting() {
  return (
    <span className="text-xs text-slate-400" title="Reading this image’s layers to split shared from unique bytes">
      counting…
    </span>
  );
}
