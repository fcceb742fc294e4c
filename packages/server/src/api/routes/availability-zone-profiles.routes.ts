import { AvailabilityZoneProfileCreateBody, AvailabilityZoneProfileUpdateBody } from '@lbaas/contract';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AvailabilityZoneService } from '../../services/availability-zone.service.js';
import { availabilityZoneProfileView } from '../mappers/flavor-views.js';
import { CATALOG_LIST_SPECS, catalogListBody } from './catalog-list-specs.js';
import { created, noContent, oneBody, path } from './route-kit.js';

type Id = { id: string };
const KEY = 'availability_zone_profile';

/** /availabilityzoneprofiles routes (spec §4.13; admin only). */
export function availabilityZoneProfileRoutes(app: FastifyInstance, zones: AvailabilityZoneService): void {
  path(app, '/availabilityzoneprofiles', {
    GET: {
      handler: async (request) => {
        const rows = (await zones.listProfiles(request.auth)).map(availabilityZoneProfileView);
        return catalogListBody(request, rows, CATALOG_LIST_SPECS.availability_zone_profiles);
      },
    },
    POST: {
      schema: { body: AvailabilityZoneProfileCreateBody },
      handler: async (request, reply) => {
        const body = request.body as Static<typeof AvailabilityZoneProfileCreateBody>;
        const profile = await zones.createProfile(request.auth, body.availability_zone_profile);
        return created(reply, KEY, availabilityZoneProfileView(profile));
      },
    },
  });
  path(app, '/availabilityzoneprofiles/:id', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id;
        return oneBody(request, KEY, availabilityZoneProfileView(await zones.getProfile(request.auth, id)));
      },
    },
    PUT: {
      schema: { body: AvailabilityZoneProfileUpdateBody },
      handler: async (request) => {
        const { id } = request.params as Id;
        const body = request.body as Static<typeof AvailabilityZoneProfileUpdateBody>;
        const profile = await zones.updateProfile(request.auth, id, body.availability_zone_profile);
        return { [KEY]: availabilityZoneProfileView(profile) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { id } = request.params as Id;
        await zones.deleteProfile(request.auth, id);
        return noContent(reply);
      },
    },
  });
}
