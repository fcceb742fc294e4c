/** Who is calling: the project the request is scoped to and the caller's roles. */
export interface AuthContext {
  projectId: string;
  roles: readonly string[];
  /** The Keystone user behind the token (absent under noauth). */
  userId?: string;
}

/** Keystone implied roles: admin ⊃ member ⊃ reader, plus Octavia's deprecated advanced-RBAC role names. */
const ADMIN_ROLES = new Set(['admin', 'load-balancer_admin']);
const MEMBER_ROLES = new Set(['member', 'load-balancer_member', ...ADMIN_ROLES]);
const READER_ROLES = new Set(['reader', 'load-balancer_observer', ...MEMBER_ROLES]);
const GLOBAL_READER_ROLES = new Set(['load-balancer_global_observer', ...ADMIN_ROLES]);

/** True when the caller holds an admin role. */
export function isAdmin(ctx: AuthContext): boolean {
  return ctx.roles.some((r) => ADMIN_ROLES.has(r));
}
/** True when the caller may read every project's objects (admin or global observer). */
export function canReadGlobal(ctx: AuthContext): boolean {
  return ctx.roles.some((r) => GLOBAL_READER_ROLES.has(r));
}
/** True when the caller may write objects of its own project. */
export function hasMemberRole(ctx: AuthContext): boolean {
  return ctx.roles.some((r) => MEMBER_ROLES.has(r));
}
/** True when the caller may read objects of its own project. */
export function hasReaderRole(ctx: AuthContext): boolean {
  return ctx.roles.some((r) => READER_ROLES.has(r));
}
