// The fault specs' own sandbox engine: stopped and started by the specs, never the one the others use.
import { execFileSync } from 'node:child_process';

const faultDir = process.env.STRATA_FAULT_SANDBOX_DIR ?? '/tmp/strata-fault';
export const FAULT_SOCKET = `${faultDir}/docker.sock`;
export { FAULT_PORT } from './servers';

export function faultSandboxEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    STRATA_SANDBOX_DIR: faultDir,
    STRATA_REGISTRY_PORT: process.env.STRATA_FAULT_REGISTRY_PORT ?? '5560',
    DOCKER_HOST: `unix://${FAULT_SOCKET}`,
  };
}

/** Stops or starts the fault engine (and its registry), as a crash or restart would. */
export function faultSandbox(action: 'start' | 'stop'): void {
  execFileSync('bash', ['scripts/sandbox.sh', action], { env: faultSandboxEnv(), stdio: 'ignore' });
}
