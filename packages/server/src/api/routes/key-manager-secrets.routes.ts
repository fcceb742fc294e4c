import { SecretCreateBody } from '@lbaas/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { keyManagerHref } from '../../services/key-manager-refs.js';
import type { SecretService } from '../../services/secret.service.js';
import { pageBody, pagingOf, secretView } from '../mappers/key-manager-views.js';
import type { PublicUrlOf } from '../public-url.js';

type Id = { id: string };

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  const s = (Array.isArray(v) ? v.join(',') : v)?.trim();
  return s === undefined || s === '' ? undefined : s;
}

/** Whether an Accept header asks for JSON metadata (Barbican's is_json_request_accept). */
function wantsJson(accept: string | undefined): boolean {
  if (accept === undefined) return true;
  const types = accept.split(',').map((t) => (t.split(';')[0] ?? '').trim().toLowerCase());
  return types.some((t) => t === 'application/json' || t === '*/*' || t === '');
}

/** /v1/secrets: store, list, metadata, payload (Accept-driven), payload upload, delete. */
export function keyManagerSecretRoutes(
  app: FastifyInstance,
  secrets: SecretService,
  publicUrl: PublicUrlOf,
): void {
  app.post('/v1/secrets', { schema: { body: SecretCreateBody } }, async (request, reply) => {
    const id = await secrets.create(request.auth, request.body as SecretCreateBody);
    const ref = keyManagerHref(publicUrl(request), 'secrets', id);
    return reply.status(201).header('location', ref).send({ secret_ref: ref });
  });
  app.get('/v1/secrets', async (request) => {
    const paging = pagingOf(request.query as Record<string, unknown>);
    const page = await secrets.list(request.auth, paging);
    const base = publicUrl(request);
    return pageBody(
      base,
      'secrets',
      page.items.map((s) => secretView(base, s)),
      page.total,
      paging,
    );
  });
  app.get('/v1/secrets/:id', async (request, reply) => {
    const { id } = request.params as Id;
    const accept = header(request, 'accept');
    if (wantsJson(accept)) return secretView(publicUrl(request), await secrets.get(request.auth, id));
    // Barbican's deprecated form: a non-JSON Accept on the secret itself returns the payload.
    const payload = await secrets.payload(request.auth, id, accept);
    return reply.header('content-type', payload.contentType).send(payload.bytes);
  });
  app.get('/v1/secrets/:id/payload', async (request, reply) => {
    const { id } = request.params as Id;
    const payload = await secrets.payload(request.auth, id, header(request, 'accept'));
    return reply.header('content-type', payload.contentType).send(payload.bytes);
  });
  app.put('/v1/secrets/:id', async (request, reply) => {
    const { id } = request.params as Id;
    const body = Buffer.isBuffer(request.body) ? request.body : undefined;
    await secrets.putPayload(request.auth, id, {
      contentType: header(request, 'content-type'),
      contentEncoding: header(request, 'content-encoding'),
      body: body ?? Buffer.alloc(0),
    });
    return reply.status(204).send();
  });
  app.delete('/v1/secrets/:id', async (request, reply) => {
    const { id } = request.params as Id;
    await secrets.remove(request.auth, id);
    return reply.status(204).send();
  });
}
