import { FlavorCreateBody, FlavorUpdateBody } from '@lbaas/contract';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { FlavorService } from '../../services/flavor.service.js';
import { flavorView } from '../mappers/flavor-views.js';
import { CATALOG_LIST_SPECS, catalogListBody } from './catalog-list-specs.js';
import { created, noContent, oneBody, path } from './route-kit.js';

type Id = { id: string };

/** /flavors routes (spec §4.10). */
export function flavorRoutes(app: FastifyInstance, flavors: FlavorService): void {
  path(app, '/flavors', {
    GET: {
      handler: async (request) => {
        const rows = (await flavors.list(request.auth)).map(flavorView);
        return catalogListBody(request, rows, CATALOG_LIST_SPECS.flavors);
      },
    },
    POST: {
      schema: { body: FlavorCreateBody },
      handler: async (request, reply) => {
        const body = request.body as Static<typeof FlavorCreateBody>;
        return created(reply, 'flavor', flavorView(await flavors.create(request.auth, body.flavor)));
      },
    },
  });
  path(app, '/flavors/:id', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id;
        return oneBody(request, 'flavor', flavorView(await flavors.get(request.auth, id)));
      },
    },
    PUT: {
      schema: { body: FlavorUpdateBody },
      handler: async (request) => {
        const { id } = request.params as Id;
        const body = request.body as Static<typeof FlavorUpdateBody>;
        return { flavor: flavorView(await flavors.update(request.auth, id, body.flavor)) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { id } = request.params as Id;
        await flavors.delete(request.auth, id);
        return noContent(reply);
      },
    },
  });
}
