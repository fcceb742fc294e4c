import { compileNeutronValidator } from '@lbaas/contract';
import { DomainError, type DomainErrorKind } from '@lbaas/core';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance } from 'fastify';
import { NeutronError } from '../../services/neutron-error.js';
import { STATUS_OF_KIND } from './fault.js';

/** Neutron's fault body. */
export interface NeutronFaultBody {
  NeutronError: { type: string; message: string; detail: string };
}

/** Builds `{"NeutronError": {"type", "message", "detail": ""}}`. */
export function neutronFaultBody(type: string, message: string): NeutronFaultBody {
  return { NeutronError: { type, message, detail: '' } };
}

/** The webob exception name Neutron reports for errors that carry no Neutron exception type. */
const TYPE_OF_KIND: Record<DomainErrorKind, string> = {
  invalid: 'HTTPBadRequest',
  forbidden: 'PolicyNotAuthorized',
  not_found: 'HTTPNotFound',
  method_not_allowed: 'HTTPMethodNotAllowed',
  conflict: 'Conflict',
  unsupported_media_type: 'HTTPUnsupportedMediaType',
  not_implemented: 'HTTPNotImplemented',
  unavailable: 'ServiceUnavailable',
};

/**
 * Makes a route scope speak Neutron: request bodies are checked by the Neutron validator, and every error
 * of the scope — domain errors, validation, unparsable JSON, a crash — becomes a NeutronError body.
 * `notFound` also answers unknown paths under the scope's prefix (only where the prefix is Neutron's alone).
 */
export function registerNeutronFaults(scope: FastifyInstance, opts: { notFound: boolean }): void {
  scope.setValidatorCompiler(({ schema }) => {
    const validate = compileNeutronValidator(schema as TSchema);
    return (data: unknown) => {
      const r = validate(data);
      return r.ok ? { value: r.value } : { error: new NeutronError('invalid', 'HTTPBadRequest', r.message) };
    };
  });
  scope.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    if (error instanceof DomainError) {
      const status = STATUS_OF_KIND[error.kind];
      const type = error instanceof NeutronError ? error.type : TYPE_OF_KIND[error.kind];
      return reply.status(status).send(neutronFaultBody(type, error.message));
    }
    const fe = error as FastifyError;
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply
          .status(400)
          .send(neutronFaultBody('MalformedRequestBody', 'Malformed request body: Cannot understand JSON.'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply
          .status(415)
          .send(neutronFaultBody('HTTPUnsupportedMediaType', 'The request media type is not supported.'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send(neutronFaultBody('HTTPRequestEntityTooLarge', 'Request is too large.'));
    }
    if (error instanceof SyntaxError && fe.statusCode === 400) {
      return reply
        .status(400)
        .send(neutronFaultBody('MalformedRequestBody', 'Malformed request body: Cannot understand JSON.'));
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send(neutronFaultBody('HTTPBadRequest', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send(
        neutronFaultBody(
          'HTTPInternalServerError',
          'Request Failed: internal server error while processing your request.',
        ),
      );
  });
  if (opts.notFound) {
    scope.setNotFoundHandler((_request, reply) =>
      reply.status(404).send(neutronFaultBody('HTTPNotFound', 'The resource could not be found.')),
    );
  }
}
