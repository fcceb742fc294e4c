import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CloudConfig } from './cloud-config.js';
import { identityV3Url, type KeystoneToken } from './keystone-login.js';

/** A cached token is reused only while it has more than this left. */
const MIN_REMAINING_MS = 30_000;

/** `$XDG_CACHE_HOME/lbaas/tokens` (default `~/.cache/lbaas/tokens`). */
export function tokenCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const cacheHome = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(cacheHome, 'lbaas', 'tokens');
}

/**
 * Keystone tokens kept between CLI runs, one file per credential (sha256 of auth URL, user, project and
 * their domains): dir 0700, file 0600, never the password. Unreadable or corrupt files count as absent.
 */
export class TokenCache {
  readonly file: string;

  constructor(
    dir: string,
    cfg: CloudConfig,
    private readonly now: () => number = Date.now,
  ) {
    const identity = [
      identityV3Url(cfg.authUrl ?? ''),
      cfg.username,
      cfg.userDomainId,
      cfg.userDomainName,
      cfg.projectId,
      cfg.projectName,
      cfg.projectDomainId,
      cfg.projectDomainName,
    ];
    this.file = join(dir, `${createHash('sha256').update(JSON.stringify(identity)).digest('hex')}.json`);
  }

  /** The cached token when it is still good for more than 30 s. */
  read(): KeystoneToken | undefined {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return undefined;
    }
    if (typeof data !== 'object' || data === null) return undefined;
    const { token, expires_at, catalog, project_id } = data as Record<string, unknown>;
    if (typeof token !== 'string' || typeof expires_at !== 'string' || !Array.isArray(catalog))
      return undefined;
    const expiresMs = Date.parse(expires_at);
    if (!Number.isFinite(expiresMs) || expiresMs - this.now() <= MIN_REMAINING_MS) return undefined;
    return {
      token,
      expiresAt: expires_at,
      catalog: catalog as KeystoneToken['catalog'],
      projectId: typeof project_id === 'string' ? project_id : undefined,
    };
  }

  /**
   * Stores a token (atomically, mode 0600). Tokens without an expiry are not cached, and a cache that cannot
   * be written (read-only home) is skipped: it only saves logins.
   */
  write(t: KeystoneToken): void {
    if (t.expiresAt === undefined) return;
    const dir = join(this.file, '..');
    const tmp = `${this.file}.tmp-${process.pid}`;
    const data = { token: t.token, expires_at: t.expiresAt, catalog: t.catalog, project_id: t.projectId };
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
      writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, this.file);
    } catch {
      rmSync(tmp, { force: true });
    }
  }

  /** Forgets the token (it was refused). */
  drop(): void {
    rmSync(this.file, { force: true });
  }
}
