// The servers playwright.config.ts starts, all from one build, on ports derived from E2E_PORT.
export const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);
/** No engine, read-only, Hub unreachable. */
export const DOWN_PORT = BASE_PORT + 1;
/** The sandbox engine behind STRATA_TOKEN. */
export const TOKEN_PORT = BASE_PORT + 2;
/** The sandbox engine in read-only mode. */
export const READ_ONLY_PORT = BASE_PORT + 3;
/** A port for servers a spec starts itself and expects to refuse to start (e2e/access.spec.ts). */
export const SCRATCH_PORT = BASE_PORT + 4;
/** The fault sandbox engine, which e2e/faults.spec.ts stops and starts. */
export const FAULT_PORT = BASE_PORT + 5;
/** The sandbox engine plus the other sandbox (a Docker context) and an engine that is down: many engines. */
export const MULTI_PORT = BASE_PORT + 6;
export const HUB_PORT = BASE_PORT + 50;
/** A throwaway token for the token server; never a real one. */
export const E2E_TOKEN = 'e2e-token-not-a-secret-0123456789';
