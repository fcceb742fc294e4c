import { DomainError } from '@lbaas/core';

/** The service user's credentials at an external Keystone. */
export interface KeystoneServiceCredentials {
  /** The identity v3 base (`…/v3`). */
  url: string;
  username: string;
  password: string;
  projectName: string;
  userDomainName: string;
  projectDomainName: string;
}

/** Where the external-Keystone code logs (pino fits). */
export interface KeystoneLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A token and when it expires (epoch ms). */
export interface IssuedServiceToken {
  token: string;
  expiresAtMs: number;
}

/** keystonemiddleware's text when it cannot reach or use Keystone (its 503). */
export const KEYSTONE_UNAVAILABLE = 'The Keystone service is temporarily unavailable.';

/** The 503 of every request that needs Keystone while it cannot answer (never a 500, never let through). */
export function keystoneUnavailable(): DomainError {
  return new DomainError('unavailable', KEYSTONE_UNAVAILABLE);
}

/**
 * The service token: password authentication of the service user scoped to its project
 * (`POST {url}/auth/tokens`), reused until a tenth of its lifetime (at most 5 minutes) before expiry or
 * until `invalidate` (Keystone answered 401 to it). Concurrent callers share one login.
 */
export class KeystoneServiceToken {
  private current: (IssuedServiceToken & { refreshAtMs: number }) | undefined;
  private pending: Promise<IssuedServiceToken> | undefined;

  constructor(
    private readonly creds: KeystoneServiceCredentials,
    private readonly opts: { timeoutMs: number; log: KeystoneLog; now?: () => number },
  ) {}

  /** A service token believed valid; throws the 503 DomainError when Keystone cannot issue one. */
  async token(): Promise<IssuedServiceToken> {
    const now = this.opts.now ?? Date.now;
    const c = this.current;
    if (c && now() < c.refreshAtMs) return c;
    this.pending ??= this.login().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Keystone refused `token`: the next `token()` logs in again. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async login(): Promise<IssuedServiceToken> {
    const { creds, opts } = this;
    const now = opts.now ?? Date.now;
    const started = now();
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${creds.url}/auth/tokens?nocatalog`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(passwordBody(creds)),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      opts.log.error({ url: creds.url, err: errorText(err) }, 'keystone unreachable: no service token');
      throw keystoneUnavailable();
    }
    const token = response.headers.get('x-subject-token');
    if (response.status !== 201 || !token) {
      // Never log the request: it holds the password. Keystone's own message is safe.
      opts.log.error(
        { url: creds.url, status: response.status, user: creds.username, body: text.slice(0, 200) },
        'keystone refused the service credentials',
      );
      throw keystoneUnavailable();
    }
    const expiresAtMs = expiresAt(text) ?? started + 3_600_000;
    const margin = Math.min(300_000, Math.max(0, expiresAtMs - started) / 10);
    this.current = { token, expiresAtMs, refreshAtMs: expiresAtMs - margin };
    return this.current;
  }
}

function passwordBody(c: KeystoneServiceCredentials): unknown {
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: c.username, domain: { name: c.userDomainName }, password: c.password } },
      },
      scope: { project: { name: c.projectName, domain: { name: c.projectDomainName } } },
    },
  };
}

/** `token.expires_at` of a token body (epoch ms), undefined when absent or unparsable. */
export function expiresAt(text: string): number | undefined {
  try {
    const raw = (JSON.parse(text) as { token?: { expires_at?: unknown } }).token?.expires_at;
    const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
    return Number.isFinite(ms) ? ms : undefined;
  } catch {
    return undefined;
  }
}

/** A short description of a fetch failure (timeouts and refused connections carry a cause). */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message}: ${cause.message}` : err.message;
}
