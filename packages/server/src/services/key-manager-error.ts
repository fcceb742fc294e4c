/** Error kinds of the key manager; the /key-manager routes render them in Barbican's body. */
export type KeyManagerErrorKind =
  | 'invalid'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'not_acceptable'
  | 'too_large'
  | 'unsupported_media_type';

/** An error whose message is Barbican's `description`. */
export class KeyManagerError extends Error {
  readonly kind: KeyManagerErrorKind;
  constructor(kind: KeyManagerErrorKind, description: string) {
    super(description);
    this.name = 'KeyManagerError';
    this.kind = kind;
  }
}

/** Barbican's jsonschema failure: `Provided object does not match schema '<schema>': <reason>`. */
export function schemaError(
  schema: 'Secret' | 'Container',
  reason: string,
  property?: string,
): KeyManagerError {
  const suffix = property === undefined ? '' : ` Invalid property: '${property}'`;
  return new KeyManagerError(
    'invalid',
    `Provided object does not match schema '${schema}': ${reason}${suffix}`,
  );
}

/** Barbican's policy refusal (`handle_exceptions`). */
export function notAllowed(operation: string): KeyManagerError {
  return new KeyManagerError(
    'forbidden',
    `${operation} attempt not allowed - please review your user/project privileges`,
  );
}

export const secretNotFound = (): KeyManagerError =>
  new KeyManagerError('not_found', 'Not Found. Sorry but your secret is in another castle.');
export const containerNotFound = (): KeyManagerError =>
  new KeyManagerError('not_found', 'Not Found. Sorry but your container is in another castle.');
