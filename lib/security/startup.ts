// Strata refuses to start where anyone but this machine could reach it without a token.

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host.trim());
}

/** The address `next start`/`next dev` binds: `-H`/`--hostname` if given, else every interface. */
export function cliBindHost(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '-H' || arg === '--hostname') return argv[i + 1] ?? null;
    if (arg.startsWith('--hostname=')) return arg.slice('--hostname='.length);
  }
  const nextCli = argv.some((arg) => /next(\.js)?$|next[/\\]dist[/\\]bin[/\\]next/.test(arg));
  return nextCli && argv.some((arg) => arg === 'start' || arg === 'dev') ? '0.0.0.0' : null;
}

export const MIN_TOKEN_LENGTH = 16;

/** Why Strata must not start, or null. */
export function startupProblem(argv: readonly string[], env: Record<string, string | undefined>): string | null {
  const token = env.STRATA_TOKEN ?? '';
  if (token && token.length < MIN_TOKEN_LENGTH) {
    return `STRATA_TOKEN is too short (${token.length} characters): use at least ${MIN_TOKEN_LENGTH}, for example \`openssl rand -base64 24\`.`;
  }
  if (token) return null;
  const exposed = [env.STRATA_HOST, cliBindHost(argv)].find((host) => host && !isLoopback(host));
  if (!exposed) return null;
  return (
    `refusing to start: Strata would listen on ${exposed}, where other machines can reach it, without a token. ` +
    'Whoever reaches Strata controls the Docker engine, which is root on this host. ' +
    'Set STRATA_TOKEN (for example `export STRATA_TOKEN=$(openssl rand -base64 24)`), or bind to 127.0.0.1.'
  );
}
