import { L7PolicyCreateBody, L7PolicyUpdateBody } from '@lbaas/contract';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { L7PolicyService } from '../../services/l7-policy.service.js';
import { l7PolicyView } from '../mappers/views.js';
import { LIST_SPECS } from './list-specs.js';
import { created, listBody, listQuery, noContent, oneBody, path } from './route-kit.js';

type Id = { id: string };

/** /l7policies routes (spec §4.6). */
export function l7PolicyRoutes(app: FastifyInstance, policies: L7PolicyService): void {
  path(app, '/l7policies', {
    GET: {
      handler: async (request) => {
        const query = listQuery(request, LIST_SPECS.l7policies);
        const rows = (await policies.list(request.auth, query.projectId)).map((g) =>
          l7PolicyView(g.policy, g.ruleIds),
        );
        return listBody(request, rows, query, LIST_SPECS.l7policies);
      },
    },
    POST: {
      schema: { body: L7PolicyCreateBody },
      handler: async (request, reply) => {
        const body = request.body as Static<typeof L7PolicyCreateBody>;
        const policy = await policies.create(request.auth, body.l7policy);
        const g = await policies.get(request.auth, policy.id);
        return created(reply, 'l7policy', l7PolicyView(g.policy, g.ruleIds));
      },
    },
  });
  path(app, '/l7policies/:id', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id;
        const g = await policies.get(request.auth, id);
        return oneBody(request, 'l7policy', l7PolicyView(g.policy, g.ruleIds));
      },
    },
    PUT: {
      schema: { body: L7PolicyUpdateBody },
      handler: async (request) => {
        const { id } = request.params as Id;
        const body = request.body as Static<typeof L7PolicyUpdateBody>;
        await policies.update(request.auth, id, body.l7policy);
        const g = await policies.get(request.auth, id);
        return { l7policy: l7PolicyView(g.policy, g.ruleIds) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { id } = request.params as Id;
        await policies.delete(request.auth, id);
        return noContent(reply);
      },
    },
  });
}
