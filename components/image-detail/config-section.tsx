'use client';
import type { ImageConfig } from '@/lib/api/images';
import { MASK, parseEnv } from '@/lib/secrets';

const formatCommand = (parts: string[] | null) => (parts ? JSON.stringify(parts) : null);

export interface ConfigSectionProps {
  config: ImageConfig;
  /** Whether secret-looking Env values are shown; shared with the raw JSON view. */
  reveal: boolean;
  onReveal: (reveal: boolean) => void;
}

export function ConfigSection({ config, reveal, onReveal }: ConfigSectionProps) {
  const env = parseEnv(config.env);
  const hasSecrets = env.some((entry) => entry.secret);
  const labels = Object.entries(config.labels);
  return (
    <section aria-labelledby="config-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="config-heading" className="text-base font-semibold">
        Config
      </h2>
      <p className="mt-1 text-sm text-slate-600">How a container from this image starts, unless `docker run` overrides it.</p>
      <dl className="mt-4 grid gap-y-2 text-sm">
        <Row label="Entrypoint" value={formatCommand(config.entrypoint)} />
        <Row label="Cmd" value={formatCommand(config.cmd)} />
        <Row label="WorkingDir" value={config.workingDir || null} />
        <Row label="User" value={config.user || null} empty="root (default)" />
        <Row label="ExposedPorts" value={config.exposedPorts.join(', ') || null} />
        <Row label="Volumes" value={config.volumes.join(', ') || null} />
        {config.stopSignal && <Row label="StopSignal" value={config.stopSignal} />}
      </dl>
      <div className="mt-4 flex items-center justify-between">
        <h3 className="text-sm font-semibold">Env</h3>
        {hasSecrets && (
          <button type="button" onClick={() => onReveal(!reveal)} className="text-xs text-sky-700 hover:underline">
            {reveal ? 'Hide secret-looking values' : 'Reveal secret-looking values'}
          </button>
        )}
      </div>
      {env.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">No environment variables.</p>
      ) : (
        <ul aria-label="Environment variables" className="mt-2 space-y-1 font-mono text-xs">
          {env.map((entry) => (
            <li key={entry.name} className="break-all">
              <span className="text-slate-500">{entry.name}=</span>
              {entry.secret && !reveal ? <span title="Hidden because the name looks like a secret">{MASK}</span> : entry.value}
            </li>
          ))}
        </ul>
      )}
      <h3 className="mt-4 text-sm font-semibold">Labels</h3>
      {labels.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">No labels.</p>
      ) : (
        <ul aria-label="Labels" className="mt-2 flex flex-wrap gap-1.5">
          {labels.map(([key, value]) => (
            <li key={key} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
              {key}={value}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Row({ label, value, empty = 'not set' }: { label: string; value: string | null; empty?: string }) {
  return (
    <div className="flex gap-3">
      <dt className="w-28 shrink-0 text-slate-500">{label}</dt>
      <dd className={value ? 'break-all font-mono text-xs leading-5 text-slate-800' : 'text-slate-400'}>{value ?? empty}</dd>
    </div>
  );
}
