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
