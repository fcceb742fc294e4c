/** What went wrong in the identity API, by kind; the identity routes map kinds to Keystone's status + title. */
export type IdentityErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict';

/** An identity (Keystone) error with Keystone's message text. */
export class IdentityError extends Error {
  override name = 'IdentityError';
  constructor(
    readonly kind: IdentityErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** Keystone's Unauthorized text (also keystonemiddleware's answer to a request without a valid token). */
export const UNAUTHORIZED_MESSAGE = 'The request you have made requires authentication.';

export const unauthorized = (): IdentityError => new IdentityError('unauthorized', UNAUTHORIZED_MESSAGE);

/** Keystone's ForbiddenAction for a policy name such as `identity:create_project`. */
export const forbiddenAction = (action: string): IdentityError =>
  new IdentityError(
    'forbidden',
    `You are not authorized to perform the requested action: identity:${action}.`,
  );

/** Keystone's <Kind>NotFound: `Could not find project: X.` */
export const notFound = (what: 'project' | 'user' | 'role' | 'domain', id: string): IdentityError =>
  new IdentityError('not_found', `Could not find ${what}: ${id}.`);

/** Keystone's Conflict for a duplicate name. */
export const duplicate = (what: 'project' | 'user' | 'role'): IdentityError =>
  new IdentityError('conflict', `Conflict occurred attempting to store ${what} - Duplicate entry.`);
