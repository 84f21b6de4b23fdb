'use client';
// One file of the image as the chosen layer's filesystem holds it: text up to a limit shown here (as
// text, never as HTML), anything else offered as a download.
import { buttonClass } from '@/components/ui/modal';
import { FILE_VIEW_LIMIT } from '@/lib/api/packages';
import { formatBytes } from '@/lib/format';
import { layerFileUrl, useFileText } from '@/lib/queries/packages';

export interface FileViewProps {
  imageRef: string;
  platform: string;
  diffId: string;
  position: number;
  path: string;
  size: number;
  onClose: () => void;
}

export function FileView({ imageRef, platform, diffId, position, path, size, onClose }: FileViewProps) {
  const small = size <= FILE_VIEW_LIMIT;
  const { data, error, isPending } = useFileText(imageRef, diffId, path, platform, small);
  const url = layerFileUrl(imageRef, diffId, path, platform);
  return (
    <section aria-label={`File /${path}`} className="rounded-md border border-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2 text-sm">
        <span>
          <code className="font-mono text-xs">/{path}</code>
          <span className="text-slate-500">
            {' '}
            · as of layer {position} · {formatBytes(size)}
          </span>
        </span>
        <span className="flex gap-2">
          <a href={url} download className={buttonClass.quiet}>
            Download
          </a>
          <button type="button" onClick={onClose} className={buttonClass.quiet}>
            Close
          </button>
        </span>
      </div>
      {!small ? (
        <p className="px-3 py-2 text-sm text-slate-600">Too big to show here (over {formatBytes(FILE_VIEW_LIMIT)}): download it instead.</p>
      ) : isPending ? (
        <p role="status" className="px-3 py-2 text-sm text-slate-500">
          Reading the file from the layer…
        </p>
      ) : error ? (
        <p role="alert" className="px-3 py-2 text-sm text-red-700">
          {error.message}
        </p>
      ) : data.kind === 'binary' ? (
        <p className="px-3 py-2 text-sm text-slate-600">A binary file ({formatBytes(data.size)}): download it to open it.</p>
      ) : data.text.length === 0 ? (
        <p className="px-3 py-2 text-sm text-slate-500">An empty file.</p>
      ) : (
        <pre
          aria-label="File content"
          className="max-h-[420px] overflow-auto whitespace-pre-wrap break-all p-3 font-mono text-xs text-slate-800"
        >
          {data.text}
        </pre>
      )}
    </section>
  );
}
