import { HealthMonitorCreateBody, HealthMonitorUpdateBody } from '@lbaas/contract';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { HealthMonitorService } from '../../services/health-monitor.service.js';
import { healthMonitorView } from '../mappers/views.js';
import { LIST_SPECS } from './list-specs.js';
import { created, listBody, listQuery, noContent, oneBody, path } from './route-kit.js';

type Id = { id: string };

/** /healthmonitors routes (spec §4.5). */
export function healthMonitorRoutes(app: FastifyInstance, hms: HealthMonitorService): void {
  path(app, '/healthmonitors', {
    GET: {
      handler: async (request) => {
        const query = listQuery(request, LIST_SPECS.healthmonitors);
        const rows = (await hms.list(request.auth, query.projectId)).map((h) => ({
          ...healthMonitorView(h),
          pool_id: h.pool_id,
        }));
        return listBody(request, rows, query, LIST_SPECS.healthmonitors, ['pool_id']);
      },
    },
    POST: {
      schema: { body: HealthMonitorCreateBody },
      handler: async (request, reply) => {
        const body = request.body as Static<typeof HealthMonitorCreateBody>;
        return created(
          reply,
          'healthmonitor',
          healthMonitorView(await hms.create(request.auth, body.healthmonitor)),
        );
      },
    },
  });
  path(app, '/healthmonitors/:id', {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Id;
        return oneBody(request, 'healthmonitor', healthMonitorView(await hms.get(request.auth, id)));
      },
    },
    PUT: {
      schema: { body: HealthMonitorUpdateBody },
      handler: async (request) => {
        const { id } = request.params as Id;
        const body = request.body as Static<typeof HealthMonitorUpdateBody>;
        return { healthmonitor: healthMonitorView(await hms.update(request.auth, id, body.healthmonitor)) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { id } = request.params as Id;
        await hms.delete(request.auth, id);
        return noContent(reply);
      },
    },
  });
}
