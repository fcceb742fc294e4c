import { LoadBalancerCreateBody, LoadBalancerUpdateBody } from '@lbaas/contract';
import { boolFromString } from '@lbaas/core';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { LoadBalancerService } from '../../services/load-balancer.service.js';
import { loadBalancerFullView, loadBalancerRefView, statusTreeView } from '../mappers/graph-views.js';
import { LIST_SPECS } from './list-specs.js';
import { created, listBody, listQuery, noContent, oneBody, path, rawQuery } from './route-kit.js';

type Id = { Params: { id: string } };

/** /loadbalancers routes (spec §4.1). */
export function loadBalancerRoutes(app: FastifyInstance, lbs: LoadBalancerService): void {
  path(app, '/loadbalancers', {
    GET: {
      handler: async (request) => {
        const query = listQuery(request, LIST_SPECS.loadbalancers);
        const graphs = await lbs.list(request.auth, query.projectId);
        return listBody(request, graphs.map(loadBalancerRefView), query, LIST_SPECS.loadbalancers);
      },
    },
    POST: {
      schema: { body: LoadBalancerCreateBody },
      handler: async (request, reply) => {
        const body = request.body as Static<typeof LoadBalancerCreateBody>;
        const graph = await lbs.create(request.auth, body.loadbalancer);
        return created(reply, 'loadbalancer', loadBalancerFullView(graph));
      },
    },
  });
  path(app, '/loadbalancers/:id', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id['Params'];
        return oneBody(request, 'loadbalancer', loadBalancerRefView(await lbs.get(request.auth, id)));
      },
    },
    PUT: {
      schema: { body: LoadBalancerUpdateBody },
      handler: async (request) => {
        const { id } = request.params as Id['Params'];
        const body = request.body as Static<typeof LoadBalancerUpdateBody>;
        return { loadbalancer: loadBalancerRefView(await lbs.update(request.auth, id, body.loadbalancer)) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { id } = request.params as Id['Params'];
        const cascadeRaw = rawQuery(request).cascade;
        const cascade =
          boolFromString(String(Array.isArray(cascadeRaw) ? cascadeRaw[0] : (cascadeRaw ?? 'false'))) ??
          false;
        await lbs.delete(request.auth, id, cascade);
        return noContent(reply);
      },
    },
  });
  for (const status of ['/loadbalancers/:id/status', '/loadbalancers/:id/statuses']) {
    path(app, status, {
      GET: {
        handler: async (request) => {
          const { id } = request.params as Id['Params'];
          return statusTreeView(await lbs.get(request.auth, id));
        },
      },
    });
  }
}
