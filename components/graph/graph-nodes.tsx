'use client';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { GraphNode } from '@/components/graph/graph-model';
import { formatBytes } from '@/lib/format';

const handles = (
  <>
    <Handle type="target" position={Position.Left} className="!h-1.5 !w-1.5 !border-0 !bg-slate-400" />
    <Handle type="source" position={Position.Right} className="!h-1.5 !w-1.5 !border-0 !bg-slate-400" />
  </>
);

function RepoNode({ data, selected }: NodeProps<GraphNode>) {
  if (data.kind !== 'repo') return null;
  return (
    <div
      className={`flex h-9 w-[220px] items-center justify-between rounded-md border bg-slate-800 px-2 text-xs text-white ${selected ? 'ring-2 ring-sky-400' : 'border-slate-700'}`}
    >
      <span className="truncate font-mono" title={data.label}>
        {data.label}
      </span>
      <span className="ml-2 shrink-0 text-slate-300">
        {data.tags} tag{data.tags === 1 ? '' : 's'}
      </span>
      {handles}
    </div>
  );
}

function TagNode({ data, selected }: NodeProps<GraphNode>) {
  if (data.kind !== 'tag') return null;
  return (
    <div
      className={`flex h-[30px] w-[200px] items-center rounded-full border bg-white px-3 font-mono text-xs ${selected ? 'border-sky-500 ring-2 ring-sky-300' : 'border-slate-300'}`}
      title={data.tag}
    >
      <span className="truncate">:{data.label}</span>
      {handles}
    </div>
  );
}

function ImageNode({ data, selected }: NodeProps<GraphNode>) {
  if (data.kind !== 'image') return null;
  const { image } = data;
  const tone = image.dangling
    ? 'border-amber-400 border-dashed bg-amber-50'
    : image.containers > 0
      ? 'border-emerald-500 bg-emerald-50'
      : 'border-slate-300 bg-white';
  return (
    <div
      className={`h-[54px] w-[210px] rounded-md border-2 px-2 py-1 text-xs ${tone} ${selected ? 'ring-2 ring-sky-400' : ''}`}
      data-image-node={image.id}
    >
      <div className="flex items-center justify-between">
        <span className="font-mono font-semibold">
          {image.shortId}
          {(image.platforms?.length ?? 0) > 1 && (
            <span className="ml-1 rounded bg-violet-100 px-1 font-sans text-[10px] font-normal text-violet-800">index</span>
          )}
        </span>
        <span className="tabular-nums">{formatBytes(image.size)}</span>
      </div>
      {data.showTags ? (
        <div className="mt-0.5 truncate font-mono text-[11px] text-slate-700" title={image.repoTags.join('\n')}>
          {image.repoTags.length
            ? image.repoTags.join(', ')
            : image.intermediate
              ? 'intermediate: a legacy build step'
              : 'dangling: no tag'}
        </div>
      ) : (
        <div className="mt-0.5 flex justify-between text-[11px] text-slate-600">
          <span>
            {image.dangling
              ? 'dangling'
              : image.intermediate
                ? 'intermediate'
                : image.containers > 0
                  ? `in use (${image.containers})`
                  : 'unused'}
          </span>
          <span>unique {formatBytes(image.uniqueSize)}</span>
        </div>
      )}
      {handles}
    </div>
  );
}

function LayerNode({ data, selected }: NodeProps<GraphNode>) {
  if (data.kind !== 'layer') return null;
  const { layer } = data;
  return (
    <div
      className={`h-10 w-[170px] rounded border px-2 py-1 text-[11px] ${layer.users > 1 ? 'border-sky-400 bg-sky-50' : 'border-slate-300 bg-slate-50'} ${selected ? 'ring-2 ring-sky-400' : ''}`}
    >
      <div className="flex justify-between font-mono">
        <span>{layer.diffId.slice(7, 19)}</span>
        <span>{layer.size === null ? '?' : formatBytes(layer.size)}</span>
      </div>
      <div className="text-slate-600">{layer.users > 1 ? `shared by ${layer.users} images` : 'one image'}</div>
      {handles}
    </div>
  );
}

/** One platform manifest of an index: its platform, and whether its content is here. */
function PlatformNode({ data, selected }: NodeProps<GraphNode>) {
  if (data.kind !== 'platform') return null;
  const { platform } = data;
  const size = (platform.contentSize ?? 0) + (platform.unpackedSize ?? 0);
  return (
    <div
      className={`h-10 w-[170px] rounded border px-2 py-1 text-[11px] ${platform.available ? 'border-violet-400 bg-violet-50' : 'border-dashed border-slate-300 bg-white text-slate-500'} ${selected ? 'ring-2 ring-sky-400' : ''}`}
      data-platform-node={data.label}
    >
      <div className="flex justify-between font-mono">
        <span className="font-semibold">{data.label}</span>
        <span>{platform.available ? formatBytes(size) : ''}</span>
      </div>
      <div className="text-slate-600">
        {!platform.available
          ? 'not on this engine'
          : platform.unpackedSize === 0
            ? 'stored, not unpacked'
            : `manifest ${platform.id.slice(7, 19)}`}
      </div>
      {handles}
    </div>
  );
}

export const nodeTypes = { repo: RepoNode, tag: TagNode, image: ImageNode, layer: LayerNode, platform: PlatformNode };
