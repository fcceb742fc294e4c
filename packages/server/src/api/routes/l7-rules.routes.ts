import { L7RuleCreateBody, L7RuleUpdateBody } from '@lbaas/contract';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { L7RuleService } from '../../services/l7-rule.service.js';
import { l7RuleView } from '../mappers/views.js';
import { LIST_SPECS } from './list-specs.js';
import { created, listBody, listQuery, noContent, oneBody, path } from './route-kit.js';

type PolicyId = { policyId: string };
type Ids = { policyId: string; id: string };

/** /l7policies/{l7policy_id}/rules routes; the wrapper key is `rule` (spec §4.7). */
export function l7RuleRoutes(app: FastifyInstance, rules: L7RuleService): void {
  path(app, '/l7policies/:policyId/rules', {
    GET: {
      handler: async (request) => {
        const { policyId } = request.params as PolicyId;
        const query = listQuery(request, LIST_SPECS.rules);
        const rows = (await rules.list(request.auth, policyId)).map(l7RuleView);
        return listBody(request, rows, query, LIST_SPECS.rules);
      },
    },
    POST: {
      schema: { body: L7RuleCreateBody },
      handler: async (request, reply) => {
        const { policyId } = request.params as PolicyId;
        const body = request.body as Static<typeof L7RuleCreateBody>;
        return created(reply, 'rule', l7RuleView(await rules.create(request.auth, policyId, body.rule)));
      },
    },
  });
  path(app, '/l7policies/:policyId/rules/:id', {
    GET: {
      handler: async (request) => {
        const { policyId, id } = request.params as Ids;
        return oneBody(request, 'rule', l7RuleView(await rules.get(request.auth, policyId, id)));
      },
    },
    PUT: {
      schema: { body: L7RuleUpdateBody },
      handler: async (request) => {
        const { policyId, id } = request.params as Ids;
        const body = request.body as Static<typeof L7RuleUpdateBody>;
        return { rule: l7RuleView(await rules.update(request.auth, policyId, id, body.rule)) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { policyId, id } = request.params as Ids;
        await rules.delete(request.auth, policyId, id);
        return noContent(reply);
      },
    },
  });
}
