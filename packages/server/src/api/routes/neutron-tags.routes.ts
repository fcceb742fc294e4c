import { TagsBody } from '@lbaas/contract';
import type { FastifyInstance } from 'fastify';
import type { AuthContext } from '../../services/auth-context.js';
import { NeutronError, neutronErrors } from '../../services/neutron-error.js';
import { noContent, path } from './route-kit.js';

/** What the tag API needs of one resource's service. */
export interface TaggedService {
  tags(ctx: AuthContext, id: string): Promise<string[]>;
  changeTags(ctx: AuthContext, id: string, change: (tags: string[]) => string[]): Promise<string[]>;
}

type Params = { id: string; tag?: string };

function checkTag(tag: string): string {
  if (tag.length === 0 || tag.length > 255) {
    throw new NeutronError(
      'invalid',
      'HTTPBadRequest',
      `Invalid input for tag. Reason: '${tag}' is not a valid tag.`,
    );
  }
  return tag;
}

/**
 * Neutron's tag API (extension standard-attr-tag) on one collection: GET/PUT/DELETE `…/{id}/tags` and
 * GET/PUT/DELETE `…/{id}/tags/{tag}`. `resource` is the singular name used in TagNotFound messages.
 */
export function tagRoutes(
  app: FastifyInstance,
  collection: string,
  resource: string,
  service: TaggedService,
): void {
  path(app, `/${collection}/:id/tags`, {
    GET: {
      handler: async (request) => {
        const { id } = request.params as Params;
        return { tags: await service.tags(request.auth, id) };
      },
    },
    PUT: {
      schema: { body: TagsBody },
      handler: async (request) => {
        const { id } = request.params as Params;
        const body = request.body as TagsBody;
        body.tags.forEach(checkTag);
        return { tags: await service.changeTags(request.auth, id, () => body.tags) };
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { id } = request.params as Params;
        await service.changeTags(request.auth, id, () => []);
        return noContent(reply);
      },
    },
  });
  path(app, `/${collection}/:id/tags/:tag`, {
    GET: {
      handler: async (request, reply) => {
        const { id, tag = '' } = request.params as Params;
        if (!(await service.tags(request.auth, id)).includes(tag))
          throw neutronErrors.tagNotFound(tag, resource, id);
        return noContent(reply);
      },
    },
    PUT: {
      handler: async (request, reply) => {
        const { id, tag = '' } = request.params as Params;
        checkTag(tag);
        await service.changeTags(request.auth, id, (tags) => [...tags, tag]);
        return reply.status(201).send();
      },
    },
    DELETE: {
      handler: async (request, reply) => {
        const { id, tag = '' } = request.params as Params;
        if (!(await service.tags(request.auth, id)).includes(tag))
          throw neutronErrors.tagNotFound(tag, resource, id);
        await service.changeTags(request.auth, id, (tags) => tags.filter((t) => t !== tag));
        return noContent(reply);
      },
    },
  });
}
