import {
  BASE_FEATURES,
  DEFAULT_LISTENER_DEFAULTS,
  normalizeCidr,
  renderHaproxy,
  UNLIMITED_QUOTAS,
} from '@lbaas/core';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from './api/app.js';
import { composeExternalKeystone, type ServerExternalKeystone } from './compose-external-keystone.js';
import { composeKeyManager, type ServerKeyManager } from './compose-key-manager.js';
import { composeKeystone, type ServerIdentity } from './compose-keystone.js';
import { noauthAuthenticator } from './api/plugins/noauth.plugin.js';
import { ConfigError, type ServerConfig } from './config/server-config.js';
import { AgentDriver } from './reconciler/agent.driver.js';
import { NoopDriver } from './reconciler/noop.driver.js';
import type { ProvisioningDriver } from './reconciler/provisioning-driver.js';
import { Reconciler } from './reconciler/reconciler.js';
import { AgentSignals } from './services/agent-signals.js';
import { AgentAdminService } from './services/agent-admin.service.js';
import { AgentService, type AgentSettings } from './services/agent.service.js';
import { AvailabilityZoneService } from './services/availability-zone.service.js';
import { FlavorService } from './services/flavor.service.js';
import { HealthMonitorService } from './services/health-monitor.service.js';
import { L7PolicyService } from './services/l7-policy.service.js';
import { L7RuleService } from './services/l7-rule.service.js';
import { ListenerService } from './services/listener.service.js';
import { LoadBalancerService } from './services/load-balancer.service.js';
import { MemberService } from './services/member.service.js';
import { FloatingIpService } from './services/floating-ip.service.js';
import { NetworkService } from './services/network.service.js';
import { PortService } from './services/port.service.js';
import { SubnetService } from './services/subnet.service.js';
import { PlacementFiles } from './services/placement-files.js';
import { PoolService } from './services/pool.service.js';
import { ProviderService } from './services/provider.service.js';
import { QuotaService } from './services/quota.service.js';
import { StatsService } from './services/stats.service.js';
import type { Clock, IdGenerator, Store } from './services/ports.js';
import type { ServiceDeps, ServiceSettings } from './services/service-deps.js';
import { createStore, storeConfigFrom } from './store/create-store.js';

/** A running (or ready to listen) server and how to stop it. */
export interface ServerHandle {
  app: FastifyInstance;
  store: Store;
  reconciler: Reconciler;
  /** The address it listens on, once `listen` was called. */
  url: string | undefined;
  /** Tokens, bootstrap result and clouds.yaml path (keystone auth only). */
  identity?: ServerIdentity;
  /** The Keystone that validates tokens instead of the built-in identity (`--keystone-url`). */
  externalKeystone?: ServerExternalKeystone;
  /** The key manager (/key-manager) and its reference resolver. */
  keyManager: ServerKeyManager;
  close(): Promise<void>;
}

/** The real wall clock, rendering Octavia's timestamp format (no zone, no fraction). */
export const systemClock: Clock = {
  nowIso: () => new Date().toISOString().slice(0, 19),
  nowMs: () => Date.now(),
};

/** Random UUIDv4 ids. */
export const randomIds: IdGenerator = { uuid: () => randomUUID() };

/** Options for tests: an explicit store/clock/ids instead of the configured ones. */
export interface ComposeOverrides {
  store?: Store;
  clock?: Clock;
  ids?: IdGenerator;
  driver?: ProvisioningDriver;
  listen?: boolean;
  /** The key manager's 32-byte key instead of `<state-dir>/secret-key`. */
  secretKey?: Uint8Array;
}

