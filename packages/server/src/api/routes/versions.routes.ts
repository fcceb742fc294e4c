import { advertisedVersions, type ApiFeature } from '@lbaas/core';
import type { FastifyInstance } from 'fastify';

/**
 * `GET /load-balancer/` — the version list (spec §1.3). Only versions whose features this server
 * implements are advertised; the newest of them is CURRENT.
 */
export function versionRoutes(app: FastifyInstance, features: ReadonlySet<ApiFeature>): void {
  app.get('/load-balancer/', async (request) => {
    const path = request.url.split('?')[0] ?? '/load-balancer/';
    const root = `${request.protocol}://${request.host}${path.endsWith('/') ? path : `${path}/`}`;
    return { versions: advertisedVersions(features, root) };
  });
  // WSME answers the version roots with the bare JSON string "v2".
  for (const url of [
    '/load-balancer/v2',
    '/load-balancer/v2.0',
    '/load-balancer/v2/lbaas',
    '/load-balancer/v2.0/lbaas',
    '/load-balancer/v2/octavia',
    '/load-balancer/v2.0/octavia',
  ]) {
    app.get(url, async (_request, reply) => reply.type('application/json').send('"v2"'));
  }
}
