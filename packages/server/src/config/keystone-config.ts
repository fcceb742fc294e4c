import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.js';

/** An external Keystone that validates this server's tokens (`--keystone-url` / LBAAS_KEYSTONE_URL). */
export interface ExternalKeystoneConfig {
  /** The identity v3 base, normalised to end in `/v3` (e.g. `http://keystone:5000/v3`). */
  url: string;
  /** The service user that obtains the service token (LBAAS_KEYSTONE_USERNAME). */
  username: string;
  password: string;
  /** Project the service token is scoped to (LBAAS_KEYSTONE_PROJECT, default `service`). */
  projectName: string;
  userDomainName: string;
  projectDomainName: string;
  /** How long a validation result is reused (LBAAS_KEYSTONE_CACHE_S, default 30; 0 = never). */
  cacheTtlS: number;
}

/**
 * Normalises an identity URL to its `/v3` base: `http://k:5000`, `http://k:5000/v3/` and
 * `http://k/identity` all work. Undefined when it is not an http(s) URL without query or fragment.
 */
export function normaliseKeystoneUrl(raw: string): string | undefined {
  const trimmed = raw.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(trimmed)) return undefined;
  return trimmed.endsWith('/v3') ? trimmed : `${trimmed}/v3`;
}

/** The external Keystone settings from flag and environment; undefined when no URL is configured. */
export function externalKeystoneFrom(
  flagUrl: string | undefined,
  auth: string,
  env: NodeJS.ProcessEnv,
): ExternalKeystoneConfig | undefined {
  const raw = flagUrl || env.LBAAS_KEYSTONE_URL || undefined;
  if (raw === undefined) return undefined;
  if (auth !== 'keystone')
    throw new ConfigError(`a Keystone URL (--keystone-url / LBAAS_KEYSTONE_URL) needs --auth keystone`);
  const url = normaliseKeystoneUrl(raw);
  if (url === undefined)
    throw new ConfigError(`LBAAS_KEYSTONE_URL must be an http(s) URL without query, got '${raw}'`);
  const username = env.LBAAS_KEYSTONE_USERNAME?.trim() || undefined;
  if (username === undefined)
    throw new ConfigError('LBAAS_KEYSTONE_USERNAME is required with an external Keystone (the service user)');
  const password = keystonePassword(env);
  if (password === undefined)
    throw new ConfigError(
      'LBAAS_KEYSTONE_PASSWORD or LBAAS_KEYSTONE_PASSWORD_FILE is required with an external Keystone',
    );
  const cacheRaw = env.LBAAS_KEYSTONE_CACHE_S;
  const cacheTtlS = cacheRaw === undefined || cacheRaw.trim() === '' ? 30 : Number(cacheRaw);
  if (!Number.isFinite(cacheTtlS) || cacheTtlS < 0)
    throw new ConfigError(`LBAAS_KEYSTONE_CACHE_S must be a non-negative number, got '${cacheRaw}'`);
  return {
    url,
    username,
    password,
    projectName: env.LBAAS_KEYSTONE_PROJECT?.trim() || 'service',
    userDomainName: env.LBAAS_KEYSTONE_USER_DOMAIN?.trim() || 'Default',
    projectDomainName: env.LBAAS_KEYSTONE_PROJECT_DOMAIN?.trim() || 'Default',
    cacheTtlS,
  };
}

/** LBAAS_KEYSTONE_PASSWORD_FILE (first line) wins over LBAAS_KEYSTONE_PASSWORD. */
function keystonePassword(env: NodeJS.ProcessEnv): string | undefined {
  const file = env.LBAAS_KEYSTONE_PASSWORD_FILE || undefined;
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new ConfigError(`LBAAS_KEYSTONE_PASSWORD_FILE '${file}' cannot be read (${code})`);
    }
    return text.split('\n')[0]?.trim() || undefined;
  }
  return env.LBAAS_KEYSTONE_PASSWORD || undefined;
}
