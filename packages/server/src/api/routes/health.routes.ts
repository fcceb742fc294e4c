import type { FastifyInstance } from 'fastify';

/** Reports whether the process can serve: the store answers, the reconciler runs. */
export type HealthCheck = () => Promise<{ ok: boolean; details: Record<string, unknown> }>;

/** `GET /healthz`: 200 with details when healthy, 503 otherwise. */
export function healthRoutes(app: FastifyInstance, check: HealthCheck): void {
  app.get('/healthz', async (_request, reply) => {
    const result = await check().catch((err: unknown) => ({
      ok: false,
      details: { error: err instanceof Error ? err.message : String(err) },
    }));
    return reply
      .status(result.ok ? 200 : 503)
      .send({ status: result.ok ? 'ok' : 'unavailable', ...result.details });
  });
}
