'use client';
// Which engine the pages show: every engine Strata found (Docker contexts, DOCKER_HOST, STRATA_ENGINES),
// with whether it answers. Choosing one opens the same page on it, with its own caches and live events.
import { usePathname, useSearchParams } from 'next/navigation';
import { ENGINE_PARAM, type EngineEntry } from '@/lib/api/engines';
import { useEngines } from '@/lib/queries/engines';
import { queryWith } from '@/lib/url-state';

function optionLabel(engine: EngineEntry): string {
  const state = engine.reachable ? (engine.imageStore === 'containerd' ? 'containerd' : 'classic') : 'not answering';
  return `${engine.name}${engine.current ? ' (current)' : ''} · ${state}`;
}

export function EngineSwitcher() {
  const { data, error } = useEngines();
  const pathname = usePathname();
  const search = useSearchParams();
  const named = search.get(ENGINE_PARAM);
  const engines = data?.engines ?? [];
  const shown = named ?? engines.find((engine) => engine.current)?.name ?? '';
  // One engine and nothing to choose: the banner already says which it is.
  if (!error && engines.length < 2 && !named) return null;
  const choose = (name: string) => {
    const current = engines.find((engine) => engine.current)?.name;
    const query = queryWith(search.toString(), { [ENGINE_PARAM]: name === current ? null : name });
    // A full load on purpose: the new engine's pages start from nothing of the old one's (caches, events).
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`${pathname}${query}`);
  };
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      <span>Engine</span>
      <select
        value={shown}
        onChange={(event) => choose(event.target.value)}
        className="max-w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
      >
        {engines.length === 0 && <option value={shown}>{shown || 'loading…'}</option>}
        {engines.map((engine) => (
          <option key={engine.name} value={engine.name}>
            {optionLabel(engine)}
          </option>
        ))}
      </select>
    </label>
  );
}
