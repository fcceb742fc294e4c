import { DomainError } from '@lbaas/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { faultBody, STATUS_OF_KIND } from './fault.js';

/**
 * The one place errors become HTTP responses: DomainErrors by kind, Fastify's own parse errors with the
 * texts WSME uses, anything else as a logged 500 — always Octavia's fault body, never a bare 500 page.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    if (error instanceof DomainError) {
      const status = STATUS_OF_KIND[error.kind];
      return reply.status(status).send(faultBody(status, error.message));
    }
    const fe = error as FastifyError;
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send(faultBody(400, 'Request is not in valid JSON format'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply
          .status(415)
          .send(faultBody(415, `Unknown mimetype: ${request.headers['content-type'] ?? ''}`));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send(faultBody(413, 'Request is too large.'));
    }
    if (error instanceof SyntaxError && fe.statusCode === 400) {
      return reply.status(400).send(faultBody(400, 'Request is not in valid JSON format'));
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send(faultBody(fe.statusCode, error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(faultBody(500, 'An internal error occurred.'));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    return reply.status(404).send(faultBody(404, `The resource could not be found: ${path}`));
  });
}
