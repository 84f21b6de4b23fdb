// Env values whose names look like secrets are masked wherever Strata shows or exports them.
const SECRET_NAME = /(PASS(WORD|WD)?|TOKEN|SECRET|KEY|CREDENTIAL|AUTH|PRIVATE|SALT|SESSION)/i;

export function looksSecret(name: string): boolean {
  return SECRET_NAME.test(name);
}

export interface EnvEntry {
  name: string;
  value: string;
  secret: boolean;
}

export function parseEnv(env: readonly string[]): EnvEntry[] {
  return env.map((line) => {
    const eq = line.indexOf('=');
    const name = eq >= 0 ? line.slice(0, eq) : line;
    const value = eq >= 0 ? line.slice(eq + 1) : '';
    return { name, value, secret: looksSecret(name) };
  });
}

export const MASK = '••••••';

/** `NAME=value` with the value masked when the name looks secret. */
export function maskEnvLine(line: string): string {
  const eq = line.indexOf('=');
  return eq >= 0 && looksSecret(line.slice(0, eq)) ? `${line.slice(0, eq + 1)}${MASK}` : line;
}

/** A copy of raw inspect JSON with secret-looking Env values masked (Config and ContainerConfig). */
export function maskInspectEnv(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const copy: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const key of ['Config', 'ContainerConfig']) {
    const config = copy[key];
    if (typeof config === 'object' && config !== null && Array.isArray((config as { Env?: unknown }).Env)) {
      copy[key] = {
        ...config,
        Env: (config as { Env: unknown[] }).Env.map((line) => (typeof line === 'string' ? maskEnvLine(line) : line)),
      };
    }
  }
  return copy;
}

/** The inspect view with the masked Env lists put back, for "Show values". */
export function revealInspect(view: {
  masked: Record<string, unknown>;
  env: { Config?: string[]; ContainerConfig?: string[] };
}): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...view.masked };
  for (const key of ['Config', 'ContainerConfig'] as const) {
    const env = view.env[key];
    const config = shown[key];
    if (env && typeof config === 'object' && config !== null) shown[key] = { ...config, Env: env };
  }
  return shown;
}

const ASSIGNMENT = /\b([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S+)/g;

/** `ENV DB_PASSWORD=hunter2 MODE=demo` → `ENV DB_PASSWORD=•••••• MODE=demo`: any NAME=value in a command. */
export function redactCommand(command: string): string {
  return command.replace(ASSIGNMENT, (match, name: string) => (looksSecret(name) ? `${name}=${MASK}` : match));
}
