import { hasMemberRole, hasReaderRole, isAdmin, type AuthContext } from './auth-context.js';
import { notAllowed } from './key-manager-error.js';

/**
 * Barbican's default policy reduced to this project's roles: a project's readers see its secrets' and
 * containers' metadata, its members also create, delete and decrypt; admin may do all of it on any
 * project's objects. Another project's object is a 403 (after the lookup's 404), as in Barbican.
 */
export type KeyManagerRule = 'read' | 'write';

export function authorizeKeyManager(
  ctx: AuthContext,
  rule: KeyManagerRule,
  ownerProjectId: string,
  operation: string,
): void {
  if (isAdmin(ctx)) return;
  const own = ctx.projectId === ownerProjectId;
  const allowed = own && (rule === 'read' ? hasReaderRole(ctx) : hasMemberRole(ctx));
  if (!allowed) throw notAllowed(operation);
}
