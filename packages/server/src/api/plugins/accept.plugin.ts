import type { FastifyInstance } from 'fastify';

const JSON_COMPATIBLE = new Set(['*/*', 'application/*', 'application/json']);

/**
 * JSON only (spec §1.2): an Accept header that parses but admits nothing JSON-compatible gets Octavia's
 * 406 body; a missing, empty or unparseable header is treated as JSON.
 */
export function registerAcceptCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (/^\/key-manager(?:[/?]|$)/.test(request.url)) return; // Barbican: payloads of any type
    const accept = request.headers.accept;
    if (!accept || accept.trim() === '') return;
    const types = accept.split(',').map((t) => (t.split(';')[0] ?? '').trim().toLowerCase());
    if (types.some((t) => !/^[\w.+*-]+\/[\w.+*-]+$/.test(t))) return;
    if (types.some((t) => JSON_COMPATIBLE.has(t))) return;
    return reply.status(406).send({
      code: 406,
      title: 'Not Acceptable',
      description: 'Only content type application/json is accepted.',
    });
  });
}
