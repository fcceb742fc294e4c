import { ContainerCreateBody } from '@lbaas/contract';
import type { FastifyInstance } from 'fastify';
import { keyManagerHref } from '../../services/key-manager-refs.js';
import type { SecretContainerService } from '../../services/secret-container.service.js';
import { containerView, pageBody, pagingOf } from '../mappers/key-manager-views.js';
import type { PublicUrlOf } from '../public-url.js';

type Id = { id: string };

/** /v1/containers: create (refs validated), list, get, delete. */
export function keyManagerContainerRoutes(
  app: FastifyInstance,
  containers: SecretContainerService,
  publicUrl: PublicUrlOf,
): void {
  app.post('/v1/containers', { schema: { body: ContainerCreateBody } }, async (request, reply) => {
    const id = await containers.create(request.auth, request.body as ContainerCreateBody);
    const ref = keyManagerHref(publicUrl(request), 'containers', id);
    return reply.status(201).header('location', ref).send({ container_ref: ref });
  });
  app.get('/v1/containers', async (request) => {
    const paging = pagingOf(request.query as Record<string, unknown>);
    const page = await containers.list(request.auth, paging);
    const base = publicUrl(request);
    return pageBody(
      base,
      'containers',
      page.items.map((c) => containerView(base, c)),
      page.total,
      paging,
    );
  });
  app.get('/v1/containers/:id', async (request) => {
    const { id } = request.params as Id;
    return containerView(publicUrl(request), await containers.get(request.auth, id));
  });
  app.delete('/v1/containers/:id', async (request, reply) => {
    const { id } = request.params as Id;
    await containers.remove(request.auth, id);
    return reply.status(204).send();
  });
}
