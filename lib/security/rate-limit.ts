// Wrong tokens are limited a little: 10 per minute per client, and 600 per minute in all. The second
// bound matters because the client address comes from X-Forwarded-For, which a caller can set itself
// when Strata is not behind a reverse proxy. While a client is limited, even the right token is refused,
// or the limit would not slow guessing down.

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

/** The caller as the server saw it: Next sets X-Forwarded-For to the socket address unless one came in. */
export function clientKey(headers: { get(name: string): string | null }): string {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip') || 'local';
}
