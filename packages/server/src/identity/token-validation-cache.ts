import { tokenHash } from './identity.service.js';

/** One cached validation: the result (undefined = invalid token) and when it stops being used. */
interface Entry<T> {
  value: T | undefined;
  untilMs: number;
}

/**
 * Validation results (valid AND invalid) per token for a short TTL, as keystonemiddleware's token cache.
 * Keys are the sha256 of the token, never the token itself; the size is bounded (least recently used
 * entries go first); an entry never outlives `untilMs` (the token's own expiry, at the latest).
 */
export class TokenValidationCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached result of `token`: `{ value }` on a hit (value undefined = known invalid), else undefined. */
  get(token: string): { value: T | undefined } | undefined {
    const key = tokenHash(token);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.untilMs <= this.now()) return undefined;
    this.entries.set(key, entry); // most recently used goes last
    return { value: entry.value };
  }

  /** Remembers a result for the TTL, but never past `notAfterMs` (the token's expiry). */
  set(token: string, value: T | undefined, notAfterMs = Number.POSITIVE_INFINITY): void {
    if (this.ttlMs <= 0) return;
    const untilMs = Math.min(this.now() + this.ttlMs, notAfterMs);
    if (untilMs <= this.now()) return;
    const key = tokenHash(token);
    this.entries.delete(key);
    this.entries.set(key, { value, untilMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
