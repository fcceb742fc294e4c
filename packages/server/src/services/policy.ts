import { policyForbidden } from '@lbaas/core';
import { canReadGlobal, hasMemberRole, hasReaderRole, isAdmin, type AuthContext } from './auth-context.js';

/**
 * Octavia's default RBAC (spec §6) reduced to the three rules the core API uses:
 * load-balancer:read, load-balancer:write and load-balancer:admin, each against the owning project.
 */
export type PolicyRule = 'read' | 'write' | 'admin';

/** Throws 403 unless the caller passes `rule` for an object owned by `ownerProjectId`. */
export function authorize(ctx: AuthContext, rule: PolicyRule, ownerProjectId: string): void {
  if (!allows(ctx, rule, ownerProjectId)) throw policyForbidden();
}

function allows(ctx: AuthContext, rule: PolicyRule, owner: string): boolean {
  if (isAdmin(ctx)) return true;
  const own = ctx.projectId === owner;
  switch (rule) {
    case 'read':
      return canReadGlobal(ctx) || (own && hasReaderRole(ctx));
    case 'write':
      return own && hasMemberRole(ctx);
    case 'admin':
      return false;
  }
}

/**
 * Project filter for a list (spec §6 "Project scoping of lists"): undefined = every project (global
 * readers without ?project_id=), otherwise the one project the caller may list.
 */
export function listScope(ctx: AuthContext, requestedProject: string | undefined): string | undefined {
  if (canReadGlobal(ctx)) return requestedProject;
  const project = requestedProject ?? ctx.projectId;
  authorize(ctx, 'read', project);
  return project;
}
