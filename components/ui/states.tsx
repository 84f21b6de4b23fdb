'use client';
// The non-data states every view handles on purpose: loading, error (with what to do), empty.
import { useId, type ReactNode } from 'react';
import { StrataError } from '@/lib/api/errors';

export function Skeleton({ className = '' }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-slate-200/80 ${className}`} />;
}

export function LoadingRows({ rows = 8, label }: { rows?: number; label: string }) {
  return (
    <div role="status" aria-label={label} className="space-y-2">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-10 w-full" />
      ))}
    </div>
  );
}

export interface ErrorStateProps {
  error: unknown;
  /** What the page was trying to do: "load your images". */
  action: string;
  onRetry?: () => void;
}

export function ErrorState({ error, action, onRetry }: ErrorStateProps) {
  const headingId = useId();
  const strataError = error instanceof StrataError ? error : null;
  const unreachable = strataError?.code === 'engine_unreachable';
  const address = typeof strataError?.details?.address === 'string' ? strataError.details.address : null;
  return (
    <div role="alert" aria-labelledby={headingId} className="rounded-lg border border-red-200 bg-white p-6">
      <h2 id={headingId} className="text-base font-semibold text-red-800">
        {unreachable ? 'Strata cannot reach the Docker engine' : strataError?.code === 'not_found' ? 'Not found' : `Could not ${action}`}
      </h2>
      {!unreachable && <p className="mt-2 text-sm text-slate-700">{strataError?.message ?? 'Something unexpected went wrong.'}</p>}
      {unreachable && (
        <div className="mt-2 text-sm text-slate-700">
          <p>
            Strata tried <code className="rounded bg-slate-100 px-1 font-mono text-xs">{address ?? 'the default socket'}</code> and nothing
            answered
            {typeof strataError?.details?.cause === 'string' ? ` (${strataError.details.cause})` : ''}. To fix it:
          </p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>
              start Docker on this machine (for example <code className="font-mono text-xs">sudo systemctl start docker</code>), or
            </li>
            <li>
              set <code className="font-mono text-xs">DOCKER_HOST</code> to your engine (
              <code className="font-mono text-xs">unix:///path/docker.sock</code>,{' '}
              <code className="font-mono text-xs">tcp://host:2376</code> or <code className="font-mono text-xs">ssh://user@host</code>) and
              restart Strata.
            </li>
          </ul>
          <p className="mt-2 text-slate-500">This page refreshes by itself when the engine answers.</p>
        </div>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry} className="mt-4 rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white hover:bg-slate-700">
          Try again
        </button>
      )}
    </div>
  );
}

export interface EmptyStateProps {
  title: string;
  children: ReactNode;
}

export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
      <h2 className="text-base font-semibold text-slate-800">{title}</h2>
      <div className="mx-auto mt-2 max-w-xl text-sm text-slate-600">{children}</div>
    </div>
  );
}
