import type { Progress } from '@/lib/queries/archives';
import { formatBytes } from '@/lib/format';

export interface ProgressBarProps {
  label: string;
  progress: Progress;
  /** The total is an estimate (a save's size before it is written). */
  estimated?: boolean;
}

export function ProgressBar({ label, progress, estimated = false }: ProgressBarProps) {
  const percent = progress.total > 0 ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : 0;
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded bg-slate-100"
      >
        <div className="h-full bg-sky-500 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs tabular-nums text-slate-500">
        {formatBytes(progress.loaded)} of {estimated ? 'about ' : ''}
        {formatBytes(progress.total)} ({percent}%)
      </p>
    </div>
  );
}

export interface UploadStatusProps {
  running: boolean;
  progress: Progress | null;
  error: string | null;
}

/** An upload's bar while it runs, and what went wrong when it failed (load and import). */
export function UploadStatus({ running, progress, error }: UploadStatusProps) {
  return (
    <>
      {running && progress && (
        <div className="mt-3">
          <ProgressBar label="Upload progress" progress={progress} />
        </div>
      )}
      {error && (
        <p role="alert" className="mt-3 break-words text-sm text-red-700">
          {error}
        </p>
      )}
    </>
  );
}
