import { selectFields, type NamedDescription } from '@lbaas/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProviderService } from '../../services/provider.service.js';
import type { WireObject } from '../mappers/views.js';
import { path, rawQuery } from './route-kit.js';

type Provider = { provider: string };

function values(raw: string | string[] | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  return Array.isArray(raw) ? raw : [raw];
}

/**
 * Octavia's provider listings: only exact `name` / `description` filters (the last value wins, as with
 * WebOb's MultiDict.get) and `fields`; no sorting, paging or links.
 */
function entries(request: FastifyRequest, items: readonly NamedDescription[]): WireObject[] {
  const query = rawQuery(request);
  const name = values(query.name)?.at(-1);
  const description = values(query.description)?.at(-1);
  const fields = values(query.fields)?.flatMap((f) => f.split(','));
  return items
    .filter((i) => !name || i.name === name)
    .filter((i) => !description || i.description === description)
    .map((i) => selectFields({ name: i.name, description: i.description }, fields));
}

/** /providers and the capability lists (spec §4.9). */
export function providerRoutes(app: FastifyInstance, providers: ProviderService): void {
  path(app, '/providers', {
    GET: { handler: async (request) => ({ providers: entries(request, providers.list(request.auth)) }) },
  });
  path(app, '/providers/:provider/flavor_capabilities', {
    GET: {
      handler: async (request) => {
        const { provider } = request.params as Provider;
        const items = providers.flavorCapabilities(request.auth, provider);
        return { flavor_capabilities: entries(request, items) };
      },
    },
  });
  path(app, '/providers/:provider/availability_zone_capabilities', {
    GET: {
      handler: async (request) => {
        const { provider } = request.params as Provider;
        const items = providers.availabilityZoneCapabilities(request.auth, provider);
        return { availability_zone_capabilities: entries(request, items) };
      },
    },
  });
}
