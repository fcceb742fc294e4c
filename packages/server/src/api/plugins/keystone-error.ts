import { DomainError } from '@lbaas/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { IdentityError, type IdentityErrorKind } from '../../identity/identity-error.js';

const STATUS: Record<IdentityErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
};

/** Keystone's error body: `{"error": {"code", "title", "message"}}`. */
export function keystoneErrorBody(
  code: number,
  message: string,
): { error: { code: number; title: string; message: string } } {
  return { error: { code, title: TITLES[code] ?? 'Error', message } };
}

/** Keystone's (and keystonemiddleware's) answer to a request without a valid token. */
export const UNAUTHORIZED_BODY = keystoneErrorBody(401, 'The request you have made requires authentication.');

/** Error and not-found handlers of the /identity scope: Keystone's body instead of Octavia's fault. */
export function registerKeystoneErrors(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof IdentityError) {
      const status = STATUS[error.kind];
      return reply.status(status).send(keystoneErrorBody(status, error.message));
    }
    if (error instanceof DomainError) {
      const status = error.kind === 'method_not_allowed' ? 405 : 400;
      return reply.status(status).send(keystoneErrorBody(status, error.message));
    }
    const fe = error as FastifyError;
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Parse errors and the like: Keystone's generic ValidationError wording, never the input echoed.
      const message =
        fe.statusCode === 400
          ? 'Expecting to find valid JSON in request body. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.'
          : error.message;
      return reply.status(fe.statusCode).send(keystoneErrorBody(fe.statusCode, message));
    }
    request.log.error({ err: error }, 'unhandled identity error');
    return reply
      .status(500)
      .send(keystoneErrorBody(500, 'An unexpected error prevented the server from fulfilling your request.'));
  });
  scope.setNotFoundHandler((request, reply) =>
    reply.status(404).send(keystoneErrorBody(404, 'The resource could not be found.')),
  );
}
