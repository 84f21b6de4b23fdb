'use client';
import Link from '@/components/ui/engine-link';
import { useState } from 'react';
import type { GraphImage, GraphResponse } from '@/lib/api/graph';
import type { GraphNode } from '@/components/graph/graph-model';
import { AddTagDialog } from '@/components/actions/add-tag-dialog';
import { DeleteImageDialog } from '@/components/actions/delete-image-dialog';
import { RemoveTagDialog } from '@/components/actions/remove-tag-dialog';
import { imageHref } from '@/components/images/image-href';
import { buttonClass } from '@/components/ui/modal';
import { formatBytes } from '@/lib/format';
import { useReadOnly } from '@/lib/queries/engine';

export interface GraphSidePanelProps {
  node: GraphNode | null;
  data: GraphResponse;
  onClose: () => void;
}

const nameOf = (image: GraphImage) => image.repoTags[0] ?? image.shortId;

/** Details of the clicked node, with the actions that make sense for it. */
export function GraphSidePanel({ node, data, onClose }: GraphSidePanelProps) {
  const [dialog, setDialog] = useState<'add' | 'delete' | 'untag' | null>(null);
  const readOnly = useReadOnly();
  if (!node) return null;
  const image =
    node.data.kind === 'image'
      ? node.data.image
      : node.data.kind === 'tag'
        ? data.images.find((candidate) => candidate.id === (node.data as { imageId: string }).imageId)
        : undefined;
  return (
    <aside
      aria-label="Details"
      className="absolute right-3 top-3 z-10 w-80 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-lg"
    >
      <div className="flex items-start justify-between">
        <h2 className="font-semibold capitalize">{node.data.kind === 'image' ? 'Image' : node.data.kind}</h2>
        <button type="button" onClick={onClose} aria-label="Close details" className="text-slate-400 hover:text-slate-700">
          ×
        </button>
      </div>
      {node.data.kind === 'repo' && (
        <p className="mt-2">
          Repository <code className="font-mono text-xs">{node.data.label}</code> has {node.data.tags} tag{node.data.tags === 1 ? '' : 's'}{' '}
          here. A repository is only the part of a tag before the colon; each tag points at one image ID.
        </p>
      )}
      {node.data.kind === 'tag' && image && (
        <div className="mt-2 space-y-2">
          <p>
            <code className="font-mono text-xs">{node.data.tag}</code> points at image{' '}
            <Link href={imageHref(image.id)} className="font-mono text-sky-700 hover:underline">
              {image.shortId}
            </Link>
            {image.repoTags.length > 1
              ? `, which has ${image.repoTags.length - 1} other tag${image.repoTags.length === 2 ? '' : 's'}.`
              : ', and is its only tag.'}
          </p>
          {!readOnly && (
            <button type="button" className={buttonClass.quiet} onClick={() => setDialog('untag')}>
              Remove this tag
            </button>
          )}
        </div>
      )}
      {node.data.kind === 'image' && image && (
        <div className="mt-2 space-y-2">
          <p className="font-mono text-xs break-all">{image.id}</p>
          <p>
            {formatBytes(image.size)}
            {image.contentSize === null
              ? ` · unique ${formatBytes(image.uniqueSize)}`
              : ` disk usage (${formatBytes(image.contentSize)} content) · unique unpacked ${formatBytes(image.uniqueSize)}`}{' '}
            · {image.layers.length} layers ·{' '}
            {image.dangling
              ? 'dangling'
              : image.containers > 0
                ? `used by ${image.containers} container${image.containers === 1 ? '' : 's'}`
                : 'unused'}
          </p>
          {image.repoTags.length > 0 && <p className="font-mono text-xs">{image.repoTags.join(', ')}</p>}
          <div className="flex flex-wrap gap-2">
            <Link href={imageHref(image.id)} className={buttonClass.quiet}>
              Open image page
            </Link>
            {!readOnly && (
              <button type="button" className={buttonClass.quiet} onClick={() => setDialog('add')}>
                Add tag
              </button>
            )}
            {!readOnly && (
              <button type="button" className={buttonClass.quiet} onClick={() => setDialog('delete')}>
                Delete
              </button>
            )}
          </div>
        </div>
      )}
      {node.data.kind === 'platform' && (
        <div className="mt-2 space-y-2">
          <p>
            <span className="font-mono">{node.data.label}</span> of a multi-platform image:{' '}
            {node.data.platform.available
              ? 'its manifest, config and layers are on this engine.'
              : 'the index names it, but its content is not on this engine.'}
          </p>
          <p className="font-mono text-[11px] break-all text-slate-500">manifest {node.data.platform.id}</p>
          {node.data.platform.available && (
            <Link href={`${imageHref(node.data.imageId)}?platform=${encodeURIComponent(node.data.label)}`} className={buttonClass.quiet}>
              Open this platform
            </Link>
          )}
        </div>
      )}
      {node.data.kind === 'layer' && (
        <div className="mt-2 space-y-2">
          <p>
            {node.data.layer.size === null ? 'Unknown size' : formatBytes(node.data.layer.size)}, held by {node.data.layer.users} image
            {node.data.layer.users === 1 ? '' : 's'} and stored once on disk.
          </p>
          <p className="font-mono text-[11px] break-all text-slate-500">diff {node.data.layer.diffId}</p>
          <ul className="max-h-40 space-y-0.5 overflow-auto">
            {data.images
              .filter((candidate) => candidate.layers.includes((node.data as { layer: { id: string } }).layer.id))
              .map((candidate) => (
                <li key={candidate.id}>
                  <Link href={imageHref(candidate.id)} className="font-mono text-xs text-sky-700 hover:underline">
                    {nameOf(candidate)}
                  </Link>
                </li>
              ))}
          </ul>
        </div>
      )}
      {image && (
        <>
          <AddTagDialog image={image} open={dialog === 'add'} onClose={() => setDialog(null)} />
          <DeleteImageDialog
            image={image}
            open={dialog === 'delete'}
            onClose={() => setDialog(null)}
            onDeleted={() => {
              setDialog(null);
              onClose();
            }}
          />
          <RemoveTagDialog
            image={image}
            tag={dialog === 'untag' && node.data.kind === 'tag' ? node.data.tag : null}
            onClose={() => {
              setDialog(null);
              onClose();
            }}
            onImageGone={() => {
              setDialog(null);
              onClose();
            }}
          />
        </>
      )}
    </aside>
  );
}
