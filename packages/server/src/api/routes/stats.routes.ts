import type { FastifyInstance } from 'fastify';
import type { StatsService } from '../../services/stats.service.js';
import { path } from './route-kit.js';

type Id = { Params: { id: string } };

/** GET /loadbalancers/{id}/stats and /listeners/{id}/stats (spec §4.1.5, §8). */
export function statsRoutes(app: FastifyInstance, stats: StatsService): void {
  path(app, '/loadbalancers/:id/stats', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id['Params'];
        return { stats: await stats.loadBalancerStats(request.auth, id) };
      },
    },
  });
  path(app, '/listeners/:id/stats', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id['Params'];
        return { stats: await stats.listenerStats(request.auth, id) };
      },
    },
  });
}
