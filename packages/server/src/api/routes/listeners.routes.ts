import { ListenerCreateBody, ListenerUpdateBody } from '@lbaas/contract';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ListenerService } from '../../services/listener.service.js';
import { listenerView } from '../mappers/views.js';
import { LIST_SPECS } from './list-specs.js';
import { created, listBody, listQuery, noContent, oneBody, path } from './route-kit.js';

type Id = { id: string };

/** /listeners routes (spec §4.2). Listener stats arrive with the data plane. */
export function listenerRoutes(app: FastifyInstance, listeners: ListenerService): void {
  path(app, '/listeners', {
    GET: {
      handler: async (request) => {
        const query = listQuery(request, LIST_SPECS.listeners);
        const records = await listeners.list(request.auth, query.projectId);
        const policyIds = await listeners.l7PolicyIds(records);
        const rows = records.map((l) => ({
          ...listenerView(l, policyIds.get(l.id)),
          loadbalancer_id: l.load_balancer_id,
        }));
        return listBody(request, rows, query, LIST_SPECS.listeners, ['loadbalancer_id']);
      },
    },
    POST: {
      schema: { body: ListenerCreateBody },
      handler: async (request, reply) => {
        const body = request.body as Static<typeof ListenerCreateBody>;
        return created(reply, 'listener', listenerView(await listeners.create(request.auth, body.listener)));
      },
    },
  });
  path(app, '/listeners/:id', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id;
        const listener = await listeners.get(request.auth, id);
        const policyIds = await listeners.l7PolicyIds([listener]);
        return oneBody(request, 'listener', listenerView(listener, policyIds.get(id)));
      },
    },
    PUT: {
      schema: { body: ListenerUpdateBody },
      handler: async (request) => {
        const { id } = request.params as Id;
        const body = request.body as Static<typeof ListenerUpdateBody>;
        const listener = await listeners.update(request.auth, id, body.listener);
        const policyIds = await listeners.l7PolicyIds([listener]);
        return { listener: listenerView(listener, policyIds.get(id)) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { id } = request.params as Id;
        await listeners.delete(request.auth, id);
        return noContent(reply);
      },
    },
  });
}
