/** Where the agent gets the token it sends as X-Auth-Token (Keystone auth on the server). */
export interface AgentTokenSource {
  /** A token believed valid (cached; fetched again when it nears expiry). */
  token(signal: AbortSignal): Promise<string>;
  /** The server refused `token` (401): the next `token()` logs in again. */
  invalidate(token: string): void;
}

/** A token and when it expires (epoch ms). */
export interface IssuedToken {
  token: string;
  expiresAtMs: number;
}

/**
 * Caches what `login` returns and logs in again when the token is invalidated or within `marginMs`
 * (default: a tenth of its lifetime, at most 5 minutes) of expiry. Concurrent callers share one login.
 */
export class CachedTokenSource implements AgentTokenSource {
  private current: (IssuedToken & { refreshAtMs: number }) | undefined;
  private pending: Promise<IssuedToken & { refreshAtMs: number }> | undefined;

  constructor(
    private readonly login: (signal: AbortSignal) => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async token(signal: AbortSignal): Promise<string> {
    const c = this.current;
    if (c && this.now() < c.refreshAtMs) return c.token;
    this.pending ??= (async () => {
      try {
        const started = this.now();
        const issued = await this.login(signal);
        const margin = Math.min(300_000, Math.max(0, issued.expiresAtMs - started) / 10);
        const next = { ...issued, refreshAtMs: issued.expiresAtMs - margin };
        this.current = next;
        return next;
      } finally {
        this.pending = undefined;
      }
    })();
    return (await this.pending).token;
  }

  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }
}
