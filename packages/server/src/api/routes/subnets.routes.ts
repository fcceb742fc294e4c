import { Subnet, SubnetCreateBody, SubnetUpdateBody } from '@lbaas/contract';
import type { FastifyInstance } from 'fastify';
import type { NetworkService } from '../../services/network.service.js';
import type { SubnetService } from '../../services/subnet.service.js';
import { subnetView } from '../mappers/network-views.js';
import { neutronListBody, neutronListSpec } from './neutron-list.js';
import { created, noContent, oneBody, path } from './route-kit.js';

type Id = { id: string };

/** Filters, sort keys and fields of GET /subnets. */
export const SUBNET_LIST = neutronListSpec('subnets', Subnet);

/** Neutron /subnets (CRUD). */
export function subnetRoutes(app: FastifyInstance, networks: NetworkService, subnets: SubnetService): void {
  path(app, '/subnets', {
    GET: {
      handler: async (request) =>
        neutronListBody(request, (await networks.listSubnets(request.auth)).map(subnetView), SUBNET_LIST),
    },
    POST: {
      schema: { body: SubnetCreateBody },
      handler: async (request, reply) => {
        const body = request.body as SubnetCreateBody;
        return created(reply, 'subnet', subnetView(await subnets.create(request.auth, body.subnet)));
      },
    },
  });
  path(app, '/subnets/:id', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id;
        return oneBody(request, 'subnet', subnetView(await subnets.get(request.auth, id)));
      },
    },
    PUT: {
      schema: { body: SubnetUpdateBody },
      handler: async (request) => {
        const { id } = request.params as Id;
        const body = request.body as SubnetUpdateBody;
        return { subnet: subnetView(await subnets.update(request.auth, id, body.subnet)) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { id } = request.params as Id;
        await subnets.delete(request.auth, id);
        return noContent(reply);
      },
    },
  });
}
