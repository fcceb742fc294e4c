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
        const rows = (await listeners.list(request.auth, query.projectId)).map((l) => ({
          ...listenerView(l),
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
        return oneBody(request, 'listener', listenerView(await listeners.get(request.auth, id)));
      },
    },
    PUT: {
      schema: { body: ListenerUpdateBody },
      handler: async (request) => {
        const { id } = request.params as Id;
        const body = request.body as Static<typeof ListenerUpdateBody>;
        return { listener: listenerView(await listeners.update(request.auth, id, body.listener)) };
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
