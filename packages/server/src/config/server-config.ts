import { resolve } from 'node:path';

/** Settings of one server process; `loadServerConfig` fills them from flags and the environment. */
export interface ServerConfig {
  host: string;
  port: number;
  /** Directory for the SQLite file and other state. */
  stateDir: string;
  /** postgres://… to use PostgreSQL instead of SQLite. */
  databaseUrl: string | undefined;
  auth: 'noauth';
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
}

/** Flags as the CLI parsed them (all optional). */
export interface ServerFlags {
  host?: string | undefined;
  port?: string | number | undefined;
  stateDir?: string | undefined;
  auth?: string | undefined;
  driver?: string | undefined;
  logLevel?: string | undefined;
}

/** Thrown for unusable settings; the CLI prints the message and exits non-zero. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Merges flags over `LBAAS_*` environment variables over defaults, validating every value. */
export function loadServerConfig(flags: ServerFlags, env: NodeJS.ProcessEnv): ServerConfig {
  const port = Number(flags.port ?? env.LBAAS_PORT ?? 9876);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`invalid port: ${String(flags.port ?? env.LBAAS_PORT)}`);
  const auth = flags.auth ?? env.LBAAS_AUTH ?? 'noauth';
  if (auth !== 'noauth') throw new ConfigError(`unknown auth strategy '${auth}' (available: noauth)`);
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
  };
}
