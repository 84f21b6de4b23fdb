'use client';
import { useEngineInfo } from '@/lib/queries/engine';
import { useLiveState } from '@/lib/queries/events';

/** Says, on every page, when the engine is Strata's sandbox or when it cannot be reached. */
export function EngineBanner() {
  const { data: engine } = useEngineInfo();
  const live = useLiveState();
  return (
    <>
      {engine?.sandbox && (
        <div role="status" aria-label="Sandbox engine" className="border-b border-amber-300 bg-amber-50 text-amber-900">
          <p className="mx-auto max-w-7xl px-6 py-2 text-sm">
            <strong>Sandbox engine.</strong> No Docker engine answered, so Strata started its own private one at{' '}
            <code className="font-mono text-xs">{engine.address}</code> with a few demo images. Your own images are not shown here; start
            Docker (or set <code className="font-mono text-xs">DOCKER_HOST</code>) and restart Strata to see them.
          </p>
        </div>
      )}
      {engine?.readOnly && (
        <div role="status" aria-label="Read-only mode" className="border-b border-slate-300 bg-slate-100 text-slate-800">
          <p className="mx-auto max-w-7xl px-6 py-2 text-sm">
            <strong>Read-only.</strong> This Strata was started with STRATA_READ_ONLY=1: you can look at everything, and change nothing.
          </p>
        </div>
      )}
      {live.status === 'engine-down' && (
        // The details (address, how to fix) are on the page itself; the banner only says it is ongoing.
        <div role="alert" aria-label="Engine not answering" className="border-b border-red-300 bg-red-50 text-red-900">
          <p className="mx-auto max-w-7xl px-6 py-2 text-sm">
            <strong>The Docker engine is not answering.</strong> Strata keeps trying, and refreshes this page by itself when the engine is
            back.
          </p>
        </div>
      )}
      {live.status === 'server-down' && (
        <div role="alert" aria-label="Server not answering" className="border-b border-slate-300 bg-slate-100 text-slate-800">
          <p className="mx-auto max-w-7xl px-6 py-2 text-sm">
            <strong>Strata’s server is not answering.</strong> Live updates are paused; they resume by themselves when it is back. If you
            stopped it, start it again with <code className="font-mono text-xs">scripts/run.sh</code>.
          </p>
        </div>
      )}
    </>
  );
}
