/**
 * Stable error kinds of the domain. The API's single error handler maps each kind to an HTTP status;
 * nothing below the API layer knows about HTTP.
 */
export type DomainErrorKind =
  /** Malformed or invalid input (400). */
  | 'invalid'
  /** Caller may not do this (403). */
  | 'forbidden'
  /** The addressed object does not exist (404). */
  | 'not_found'
  /** Method not allowed on this path (405). */
  | 'method_not_allowed'
  /** State conflict: immutable, duplicate, in use (409). */
  | 'conflict'
  /** Body media type not supported (415). */
  | 'unsupported_media_type'
  /** Feature not implemented by this deployment (501). */
  | 'not_implemented'
  /** Temporarily unable (503). */
  | 'unavailable';

/** An error whose message is the exact text clients see as `faultstring`. */
export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  constructor(kind: DomainErrorKind, message: string) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
  }
}

/** 400 with Octavia's `Validation failure: <detail>` wording. */
export function validationFailure(detail: string): DomainError {
  return new DomainError('invalid', `Validation failure: ${detail}`);
}

/** 400 with WSME's `Invalid input for field/attribute <f>. Value: '<v>'. <reason>` wording. */
export function invalidInput(field: string, value: unknown, reason: string): DomainError {
  return new DomainError(
    'invalid',
    `Invalid input for field/attribute ${field}. Value: '${renderValue(value)}'. ${reason}`,
  );
}

/** 404 `<Resource Name> <id> not found.` */
export function notFound(resource: string, id: string): DomainError {
  return new DomainError('not_found', `${resource} ${id} not found.`);
}

/** 409 `<Resource> <id> is immutable and cannot be updated.` */
export function immutable(resource: string, id: string): DomainError {
  return new DomainError('conflict', `${resource} ${id} is immutable and cannot be updated.`);
}

/** 403 for RBAC refusals. */
export function policyForbidden(): DomainError {
  return new DomainError('forbidden', 'Policy does not allow this request to be performed.');
}

/** 501 for features this deployment does not implement (yet). */
export function notImplemented(what: string): DomainError {
  return new DomainError('not_implemented', `${what} is not implemented by this deployment.`);
}

/** Renders a value the way WSME echoes it (Python repr-ish: None, True/False, plain strings). */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
