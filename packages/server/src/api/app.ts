import { AGENT_API_PREFIX, compileValidator } from '@lbaas/contract';
import { DomainError, type ApiFeature } from '@lbaas/core';
import type { TSchema } from '@sinclair/typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AgentAdminService } from '../services/agent-admin.service.js';
import type { AgentService } from '../services/agent.service.js';
import type { AvailabilityZoneService } from '../services/availability-zone.service.js';
import type { FlavorService } from '../services/flavor.service.js';
import type { HealthMonitorService } from '../services/health-monitor.service.js';
import type { L7PolicyService } from '../services/l7-policy.service.js';
import type { L7RuleService } from '../services/l7-rule.service.js';
import type { ListenerService } from '../services/listener.service.js';
import type { LoadBalancerService } from '../services/load-balancer.service.js';
import type { MemberService } from '../services/member.service.js';
import type { FloatingIpService } from '../services/floating-ip.service.js';
import type { NetworkService } from '../services/network.service.js';
import type { PortService } from '../services/port.service.js';
import type { SubnetService } from '../services/subnet.service.js';
import type { PoolService } from '../services/pool.service.js';
import type { ProviderService } from '../services/provider.service.js';
import type { QuotaService } from '../services/quota.service.js';
import type { StatsService } from '../services/stats.service.js';
import { registerErrorHandler } from './plugins/error-handler.plugin.js';
import { registerAuth, type Authenticator, type UnauthenticatedPolicy } from './plugins/noauth.plugin.js';
import { registerAcceptCheck } from './plugins/accept.plugin.js';
import { agentRoutes } from './routes/agent.routes.js';
import { availabilityZoneProfileRoutes } from './routes/availability-zone-profiles.routes.js';
import { availabilityZoneRoutes } from './routes/availability-zones.routes.js';
import { flavorProfileRoutes } from './routes/flavor-profiles.routes.js';
import { flavorRoutes } from './routes/flavors.routes.js';
import { healthMonitorRoutes } from './routes/health-monitors.routes.js';
import { identityRoutes, type IdentityRouteDeps } from './routes/identity.routes.js';
import { keyManagerRoutes, type KeyManagerRouteDeps } from './routes/key-manager.routes.js';
import { l7PolicyRoutes } from './routes/l7-policies.routes.js';
import { l7RuleRoutes } from './routes/l7-rules.routes.js';
import { listenerRoutes } from './routes/listeners.routes.js';
import { loadBalancerRoutes } from './routes/load-balancers.routes.js';
import { memberRoutes } from './routes/members.routes.js';
import { neutronRoutes } from './routes/neutron.routes.js';
import { amphoraRoutes, notImplementedRoutes } from './routes/not-implemented.routes.js';
import { poolRoutes } from './routes/pools.routes.js';
import { providerRoutes } from './routes/providers.routes.js';
import { projectLookupRoutes, quotaRoutes } from './routes/quotas.routes.js';
import { statsRoutes } from './routes/stats.routes.js';
import { versionRoutes } from './routes/versions.routes.js';
import { healthRoutes, type HealthCheck } from './routes/health.routes.js';

/** Everything the HTTP layer needs; built by main.ts. */
export interface AppDeps {
  services: {
    loadBalancers: LoadBalancerService;
    listeners: ListenerService;
    pools: PoolService;
    members: MemberService;
    healthMonitors: HealthMonitorService;
    l7Policies: L7PolicyService;
    l7Rules: L7RuleService;
    quotas: QuotaService;
    networks: NetworkService;
    subnets: SubnetService;
    ports: PortService;
    floatingIps: FloatingIpService;
    stats: StatsService;
    agents: AgentService;
    agentAdmin: AgentAdminService;
    providers: ProviderService;
    flavors: FlavorService;
    availabilityZones: AvailabilityZoneService;
  };
  authenticate: Authenticator;
  /** Keystone auth: which requests stay open without a token and how the others are refused. */
  unauthenticated?: UnauthenticatedPolicy;
  /** The Keystone v3 subset under /identity (served only under keystone auth). */
  identity?: IdentityRouteDeps;
  /** The Barbican-compatible key manager under /key-manager. */
  keyManager?: KeyManagerRouteDeps;
  features: ReadonlySet<ApiFeature>;
  health: HealthCheck;
  logger: FastifyBaseLogger;
}

