import { DomainError } from '@lbaas/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { KeyManagerError, type KeyManagerErrorKind } from '../../services/key-manager-error.js';
import { STATUS_OF_KIND } from './fault.js';

const STATUS: Record<KeyManagerErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  not_acceptable: 406,
  too_large: 413,
  unsupported_media_type: 415,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** Barbican's error body: `{"code", "title", "description"}`. */
export function barbicanErrorBody(
  code: number,
  description: string,
): { code: number; title: string; description: string } {
  return { code, title: TITLES[code] ?? 'Error', description };
}

/** Error and not-found handlers of the /key-manager scope: Barbican's body instead of Octavia's fault. */
export function registerKeyManagerErrors(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof KeyManagerError) {
      const status = STATUS[error.kind];
      return reply.status(status).send(barbicanErrorBody(status, error.message));
    }
    if (error instanceof DomainError) {
      const status = STATUS_OF_KIND[error.kind];
      return reply.status(status).send(barbicanErrorBody(status, error.message));
    }
    const fe = error as FastifyError;
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send(barbicanErrorBody(400, 'Malformed JSON'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply
          .status(415)
          .send(
            barbicanErrorBody(
              415,
              `Unexpected content type. Expected content types are: ['application/json']`,
            ),
          );
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply
          .status(413)
          .send(
            barbicanErrorBody(413, 'Could not process request: Provided information too large to process'),
          );
    }
    if (error instanceof SyntaxError && fe.statusCode === 400) {
      return reply.status(400).send(barbicanErrorBody(400, 'Malformed JSON'));
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply
        .status(fe.statusCode)
        .send(barbicanErrorBody(fe.statusCode, 'The request could not be processed.'));
    }
    request.log.error({ err: error }, 'unhandled key-manager error');
    return reply.status(500).send(barbicanErrorBody(500, 'An internal error occurred.'));
  });
  scope.setNotFoundHandler((_request, reply) =>
    reply.status(404).send(barbicanErrorBody(404, 'The resource could not be found.')),
  );
}
