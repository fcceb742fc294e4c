import {
  AgentRegisterBody,
  AgentReportBody,
  AgentUpdateBody,
  MAX_ASSIGNMENT_WAIT_MS,
  type AgentConfigResponse,
  type AgentListResponse,
  type AgentRegisterResponse,
  type AgentShowResponse,
  type AssignmentsResponse,
} from '@lbaas/contract';
import { invalidInput } from '@lbaas/core';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AgentAdminService } from '../../services/agent-admin.service.js';
import type { AgentService } from '../../services/agent.service.js';
import { noContent, path, rawQuery } from './route-kit.js';

type AgentParams = { id: string };

/** An integer query parameter within [min, max], or `fallback` when absent. */
function intParam(value: unknown, name: string, fallback: number, min: number, max: number): number {
  const text = Array.isArray(value) ? (value[0] as unknown) : value;
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw invalidInput(name, text, `Value should be an integer between ${min} and ${max}`);
  }
  return n;
}

/**
 * The agent protocol under /agent/v1 (contract agent-protocol.schema.ts) and the operators' agent view and
 * switch (contract agent-admin.schema.ts); the services check admin.
 */
export function agentRoutes(app: FastifyInstance, agents: AgentService, admin: AgentAdminService): void {
  path(app, '/agents', {
    GET: {
      handler: async (request): Promise<AgentListResponse> => ({ agents: await admin.list(request.auth) }),
    },
    POST: {
      schema: { body: AgentRegisterBody },
      handler: async (request): Promise<AgentRegisterResponse> => {
        const body = request.body as Static<typeof AgentRegisterBody>;
        return { agent: await agents.register(request.auth, body.agent) };
      },
    },
  });
  path(app, '/agents/:id', {
    GET: {
      handler: async (request): Promise<AgentShowResponse> => {
        const { id } = request.params as AgentParams;
        return { agent: await admin.get(request.auth, id) };
      },
    },
    PUT: {
      schema: { body: AgentUpdateBody },
      handler: async (request): Promise<AgentShowResponse> => {
        const { id } = request.params as AgentParams;
        const body = request.body as AgentUpdateBody;
        return { agent: await admin.setAdminState(request.auth, id, body.agent.admin_state_up) };
      },
    },
  });
  path(app, '/agents/:id/assignments', {
    GET: {
      handler: async (request, reply): Promise<AssignmentsResponse> => {
        const { id } = request.params as AgentParams;
        const query = rawQuery(request);
        const after = intParam(query['after'], 'after', -1, -1, Number.MAX_SAFE_INTEGER);
        const waitMs = intParam(query['wait_ms'], 'wait_ms', 0, 0, MAX_ASSIGNMENT_WAIT_MS);
        // A client that hangs up ends its long-poll instead of holding a waiter for up to 30 s.
        const gone = new AbortController();
        reply.raw.once('close', () => gone.abort());
        return agents.assignments(request.auth, id, after, waitMs, gone.signal);
      },
    },
  });
  path(app, '/agents/:id/load-balancers/:lb_id/config', {
    GET: {
      handler: async (request): Promise<AgentConfigResponse> => {
        const { id, lb_id } = request.params as AgentParams & { lb_id: string };
        return { config: await agents.config(request.auth, id, lb_id) };
      },
    },
  });
  path(app, '/agents/:id/reports', {
    POST: {
      schema: { body: AgentReportBody },
      handler: async (request, reply) => {
        const { id } = request.params as AgentParams;
        const body = request.body as Static<typeof AgentReportBody>;
        await agents.report(request.auth, id, body.report);
        return noContent(reply);
      },
    },
  });
}
