import { FlavorProfileCreateBody, FlavorProfileUpdateBody } from '@lbaas/contract';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { FlavorService } from '../../services/flavor.service.js';
import { flavorProfileView } from '../mappers/flavor-views.js';
import { CATALOG_LIST_SPECS, catalogListBody } from './catalog-list-specs.js';
import { created, noContent, oneBody, path } from './route-kit.js';

type Id = { id: string };

/** /flavorprofiles routes (spec §4.11; admin only). */
export function flavorProfileRoutes(app: FastifyInstance, flavors: FlavorService): void {
  path(app, '/flavorprofiles', {
    GET: {
      handler: async (request) => {
        const rows = (await flavors.listProfiles(request.auth)).map(flavorProfileView);
        return catalogListBody(request, rows, CATALOG_LIST_SPECS.flavorprofiles);
      },
    },
    POST: {
      schema: { body: FlavorProfileCreateBody },
      handler: async (request, reply) => {
        const body = request.body as Static<typeof FlavorProfileCreateBody>;
        const profile = await flavors.createProfile(request.auth, body.flavorprofile);
        return created(reply, 'flavorprofile', flavorProfileView(profile));
      },
    },
  });
  path(app, '/flavorprofiles/:id', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id;
        return oneBody(
          request,
          'flavorprofile',
          flavorProfileView(await flavors.getProfile(request.auth, id)),
        );
      },
    },
    PUT: {
      schema: { body: FlavorProfileUpdateBody },
      handler: async (request) => {
        const { id } = request.params as Id;
        const body = request.body as Static<typeof FlavorProfileUpdateBody>;
        const profile = await flavors.updateProfile(request.auth, id, body.flavorprofile);
        return { flavorprofile: flavorProfileView(profile) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { id } = request.params as Id;
        await flavors.deleteProfile(request.auth, id);
        return noContent(reply);
      },
    },
  });
}
