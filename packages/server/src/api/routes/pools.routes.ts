import { PoolCreateBody, PoolUpdateBody } from '@lbaas/contract';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { PoolService } from '../../services/pool.service.js';
import { poolGraphView } from '../mappers/graph-views.js';
import { LIST_SPECS } from './list-specs.js';
import { created, listBody, listQuery, noContent, oneBody, path } from './route-kit.js';

type Id = { id: string };

/** /pools routes (spec §4.3). */
export function poolRoutes(app: FastifyInstance, pools: PoolService): void {
  path(app, '/pools', {
    GET: {
      handler: async (request) => {
        const query = listQuery(request, LIST_SPECS.pools);
        const rows = (await pools.list(request.auth, query.projectId)).map((g) => ({
          ...poolGraphView(g),
          loadbalancer_id: g.pool.load_balancer_id,
        }));
        return listBody(request, rows, query, LIST_SPECS.pools, ['loadbalancer_id']);
      },
    },
    POST: {
      schema: { body: PoolCreateBody },
      handler: async (request, reply) => {
        const body = request.body as Static<typeof PoolCreateBody>;
        const pool = await pools.create(request.auth, body.pool);
        return created(reply, 'pool', poolGraphView(await pools.get(request.auth, pool.id)));
      },
    },
  });
  path(app, '/pools/:id', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id;
        return oneBody(request, 'pool', poolGraphView(await pools.get(request.auth, id)));
      },
    },
    PUT: {
      schema: { body: PoolUpdateBody },
      handler: async (request) => {
        const { id } = request.params as Id;
        const body = request.body as Static<typeof PoolUpdateBody>;
        await pools.update(request.auth, id, body.pool);
        return { pool: poolGraphView(await pools.get(request.auth, id)) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { id } = request.params as Id;
        await pools.delete(request.auth, id);
        return noContent(reply);
      },
    },
  });
}
