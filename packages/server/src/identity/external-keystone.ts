import type { AuthContext } from '../services/auth-context.js';
import {
  errorText,
  expiresAt,
  keystoneUnavailable,
  KeystoneServiceToken,
  type KeystoneLog,
  type KeystoneServiceCredentials,
} from './keystone-service-token.js';
import { tokenHash } from './identity.service.js';
import { TokenValidationCache } from './token-validation-cache.js';

/** Settings of token validation against an external Keystone. */
export interface ExternalKeystoneSettings extends KeystoneServiceCredentials {
  /** How long a validation result (valid or not) is reused; 0 = ask Keystone every time. */
  cacheTtlS: number;
  /** Bound of the cache (default 10 000 tokens). */
  cacheMaxEntries?: number;
  /** Timeout of each call to Keystone (default 10 s). */
  timeoutMs?: number;
}

/** What a validation yields: the caller, or undefined for an invalid token, plus when to forget it. */
interface Validation {
  ctx: AuthContext | undefined;
  expiresAtMs?: number;
}

/**
 * Keystone token validation as keystonemiddleware does it: `GET {url}/auth/tokens` with the service
 * token in `X-Auth-Token` and the caller's in `X-Subject-Token`. 404 = invalid token; 401 = the service
 * token went stale (log in again, retry once); anything else, or no answer, is the 503 DomainError.
 * Results, valid and invalid, are cached per token (sha256) for the TTL, never past the token's expiry.
 */
export class ExternalKeystoneAuthenticator {
  readonly serviceToken: KeystoneServiceToken;
  private readonly cache: TokenValidationCache<AuthContext>;
  private readonly inflight = new Map<string, Promise<Validation>>();
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly settings: ExternalKeystoneSettings,
    private readonly log: KeystoneLog,
    now: () => number = Date.now,
  ) {
    this.now = now;
    this.timeoutMs = settings.timeoutMs ?? 10_000;
    this.serviceToken = new KeystoneServiceToken(settings, { timeoutMs: this.timeoutMs, log, now });
    this.cache = new TokenValidationCache(settings.cacheTtlS * 1000, settings.cacheMaxEntries, now);
  }

  /** The caller of an `X-Auth-Token`, undefined when Keystone says the token is not valid. */
  async authenticate(token: string | undefined): Promise<AuthContext | undefined> {
    if (token === undefined || token === '') return undefined;
    const hit = this.cache.get(token);
    if (hit) return hit.value;
    // Concurrent requests with one token share one validation.
    const key = tokenHash(token);
    let pending = this.inflight.get(key);
    if (pending === undefined) {
      pending = this.validate(token, true).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    const result = await pending;
    return result.ctx;
  }

  private async validate(token: string, retry: boolean): Promise<Validation> {
    const service = await this.serviceToken.token();
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.settings.url}/auth/tokens?nocatalog`, {
        headers: { accept: 'application/json', 'x-auth-token': service.token, 'x-subject-token': token },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      this.log.error(
        { url: this.settings.url, err: errorText(err) },
        'keystone unreachable: token not validated',
      );
      throw keystoneUnavailable();
    }
    if (response.status === 404) return this.remember(token, { ctx: undefined });
    if (response.status === 401) {
      this.serviceToken.invalidate(service.token);
      if (retry) return this.validate(token, false);
      this.log.error({ url: this.settings.url }, 'keystone rejected a fresh service token');
      throw keystoneUnavailable();
    }
    if (response.status !== 200) {
      this.log.error(
        { url: this.settings.url, status: response.status, body: text.slice(0, 200) },
        'bad response code while validating a token',
      );
      throw keystoneUnavailable();
    }
    return this.remember(token, this.fromBody(text));
  }

  /** Maps a validated token body: project scope, role names, user; unscoped or expired = invalid. */
  private fromBody(text: string): Validation {
    let body: TokenBody;
    try {
      body = (JSON.parse(text) as { token?: TokenBody }).token ?? {};
    } catch {
      this.log.error({ url: this.settings.url }, 'keystone answered a token validation with invalid JSON');
      throw keystoneUnavailable();
    }
    const expiresAtMs = expiresAt(text);
    if (expiresAtMs !== undefined && expiresAtMs <= this.now()) return { ctx: undefined };
    const projectId = body.project?.id;
    if (typeof projectId !== 'string' || projectId === '') {
      this.log.warn({}, 'token without a project scope refused');
      return { ctx: undefined, ...(expiresAtMs !== undefined ? { expiresAtMs } : {}) };
    }
    const roles = (Array.isArray(body.roles) ? body.roles : [])
      .map((r) => r?.name)
      .filter((n): n is string => typeof n === 'string');
    const userId = body.user?.id;
    return {
      ctx: { projectId, roles, ...(typeof userId === 'string' ? { userId } : {}) },
      ...(expiresAtMs !== undefined ? { expiresAtMs } : {}),
    };
  }

  private remember(token: string, v: Validation): Validation {
    this.cache.set(token, v.ctx, v.expiresAtMs);
    return v;
  }
}

/** The parts of Keystone's token body we read. */
interface TokenBody {
  project?: { id?: unknown };
  roles?: ({ name?: unknown } | null)[];
  user?: { id?: unknown };
}