/** Largest request body accepted (Octavia's sizelimit middleware default is 112 KiB; graphs can be bigger). */
const BODY_LIMIT = 1024 * 1024;

/** Builds the HTTP application (tested in-process with `inject`; main.ts makes it listen). */
export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true },
    // pecan strips a `.json` suffix: GET /loadbalancers.json == GET /loadbalancers
    rewriteUrl: (req) => (req.url ?? '/').replace(/\.json(?=\?|$)/, ''),
    genReqId: () => `req-${crypto.randomUUID()}`,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-openstack-request-id', request.id);
  });
  // WSME's body types (spec §2.3): JSON, also under the JavaScript media types; anything else is 415.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    ['text/javascript', 'application/javascript'],
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );
  registerErrorHandler(app);
  registerAcceptCheck(app);
  registerAuth(app, deps.authenticate, deps.unauthenticated);
  app.setValidatorCompiler(({ schema }) => {
    const validate = compileValidator(schema as TSchema);
    return (data: unknown) => {
      const r = validate(data);
      return r.ok ? { value: r.value } : { error: new DomainError('invalid', r.message) };
    };
  });

  healthRoutes(app, deps.health);
  const identity = deps.identity;
  if (identity) void app.register(async (scope) => identityRoutes(scope, identity), { prefix: '/identity' });
  const keyManager = deps.keyManager;
  if (keyManager)
    void app.register(async (scope) => keyManagerRoutes(scope, keyManager), { prefix: '/key-manager' });
  versionRoutes(app, deps.features);
  const { services } = deps;
  for (const prefix of ['/load-balancer/v2.0', '/load-balancer/v2']) {
    // The documented `/v2/lbaas/<collection>` and the undocumented but live `/v2/<collection>`.
    for (const root of [`${prefix}/lbaas`, prefix]) {
      void app.register(
        async (scope) => {
          loadBalancerRoutes(scope, services.loadBalancers);
          listenerRoutes(scope, services.listeners);
          poolRoutes(scope, services.pools);
          memberRoutes(scope, services.members);
          healthMonitorRoutes(scope, services.healthMonitors);
          l7PolicyRoutes(scope, services.l7Policies);
          l7RuleRoutes(scope, services.l7Rules);
          statsRoutes(scope, services.stats);
          providerRoutes(scope, services.providers);
          flavorRoutes(scope, services.flavors);
          flavorProfileRoutes(scope, services.flavors);
          availabilityZoneRoutes(scope, services.availabilityZones);
          availabilityZoneProfileRoutes(scope, services.availabilityZones);
          quotaRoutes(scope, services.quotas);
          notImplementedRoutes(scope);
        },
        { prefix: root },
      );
    }
    void app.register(async (scope) => amphoraRoutes(scope), { prefix: `${prefix}/octavia` });
  }
  void app.register(async (scope) => agentRoutes(scope, services.agents, services.agentAdmin), {
    prefix: AGENT_API_PREFIX,
  });
  void app.register(async (scope) => projectLookupRoutes(scope), { prefix: '/load-balancer' });
  void app.register(async (scope) => neutronRoutes(scope, services, { notFound: true }), {
    prefix: '/network/v2.0',
  });
  void app.register(async (scope) => neutronRoutes(scope, services, { notFound: false }), {
    prefix: '/load-balancer/v2.0',
  });
  app.get('/network', async (request) => ({
    versions: [
      {
        id: 'v2.0',
        status: 'CURRENT',
        links: [{ href: `${request.protocol}://${request.host}/network/v2.0/`, rel: 'self' }],
      },
    ],
  }));
  return app;
}
