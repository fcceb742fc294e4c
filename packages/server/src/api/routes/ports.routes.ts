import { NeutronPort, PortCreateBody, PortUpdateBody } from '@lbaas/contract';
import type { FastifyInstance } from 'fastify';
import type { PortService } from '../../services/port.service.js';
import { portView } from '../mappers/port-views.js';
import { neutronListBody, neutronListSpec } from './neutron-list.js';
import { created, noContent, oneBody, path } from './route-kit.js';

type Id = { id: string };

/** Filters, sort keys and fields of GET /ports (plus `fixed_ips=`). */
export const PORT_LIST = neutronListSpec('ports', NeutronPort, true);

/** Neutron /ports (CRUD). */
export function portRoutes(app: FastifyInstance, ports: PortService): void {
  path(app, '/ports', {
    GET: {
      handler: async (request) =>
        neutronListBody(request, (await ports.list(request.auth)).map(portView), PORT_LIST),
    },
    POST: {
      schema: { body: PortCreateBody },
      handler: async (request, reply) => {
        const body = request.body as PortCreateBody;
        return created(reply, 'port', portView(await ports.create(request.auth, body.port)));
      },
    },
  });
  path(app, '/ports/:id', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id;
        return oneBody(request, 'port', portView(await ports.get(request.auth, id)));
      },
    },
    PUT: {
      schema: { body: PortUpdateBody },
      handler: async (request) => {
        const { id } = request.params as Id;
        const body = request.body as PortUpdateBody;
        return { port: portView(await ports.update(request.auth, id, body.port)) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { id } = request.params as Id;
        await ports.delete(request.auth, id);
        return noContent(reply);
      },
    },
  });
}
