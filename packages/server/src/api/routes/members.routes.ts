import { MemberCreateBody, MembersBatchBody, MemberUpdateBody } from '@lbaas/contract';
import { boolFromString } from '@lbaas/core';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { MemberService } from '../../services/member.service.js';
import { memberView } from '../mappers/views.js';
import { LIST_SPECS } from './list-specs.js';
import { created, listBody, listQuery, noContent, oneBody, path, rawQuery } from './route-kit.js';

type PoolId = { poolId: string };
type Ids = { poolId: string; id: string };

/** /pools/{pool_id}/members routes incl. the batch PUT (spec §4.4). */
export function memberRoutes(app: FastifyInstance, members: MemberService): void {
  path(app, '/pools/:poolId/members', {
    GET: {
      handler: async (request) => {
        const { poolId } = request.params as PoolId;
        const query = listQuery(request, LIST_SPECS.members);
        const rows = (await members.list(request.auth, poolId)).map(memberView);
        return listBody(request, rows, query, LIST_SPECS.members);
      },
    },
    POST: {
      schema: { body: MemberCreateBody },
      handler: async (request, reply) => {
        const { poolId } = request.params as PoolId;
        const body = request.body as Static<typeof MemberCreateBody>;
        return created(reply, 'member', memberView(await members.create(request.auth, poolId, body.member)));
      },
    },
    PUT: {
      schema: { body: MembersBatchBody },
      handler: async (request, reply) => {
        const { poolId } = request.params as PoolId;
        const body = request.body as Static<typeof MembersBatchBody>;
        const raw = rawQuery(request).additive_only;
        const additive = boolFromString(String(Array.isArray(raw) ? raw[0] : (raw ?? 'false'))) ?? false;
        await members.batchUpdate(request.auth, poolId, body.members, additive);
        return reply.status(202).send();
      },
    },
  });
  path(app, '/pools/:poolId/members/:id', {
    GET: {
      handler: async (request) => {
        const { poolId, id } = request.params as Ids;
        return oneBody(request, 'member', memberView(await members.get(request.auth, poolId, id)));
      },
    },
    PUT: {
      schema: { body: MemberUpdateBody },
      handler: async (request) => {
        const { poolId, id } = request.params as Ids;
        const body = request.body as Static<typeof MemberUpdateBody>;
        return { member: memberView(await members.update(request.auth, poolId, id, body.member)) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { poolId, id } = request.params as Ids;
        await members.delete(request.auth, poolId, id);
        return noContent(reply);
      },
    },
  });
}
