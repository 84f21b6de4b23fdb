// Which engine the code running now works on. A route names it once (`engine=`, see lib/http/handle.ts)
// and everything below, down to engine() and every cache, follows it through async calls: feature code
// never passes an engine around, and cannot mix two engines' state by mistake.
import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { engineSpec, type EngineSpec } from '@/lib/docker/engine/engines';

// One per process, also across Next's dev-mode module reloads.
const scope: AsyncLocalStorage<EngineSpec> = ((
  globalThis as { __strataEngineScope?: AsyncLocalStorage<EngineSpec> }
).__strataEngineScope ??= new AsyncLocalStorage());

/** Runs `work` on the engine named (or the current one): engine() and every per-engine state follow it. */
export function onEngine<T>(name: string | null | undefined, work: () => T): T {
  return scope.run(engineSpec(name), work);
}

/** The engine of the running code: the one a route named, else the current engine. */
export function activeEngine(): EngineSpec {
  return scope.getStore() ?? engineSpec(null);
}

/**
 * Runs later work (a stream's next chunk, a timer) on the engine that is active now, whatever
 * context the caller of `later` is in.
 */
export function bindToEngine<A extends unknown[], R>(later: (...args: A) => R): (...args: A) => R {
  const spec = activeEngine();
  return (...args: A) => scope.run(spec, () => later(...args));
}

const states: Map<string, unknown> = ((globalThis as { __strataEngineStates?: Map<string, unknown> }).__strataEngineStates ??= new Map());

/**
 * A module's state for the active engine (caches, locks, subscriptions), made on first use. Keyed by the
 * engine's address too: a context pointed at another host starts from nothing of the old host's.
 */
export function perEngine<T>(kind: string, create: () => T): T {
  const { name, address } = activeEngine();
  const key = `${kind}\u0000${name}\u0000${address}`;
  let state = states.get(key) as T | undefined;
  if (state === undefined) {
    state = create();
    states.set(key, state);
  }
  return state;
}
