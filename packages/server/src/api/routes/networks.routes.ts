import { Network, NetworkCreateBody, NetworkUpdateBody } from '@lbaas/contract';
import type { FastifyInstance } from 'fastify';
import type { NetworkService } from '../../services/network.service.js';
import { networkView } from '../mappers/network-views.js';
import { neutronListBody, neutronListSpec } from './neutron-list.js';
import { created, noContent, oneBody, path } from './route-kit.js';

type Id = { id: string };

/** Filters, sort keys and fields of GET /networks. */
export const NETWORK_LIST = neutronListSpec('networks', Network);

/** Neutron /networks (CRUD). */
export function networkRoutes(app: FastifyInstance, networks: NetworkService): void {
  path(app, '/networks', {
    GET: {
      handler: async (request) => {
        const rows = (await networks.listNetworks(request.auth)).map((n) =>
          networkView(n.network, n.subnetIds),
        );
        return neutronListBody(request, rows, NETWORK_LIST);
      },
    },
    POST: {
      schema: { body: NetworkCreateBody },
      handler: async (request, reply) => {
        const body = request.body as NetworkCreateBody;
        const n = await networks.createNetwork(request.auth, body.network);
        return created(reply, 'network', networkView(n.network, n.subnetIds));
      },
    },
  });
  path(app, '/networks/:id', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id;
        const n = await networks.getNetwork(request.auth, id);
        return oneBody(request, 'network', networkView(n.network, n.subnetIds));
      },
    },
    PUT: {
      schema: { body: NetworkUpdateBody },
      handler: async (request) => {
        const { id } = request.params as Id;
        const body = request.body as NetworkUpdateBody;
        const n = await networks.updateNetwork(request.auth, id, body.network);
        return { network: networkView(n.network, n.subnetIds) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { id } = request.params as Id;
        await networks.deleteNetwork(request.auth, id);
        return noContent(reply);
      },
    },
  });
}
