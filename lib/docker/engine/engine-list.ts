// Every engine Strata knows, each asked in parallel whether it answers: one that is down or hung says
// so in its own row, within PROBE_MS, and never holds up the others.
import 'server-only';
import type { EngineEntry, EnginesResponse } from '@/lib/api/engines';
import { StrataError } from '@/lib/api/errors';
import { listEngineSpecs, printableAddress, type EngineSpec } from '@/lib/docker/engine/engines';
import { engine, engineTimeoutMs, getConnection } from '@/lib/docker/engine/client';
import { detectImageStore } from '@/lib/docker/engine/mappers';
import type { RawInfo } from '@/lib/docker/engine/raw-types';
import { onEngine } from '@/lib/docker/engine/scope';
import { transportKind } from '@/lib/docker/engine/transport';

// Long enough for an ssh handshake and two sessions to a far host; a hung engine is cut here.
const PROBE_MS = 6_000;

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
    // Two calls (the version negotiation, then info for the store): over ssh each is a session.
    const answer = onEngine(spec.name, async () => {
      const connection = await getConnection();
      const info = await engine((docker) => docker.info() as Promise<RawInfo>);
      return { version: connection.engineVersion, apiVersion: connection.apiVersion, imageStore: detectImageStore(info) };
    });
    const facts = await within(answer, Math.min(PROBE_MS, engineTimeoutMs()), spec.name);
    return { ...base, reachable: true, ...facts, error: null };
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
