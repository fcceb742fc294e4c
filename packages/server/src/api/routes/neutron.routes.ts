import type { FastifyInstance } from 'fastify';
import type { FloatingIpService } from '../../services/floating-ip.service.js';
import type { NetworkService } from '../../services/network.service.js';
import type { PortService } from '../../services/port.service.js';
import type { SubnetService } from '../../services/subnet.service.js';
import { registerNeutronFaults } from '../plugins/neutron-fault.js';
import { floatingIpRoutes } from './floating-ips.routes.js';
import { networkRoutes } from './networks.routes.js';
import { neutronExtensionRoutes } from './neutron-extensions.routes.js';
import { tagRoutes } from './neutron-tags.routes.js';
import { portRoutes } from './ports.routes.js';
import { subnetRoutes } from './subnets.routes.js';

/** The services behind the Neutron subset. */
export interface NeutronServices {
  networks: NetworkService;
  subnets: SubnetService;
  ports: PortService;
  floatingIps: FloatingIpService;
}

/**
 * The Neutron subset (networks, subnets, ports, floating IPs, tags, extensions) with Neutron's error
 * bodies. Mounted under `/network/v2.0` (`notFound`: unknown paths there are Neutron 404s too) and, for
 * `auth_type: none` clients that send name lookups to the Octavia endpoint, under `/load-balancer/v2.0`.
 */
export function neutronRoutes(
  app: FastifyInstance,
  services: NeutronServices,
  opts: { notFound: boolean },
): void {
  registerNeutronFaults(app, opts);
  networkRoutes(app, services.networks);
  subnetRoutes(app, services.networks, services.subnets);
  portRoutes(app, services.ports);
  floatingIpRoutes(app, services.floatingIps);
  tagRoutes(app, 'networks', 'network', {
    tags: (ctx, id) => services.networks.tags(ctx, id),
    changeTags: (ctx, id, change) => services.networks.changeTags(ctx, id, change),
  });
  tagRoutes(app, 'subnets', 'subnet', services.subnets);
  tagRoutes(app, 'ports', 'port', services.ports);
  tagRoutes(app, 'floatingips', 'floatingip', services.floatingIps);
  neutronExtensionRoutes(app);
}
