import {
  applyListQuery,
  DomainError,
  parseListQuery,
  selectFields,
  type ListQuery,
  type ListSpec,
} from '@lbaas/core';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteHandlerMethod,
  RouteShorthandOptions,
} from 'fastify';
import type { WireObject } from '../mappers/views.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const ALL_METHODS: readonly (Method | 'PATCH')[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

/** One handler of a path, with its optional body schema. */
export interface MethodRoute {
  schema?: RouteShorthandOptions['schema'];
  handler: RouteHandlerMethod;
}

/**
 * Registers the handlers of one path and answers every other method with a 405 fault, so a wrong method is
 * told apart from an unknown path (404).
 */
export function path(app: FastifyInstance, url: string, methods: Partial<Record<Method, MethodRoute>>): void {
  for (const method of ALL_METHODS) {
    const route = method === 'PATCH' ? undefined : methods[method];
    if (route) {
      app.route({ method, url, handler: route.handler, ...(route.schema ? { schema: route.schema } : {}) });
    } else {
      app.route({
        method,
        url,
        handler: async () => {
          throw new DomainError(
            'method_not_allowed',
            `The method ${method} is not allowed for this resource.`,
          );
        },
      });
    }
  }
}

/** Query string as Fastify parsed it (repeated keys become arrays). */
export function rawQuery(request: FastifyRequest): Record<string, string | string[] | undefined> {
  return (request.query ?? {}) as Record<string, string | string[] | undefined>;
}

/** Path of the request without its query string (base of pagination links). */
export function requestPath(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

/** Parses a list query against a resource's list spec (400s on bad filters, sort keys, limits). */
export function listQuery(request: FastifyRequest, spec: ListSpec): ListQuery {
  return parseListQuery(rawQuery(request), spec);
}

/**
 * Builds an Octavia list body: filters/sorts/pages `rows` (wire objects, possibly carrying extra
 * filter-only keys named in `hidden`), then strips those keys and applies `fields=`.
 */
export function listBody(
  request: FastifyRequest,
  rows: readonly WireObject[],
  query: ListQuery,
  spec: ListSpec,
  hidden: readonly string[] = [],
): WireObject {
  const { items, links } = applyListQuery(rows, query, spec, requestPath(request));
  return {
    [spec.collection]: items.map((row) => selectFields(strip(row, hidden), query.fields)),
    [`${spec.collection}_links`]: links,
  };
}

/** Applies `fields=` on a single-object GET. */
export function oneBody(request: FastifyRequest, key: string, view: WireObject): WireObject {
  const fields = rawQuery(request).fields;
  const list = fields === undefined ? undefined : Array.isArray(fields) ? fields : [fields];
  return {
    [key]: selectFields(
      view,
      list?.flatMap((f) => f.split(',')),
    ),
  };
}

/** Sends 201 with a wrapped body. */
export function created(reply: FastifyReply, key: string, view: WireObject): FastifyReply {
  return reply.status(201).send({ [key]: view });
}

/** Sends 204 with no body. */
export function noContent(reply: FastifyReply): FastifyReply {
  return reply.status(204).send();
}

function strip(row: WireObject, hidden: readonly string[]): WireObject {
  if (hidden.length === 0) return row;
  const out = { ...row };
  for (const k of hidden) delete out[k];
  return out;
}
