import { QuotaUpdateBody } from '@lbaas/contract';
import { DomainError } from '@lbaas/core';
import type { FastifyInstance } from 'fastify';
import type { QuotaService } from '../../services/quota.service.js';
import { quotaView } from '../mappers/quota-views.js';
import { path, rawQuery } from './route-kit.js';

type Project = { Params: { projectId: string } };

function queryProject(value: string | string[] | undefined): string | undefined {
  // A repeated parameter: the last one wins, like WebOb's MultiDict.get.
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/**
 * /quotas routes (spec §4.8). `GET /quotas/defaults` is no route of its own: as in Octavia it is the quota
 * of a project named "defaults".
 */
export function quotaRoutes(app: FastifyInstance, quotas: QuotaService): void {
  path(app, '/quotas', {
    GET: {
      handler: async (request) => {
        const records = await quotas.list(request.auth, queryProject(rawQuery(request).project_id));
        return { quotas: records.map((r) => quotaView(r.project_id, r)), quotas_links: [] };
      },
    },
  });
  path(app, '/quotas/:projectId', {
    GET: {
      handler: async (request) => {
        const { projectId } = request.params as Project['Params'];
        const q = await quotas.get(request.auth, projectId);
        return { quota: quotaView(q.projectId, q.values) };
      },
    },
    PUT: {
      schema: { body: QuotaUpdateBody },
      handler: async (request, reply) => {
        const { projectId } = request.params as Project['Params'];
        const body = request.body as QuotaUpdateBody;
        const q = await quotas.update(request.auth, projectId, body.quota);
        return reply.status(202).send({ quota: quotaView(q.projectId, q.values) });
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { projectId } = request.params as Project['Params'];
        await quotas.reset(request.auth, projectId);
        return reply.status(202).send();
      },
    },
  });
  path(app, '/quotas/:projectId/default', {
    GET: {
      handler: async (request) => {
        const { projectId } = request.params as Project['Params'];
        const q = quotas.getDefaults(request.auth, projectId);
        return { quota: quotaView(q.projectId, q.values) };
      },
    },
  });
}

/**
 * `GET <octavia endpoint>/projects[/{name}]`: with `auth_type none` the openstack CLI looks projects up
 * there (e.g. `loadbalancer quota set … <project>`). There is no identity API under this endpoint; a 403
 * makes the CLI use the given name as the project id (osc's fallback for callers who may not read
 * projects), which is what a noauth project id is.
 */
export function projectLookupRoutes(app: FastifyInstance): void {
  for (const url of ['/projects', '/projects/*']) {
    app.all(url, async () => {
      throw new DomainError(
        'forbidden',
        'Project lookups need the identity API (/identity/v3); use the project id as it is.',
      );
    });
  }
}
