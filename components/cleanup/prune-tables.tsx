'use client';
import Link from '@/components/ui/engine-link';
import type { PruneImage, PruneKeep } from '@/lib/api/prune';
import { imageHref } from '@/components/images/image-href';
import { formatBytes, formatDateTime, formatRelative } from '@/lib/format';

export interface RemoveTableProps {
  images: PruneImage[];
  selected: ReadonlySet<string>;
  onToggle: (id: string, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
}

const name = (image: { repoTags: string[]; shortId: string }) => image.repoTags[0] ?? image.shortId;

/** The image (what it is called, or was) and when it was built: the first cells of a row of what goes. */
export function GoingImageCells({ image }: { image: Pick<PruneImage, 'id' | 'shortId' | 'repoTags' | 'formerTags' | 'created'> }) {
  return (
    <>
      <td className="px-3 py-2">
        <Link href={imageHref(image.id)} className="font-mono text-xs hover:underline">
          {image.repoTags.length ? image.repoTags.join(', ') : `<none> ${image.shortId}`}
        </Link>
        {image.formerTags.length > 0 && <div className="text-xs text-slate-500">was {image.formerTags.join(', ')}</div>}
      </td>
      <td className="px-3 py-2 text-slate-600" title={formatDateTime(image.created)}>
        {formatRelative(image.created)}
      </td>
    </>
  );
}

export function RemoveTable({ images, selected, onToggle, onToggleAll }: RemoveTableProps) {
  return (
    <table aria-label="Will be deleted" className="w-full table-fixed text-sm">
      <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="w-10 px-3 py-2">
            <input
              type="checkbox"
              aria-label="Select all"
              checked={images.every((image) => selected.has(image.id))}
              onChange={(event) => onToggleAll(event.target.checked)}
            />
          </th>
          <th className="px-3 py-2">Image</th>
          <th className="w-36 px-3 py-2">Created</th>
          <th className="w-24 px-3 py-2 text-right">Size</th>
          <th className="w-24 px-3 py-2 text-right">Frees</th>
          <th className="px-3 py-2">Why</th>
        </tr>
      </thead>
      <tbody>
        {images.map((image) => (
          <tr key={image.id} data-image-id={image.id} className="border-t border-slate-100 align-top">
            <td className="px-3 py-2">
              <input
                type="checkbox"
                aria-label={`Select ${name(image)}`}
                checked={selected.has(image.id)}
                onChange={(event) => onToggle(image.id, event.target.checked)}
              />
            </td>
            <GoingImageCells image={image} />
            <td className="px-3 py-2 text-right tabular-nums">{formatBytes(image.size)}</td>
            <td className="px-3 py-2 text-right font-medium tabular-nums">{formatBytes(image.freedBytes)}</td>
            <td className="px-3 py-2 text-slate-600">{image.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function KeepTable({ keep }: { keep: PruneKeep[] }) {
  return (
    <table aria-label="Kept" className="w-full table-fixed text-sm">
      <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="px-3 py-2">Image</th>
          <th className="px-3 py-2">Why it stays</th>
        </tr>
      </thead>
      <tbody>
        {keep.map((image) => (
          <tr key={image.id} className="border-t border-slate-100 align-top">
            <td className="px-3 py-2">
              <Link href={imageHref(image.id)} className="font-mono text-xs hover:underline">
                {image.repoTags.length ? image.repoTags.join(', ') : `<none> ${image.shortId}`}
              </Link>
            </td>
            <td className="px-3 py-2 text-slate-700">
              {image.reason}
              {image.untags.length > 0 && (
                <div className="text-xs text-amber-800">
                  The engine still removes the tag{image.untags.length === 1 ? '' : 's'} {image.untags.join(', ')}.
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