/** The composition root: builds store, services, reconciler and HTTP app from a config. */
export async function composeServer(
  config: ServerConfig,
  overrides: ComposeOverrides = {},
): Promise<ServerHandle> {
  const vipCidr = (() => {
    try {
      return normalizeCidr(config.vipCidr);
    } catch {
      throw new ConfigError(`LBAAS_VIP_CIDR is not a CIDR: '${config.vipCidr}'`);
    }
  })();
  const store = overrides.store ?? (await createStore(storeConfigFrom(config.databaseUrl, config.stateDir)));
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? randomIds;
  const logger = pino({ level: config.logLevel });
  const settings: ServiceSettings = {
    enabledProviders: ['amphora', 'octavia'],
    reservedIps: ['169.254.169.254'],
    listenerDefaults: DEFAULT_LISTENER_DEFAULTS,
    poolTlsDefaults: {
      tls_ciphers: DEFAULT_LISTENER_DEFAULTS.tls_ciphers,
      tls_versions: DEFAULT_LISTENER_DEFAULTS.tls_versions,
      alpn_protocols: DEFAULT_LISTENER_DEFAULTS.alpn_protocols,
    },
    adminProjectId: config.defaultProjectId,
    quotaDefaults: config.quotaDefaults ?? UNLIMITED_QUOTAS,
  };
  const keyManager = composeKeyManager(config, {
    store,
    clock,
    ids,
    ...(overrides.secretKey ? { key: overrides.secretKey } : {}),
  });
  const placementFiles = new PlacementFiles(keyManager.cipher);
  const signals = new AgentSignals();
  const agentSettings: AgentSettings = {
    heartbeatIntervalMs: config.agentHeartbeatMs ?? 3_000,
    deadAfterMs: config.agentDeadAfterMs ?? 15_000,
    // Wake-ups are in-process; this bounds how late a report received by another server is noticed.
    recheckMs: 1_000,
  };
  const driver =
    overrides.driver ??
    (config.driver === 'agent'
      ? new AgentDriver({
          store,
          clock,
          signals,
          render: renderHaproxy,
          tlsMaterial: (tx, desired) => keyManager.tlsRefs.material(tx, desired),
          files: placementFiles,
          deadAfterMs: agentSettings.deadAfterMs,
          recheckMs: agentSettings.recheckMs,
        })
      : new NoopDriver(config.noopDelayMs));
  const reconciler = new Reconciler({
    store,
    driver,
    clock,
    logger,
    driverTimeoutMs: config.driverTimeoutMs,
    resyncIntervalMs: config.resyncIntervalMs,
  });
  const deps: ServiceDeps = {
    store,
    clock,
    ids,
    notifier: reconciler,
    settings,
    tlsRefs: keyManager.tlsRefs,
  };
  const services = {
    loadBalancers: new LoadBalancerService(deps),
    listeners: new ListenerService(deps),
    pools: new PoolService(deps),
    members: new MemberService(deps),
    healthMonitors: new HealthMonitorService(deps),
    l7Policies: new L7PolicyService(deps),
    l7Rules: new L7RuleService(deps),
    quotas: new QuotaService(deps),
    networks: new NetworkService(deps),
    subnets: new SubnetService(deps),
    ports: new PortService(deps, signals),
    floatingIps: new FloatingIpService(deps, signals),
    stats: new StatsService(deps),
    agents: new AgentService({ store, clock, signals, settings: agentSettings, files: placementFiles }),
    agentAdmin: new AgentAdminService({ store, clock, signals, deadAfterMs: agentSettings.deadAfterMs }),
    providers: new ProviderService(settings),
    flavors: new FlavorService(deps),
    availabilityZones: new AvailabilityZoneService(deps),
  };
  await services.networks.ensureDefaultNetwork(vipCidr);
  const external =
    config.auth === 'keystone' && config.keystone
      ? composeExternalKeystone(config.keystone, logger)
      : undefined;
  const keystone =
    config.auth === 'keystone' && !external
      ? await composeKeystone(config, { store, clock, ids })
      : undefined;
  const app = buildApp({
    services,
    keyManager: keyManager.routes,
    authenticate:
      external?.authenticate ?? keystone?.authenticate ?? noauthAuthenticator(config.defaultProjectId),
    ...(keystone ? { unauthenticated: keystone.unauthenticated, identity: keystone.routes } : {}),
    ...(external ? { unauthenticated: external.unauthenticated } : {}),
    features: BASE_FEATURES,
    logger,
    health: async () => {
      const pending = await store.read((tx) => tx.loadBalancers.pendingIds());
      return {
        ok: true,
        details: { database: store.dialect, driver: driver.name, pending_load_balancers: pending.length },
      };
    },
  });
  const handle: ServerHandle = {
    app,
    store,
    reconciler,
    url: undefined,
    keyManager,
    ...(keystone ? { identity: keystone.identity } : {}),
    ...(external ? { externalKeystone: external.external } : {}),
    close: async () => {
      signals.close(); // long-polls answer now instead of holding app.close() for up to 30 s
      await app.close();
      await reconciler.stop();
      if (!overrides.store) await store.close();
    },
  };
  await app.ready();
  reconciler.start();
  if (overrides.listen !== false) {
    handle.url = await app.listen({ host: config.host, port: config.port });
    keystone?.afterListen(handle.url, logger);
  }
  return handle;
}
