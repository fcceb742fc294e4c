import type { FastifyInstance } from 'fastify';
import type { NetworkService } from '../../services/network.service.js';
import { networkView, subnetView } from '../mappers/network-views.js';
import { LIST_SPECS } from './list-specs.js';
import { listBody, listQuery, oneBody, path } from './route-kit.js';

type Id = { id: string };

/**
 * Read-only Neutron subset for the built-in network model: what `--vip-subnet-id` / `--vip-network-id`
 * name lookups need. Mounted under `/network/v2.0` and, for `auth_type: none` clients that send those
 * lookups to the Octavia endpoint, under `/load-balancer/v2.0` too.
 */
export function networkRoutes(app: FastifyInstance, networks: NetworkService): void {
  path(app, '/networks', {
    GET: {
      handler: async (request) => {
        const query = listQuery(request, LIST_SPECS.networks);
        const [nets, subnets] = await Promise.all([
          networks.listNetworks(request.auth),
          networks.listSubnets(request.auth),
        ]);
        const rows = nets.map((n) =>
          networkView(
            n,
            subnets.filter((s) => s.network_id === n.id).map((s) => s.id),
          ),
        );
        return listBody(request, rows, query, LIST_SPECS.networks);
      },
    },
  });
  path(app, '/networks/:id', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id;
        const [n, subnets] = await Promise.all([
          networks.getNetwork(request.auth, id),
          networks.listSubnets(request.auth),
        ]);
        return oneBody(
          request,
          'network',
          networkView(
            n,
            subnets.filter((s) => s.network_id === n.id).map((s) => s.id),
          ),
        );
      },
    },
  });
  path(app, '/subnets', {
    GET: {
      handler: async (request) => {
        const query = listQuery(request, LIST_SPECS.subnets);
        return listBody(
          request,
          (await networks.listSubnets(request.auth)).map(subnetView),
          query,
          LIST_SPECS.subnets,
        );
      },
    },
  });
  path(app, '/subnets/:id', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id;
        return oneBody(request, 'subnet', subnetView(await networks.getSubnet(request.auth, id)));
      },
    },
  });
}
