import { FloatingIp, FloatingIpCreateBody, FloatingIpUpdateBody } from '@lbaas/contract';
import type { FastifyInstance } from 'fastify';
import type { FloatingIpService, FloatingIpWithPort } from '../../services/floating-ip.service.js';
import { floatingIpView } from '../mappers/floating-ip-views.js';
import type { WireObject } from '../mappers/views.js';
import { neutronListBody, neutronListSpec } from './neutron-list.js';
import { created, noContent, oneBody, path } from './route-kit.js';

type Id = { id: string };

/** Filters, sort keys and fields of GET /floatingips. */
export const FLOATING_IP_LIST = neutronListSpec('floatingips', FloatingIp);

const view = (f: FloatingIpWithPort): WireObject => floatingIpView(f.floatingIp, f.port);

/** Neutron /floatingips (CRUD; PUT associates and disassociates). */
export function floatingIpRoutes(app: FastifyInstance, fips: FloatingIpService): void {
  path(app, '/floatingips', {
    GET: {
      handler: async (request) =>
        neutronListBody(request, (await fips.list(request.auth)).map(view), FLOATING_IP_LIST),
    },
    POST: {
      schema: { body: FloatingIpCreateBody },
      handler: async (request, reply) => {
        const body = request.body as FloatingIpCreateBody;
        return created(reply, 'floatingip', view(await fips.create(request.auth, body.floatingip)));
      },
    },
  });
  path(app, '/floatingips/:id', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id;
        return oneBody(request, 'floatingip', view(await fips.get(request.auth, id)));
      },
    },
    PUT: {
      schema: { body: FloatingIpUpdateBody },
      handler: async (request) => {
        const { id } = request.params as Id;
        const body = request.body as FloatingIpUpdateBody;
        return { floatingip: view(await fips.update(request.auth, id, body.floatingip)) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { id } = request.params as Id;
        await fips.delete(request.auth, id);
        return noContent(reply);
      },
    },
  });
}
