// Every engine Strata knows, each asked in parallel whether it answers: one that is down or hung says
// so in its own row, within PROBE_MS, and never holds up the others.
import 'server-only';
import type { EngineEntry, EnginesResponse } from '@/lib/api/engines';
import { StrataError } from '@/lib/api/errors';
import { listEngineSpecs, printableAddress, type EngineSpec } from '@/lib/docker/engine/engines';
import { engineTimeoutMs } from '@/lib/docker/engine/client';
import { getEngineInfo } from '@/lib/docker/engine/info';
import { onEngine } from '@/lib/docker/engine/scope';
import { transportKind } from '@/lib/docker/engine/transport';

const PROBE_MS = 4_000;

/** Settles within `ms` either way: the answer, or a timeout error naming the engine. */
export function within<T>(work: Promise<T>, ms: number, engineName: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new StrataError('engine_timeout', `Engine "${engineName}" did not answer within ${Math.round(ms / 100) / 10} s.`, {
            engine: engineName,
          }),
        ),
      ms,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function probe(spec: EngineSpec): Promise<EngineEntry> {
  const base = {
    name: spec.name,
    address: printableAddress(spec.address),
    source: spec.source,
    current: spec.current,
    transport: transportKind(spec),
  };
  try {
    const info = await within(
      onEngine(spec.name, () => getEngineInfo()),
      Math.min(PROBE_MS, engineTimeoutMs()),
      spec.name,
    );
    return { ...base, reachable: true, version: info.version, apiVersion: info.apiVersion, imageStore: info.imageStore, error: null };
  } catch (cause) {
    const error = cause instanceof StrataError ? cause : new StrataError('internal', 'Strata could not ask this engine.');
    return {
      ...base,
      reachable: false,
      version: null,
      apiVersion: null,
      imageStore: null,
      error: { code: error.code, message: error.message },
    };
  }
}

export async function listEngines(): Promise<EnginesResponse> {
  return { engines: await Promise.all(listEngineSpecs().map(probe)) };
}
