import { AvailabilityZoneCreateBody, AvailabilityZoneUpdateBody } from '@lbaas/contract';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AvailabilityZoneService } from '../../services/availability-zone.service.js';
import { availabilityZoneView } from '../mappers/flavor-views.js';
import { CATALOG_LIST_SPECS, catalogListBody } from './catalog-list-specs.js';
import { created, noContent, oneBody, path } from './route-kit.js';

type Name = { name: string };

/** /availabilityzones routes (spec §4.12; identified by name). */
export function availabilityZoneRoutes(app: FastifyInstance, zones: AvailabilityZoneService): void {
  path(app, '/availabilityzones', {
    GET: {
      handler: async (request) => {
        const rows = (await zones.list(request.auth)).map(availabilityZoneView);
        return catalogListBody(request, rows, CATALOG_LIST_SPECS.availability_zones, 'name');
      },
    },
    POST: {
      schema: { body: AvailabilityZoneCreateBody },
      handler: async (request, reply) => {
        const body = request.body as Static<typeof AvailabilityZoneCreateBody>;
        const az = await zones.create(request.auth, body.availability_zone);
        return created(reply, 'availability_zone', availabilityZoneView(az));
      },
    },
  });
  path(app, '/availabilityzones/:name', {
    GET: {
      handler: async (request) => {
        const { name } = request.params as Name;
        return oneBody(
          request,
          'availability_zone',
          availabilityZoneView(await zones.get(request.auth, name)),
        );
      },
    },
    PUT: {
      schema: { body: AvailabilityZoneUpdateBody },
      handler: async (request) => {
        const { name } = request.params as Name;
        const body = request.body as Static<typeof AvailabilityZoneUpdateBody>;
        const az = await zones.update(request.auth, name, body.availability_zone);
        return { availability_zone: availabilityZoneView(az) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { name } = request.params as Name;
        await zones.delete(request.auth, name);
        return noContent(reply);
      },
    },
  });
}
