import { resolve } from 'node:path';
import { QUOTA_MAX, QUOTA_MIN, type QuotaLimits } from '@lbaas/core';
import { ConfigError } from './config-error.js';
import { externalKeystoneFrom, type ExternalKeystoneConfig } from './keystone-config.js';

/** Settings of one server process; `loadServerConfig` fills them from flags and the environment. */
export interface ServerConfig {
  host: string;
  port: number;
  /** Directory for the SQLite file and other state. */
  stateDir: string;
  /** postgres://… to use PostgreSQL instead of SQLite. */
  databaseUrl: string | undefined;
  /** `keystone` (default: tokens from the built-in identity subset) or `noauth` (Octavia's noauth headers). */
  auth: 'noauth' | 'keystone';
  /**
   * Keystone auth against an external Keystone (`--keystone-url` / LBAAS_KEYSTONE_URL) instead of the
   * built-in identity API; then /identity is not served and nothing is bootstrapped.
   */
  keystone?: ExternalKeystoneConfig | undefined;
  /** Base URL clients reach this server at (LBAAS_PUBLIC_URL); derived from each request's Host when unset. */
  publicUrl?: string | undefined;
  /** Key manager KEK file (LBAAS_SECRET_KEY_FILE; default <state-dir>/secret-key, created on first start). */
  secretKeyFile?: string | undefined;
  /** Catalog region (LBAAS_REGION, default RegionOne). */
  region?: string;
  /** Lifetime of issued tokens in seconds (LBAAS_TOKEN_TTL_S, default 3600). */
  tokenTtlS?: number;
  /** Bootstrap admin password (LBAAS_ADMIN_PASSWORD); generated into <state-dir>/admin-password when unset. */
  adminPassword?: string | undefined;
  /** Password of the `lbaas-agent` user (LBAAS_AGENT_PASSWORD); generated into <state-dir>/agent-password when unset. */
  agentPassword?: string | undefined;
  /** Provisioning driver: `noop` (no data plane) or `agent` (HAProxy through `lbaas agent` processes). */
  driver: 'noop' | 'agent';
  /** Delay the noop driver waits before reporting a revision applied (to observe PENDING_* states). */
  noopDelayMs: number;
  /** CIDR of the built-in loopback VIP subnet. */
  vipCidr: string;
  /** Project used when a request names none (noauth), and owner of the built-in network. */
  defaultProjectId: string;
  driverTimeoutMs: number;
  resyncIntervalMs: number;
  logLevel: string;
  /** How often agents must report (default 3000 ms; LBAAS_AGENT_HEARTBEAT_MS). */
  agentHeartbeatMs?: number;
  /** An agent silent this long gets no new load balancers (default 15000 ms; LBAAS_AGENT_DEAD_AFTER_MS). */
  agentDeadAfterMs?: number;
  /** Quota limits of projects that set none (LBAAS_QUOTA_<RESOURCE>; default -1 = unlimited). */
  quotaDefaults?: QuotaLimits;
}

/** Flags as the CLI parsed them (all optional). */
export interface ServerFlags {
  host?: string | undefined;
  port?: string | number | undefined;
  stateDir?: string | undefined;
  auth?: string | undefined;
  keystoneUrl?: string | undefined;
  driver?: string | undefined;
  logLevel?: string | undefined;
}

export { ConfigError };

/** Merges flags over `LBAAS_*` environment variables over defaults, validating every value. */
export function loadServerConfig(flags: ServerFlags, env: NodeJS.ProcessEnv): ServerConfig {
  const port = Number(flags.port ?? env.LBAAS_PORT ?? 9876);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`invalid port: ${String(flags.port ?? env.LBAAS_PORT)}`);
  const auth = flags.auth ?? env.LBAAS_AUTH ?? 'keystone';
  if (auth !== 'noauth' && auth !== 'keystone') {
    throw new ConfigError(`unknown auth strategy '${auth}' (available: keystone, noauth)`);
  }
  const publicUrl = env.LBAAS_PUBLIC_URL || undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(publicUrl)) {
    throw new ConfigError(`LBAAS_PUBLIC_URL must be an http(s) URL without query, got '${publicUrl}'`);
  }
  const driver = flags.driver ?? env.LBAAS_DRIVER ?? 'agent';
  if (driver !== 'noop' && driver !== 'agent') {
    throw new ConfigError(`unknown driver '${driver}' (available: noop, agent)`);
  }
  const positive = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0)
      throw new ConfigError(`${name} must be a non-negative number, got '${raw}'`);
    return n;
  };
  return {
    host: flags.host ?? env.LBAAS_HOST ?? '127.0.0.1',
    port,
    stateDir: resolve(flags.stateDir ?? env.LBAAS_STATE_DIR ?? '.lbaas'),
    databaseUrl: env.LBAAS_DATABASE_URL || undefined,
    auth,
    driver,
    noopDelayMs: positive('LBAAS_NOOP_DELAY_MS', 0),
    vipCidr: env.LBAAS_VIP_CIDR ?? '127.77.0.0/16',
    defaultProjectId: env.LBAAS_DEFAULT_PROJECT ?? 'default-project',
    driverTimeoutMs: positive('LBAAS_DRIVER_TIMEOUT_MS', 60_000),
    resyncIntervalMs: positive('LBAAS_RESYNC_INTERVAL_MS', 5_000),
    logLevel: flags.logLevel ?? env.LBAAS_LOG_LEVEL ?? 'info',
    agentHeartbeatMs: positive('LBAAS_AGENT_HEARTBEAT_MS', 3_000),
    agentDeadAfterMs: positive('LBAAS_AGENT_DEAD_AFTER_MS', 15_000),
    keystone: externalKeystoneFrom(flags.keystoneUrl, auth, env),
    publicUrl,
    secretKeyFile: env.LBAAS_SECRET_KEY_FILE || undefined,
    region: env.LBAAS_REGION || 'RegionOne',
    tokenTtlS: Math.max(60, positive('LBAAS_TOKEN_TTL_S', 3600)),
    adminPassword: env.LBAAS_ADMIN_PASSWORD || undefined,
    agentPassword: env.LBAAS_AGENT_PASSWORD || undefined,
    quotaDefaults: quotaDefaultsFrom(env),
  };
}

/** LBAAS_QUOTA_LOADBALANCER … LBAAS_QUOTA_L7RULE: integers in -1..2000000000 (Octavia's [quotas] range). */
function quotaDefaultsFrom(env: NodeJS.ProcessEnv): QuotaLimits {
  const quota = (resource: string): number => {
    const name = `LBAAS_QUOTA_${resource.toUpperCase()}`;
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return -1;
    const n = Number(raw);
    if (!/^\s*-?\d+\s*$/.test(raw) || n < QUOTA_MIN || n > QUOTA_MAX)
      throw new ConfigError(`${name} must be an integer from ${QUOTA_MIN} to ${QUOTA_MAX}, got '${raw}'`);
    return n;
  };
  return {
    loadbalancer: quota('loadbalancer'),
    listener: quota('listener'),
    pool: quota('pool'),
    healthmonitor: quota('healthmonitor'),
    member: quota('member'),
    l7policy: quota('l7policy'),
    l7rule: quota('l7rule'),
  };
}
