// Wrong tokens are limited a little: 10 per minute per client, and 600 per minute in all (many
// addresses at once). While a client is limited, even the right token is refused, or the limit would not
// slow guessing down.
//  - One limiter per process: proxy.ts and the upload routes run in separate bundles, and a module-level
//    limiter in each gave two guessing budgets and an oracle (one refused with 429, the other answered).
//  - The client is the socket's address, stamped on every request by the server itself
//    (lib/security/socket-guard.ts). X-Forwarded-For counts only when that address is a proxy the
//    operator named in STRATA_TRUSTED_PROXIES; otherwise anyone could rotate it.

export interface FailureLimits {
  perClient: number;
  total: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: FailureLimits = { perClient: 10, total: 600, windowMs: 60_000 };
const MAX_CLIENTS = 10_000;

export class FailureLimiter {
  private readonly clients = new Map<string, number[]>();
  private all: number[] = [];

  constructor(
    private readonly limits: FailureLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(times: number[] | undefined): number[] {
    const since = this.now() - this.limits.windowMs;
    return (times ?? []).filter((time) => time > since);
  }

  blocked(client: string): boolean {
    this.all = this.recent(this.all);
    const mine = this.recent(this.clients.get(client));
    if (mine.length) this.clients.set(client, mine);
    else this.clients.delete(client);
    return mine.length >= this.limits.perClient || this.all.length >= this.limits.total;
  }

  fail(client: string): void {
    const time = this.now();
    // Bounded memory: forget the oldest client rather than grow without end.
    if (!this.clients.has(client) && this.clients.size >= MAX_CLIENTS) {
      const oldest = this.clients.keys().next().value;
      if (oldest !== undefined) this.clients.delete(oldest);
    }
    this.clients.set(client, [...this.recent(this.clients.get(client)), time]);
    this.all.push(time);
  }
}

const SHARED = Symbol.for('strata.failure-limiter');

/** The process's one limiter, whichever bundle asks. */
export function sharedLimiter(): FailureLimiter {
  const holder = globalThis as { [SHARED]?: FailureLimiter };
  holder[SHARED] ??= new FailureLimiter();
  return holder[SHARED];
}

/** The header the server stamps with the socket's address; whatever a client sent under it is replaced. */
export const PEER_HEADER = 'x-strata-peer';

/**
 * The caller: the socket's address, or — when that is a trusted proxy — the last X-Forwarded-For hop
 * that is not itself a trusted proxy.
 */
export function clientKey(
  headers: { get(name: string): string | null },
  trustedProxies: string | undefined = process.env.STRATA_TRUSTED_PROXIES,
): string {
  const peer = headers.get(PEER_HEADER)?.trim() || 'unknown';
  const trusted = new Set(
    (trustedProxies ?? '')
      .split(',')
      .map((entry) => normalizeAddress(entry))
      .filter(Boolean),
  );
  if (!trusted.has(normalizeAddress(peer))) return peer;
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i] as string;
    if (!trusted.has(normalizeAddress(hop))) return hop;
  }
  return peer;
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are the same client. */
function normalizeAddress(address: string): string {
  return address
    .trim()
    .toLowerCase()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}
