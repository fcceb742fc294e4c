import type { FloatingIpRecord, NetworkRecord, PortRecord, SubnetRecord } from '@lbaas/core';
import { canReadGlobal, hasMemberRole, hasReaderRole, isAdmin, type AuthContext } from './auth-context.js';
import { NeutronError, neutronErrors } from './neutron-error.js';

/**
 * Neutron's default policy reduced like services/policy.ts: read own project (reader), write own project
 * (member), admin everything, global readers read everything. Another project's private object is hidden
 * (404, never 403); shared and external networks are visible to everyone, and subnets of shared networks.
 */

/** The caller reads objects of `owner` (own project with a reader role, or a global reader). */
export function ownsForRead(ctx: AuthContext, owner: string): boolean {
  return canReadGlobal(ctx) || (ctx.projectId === owner && hasReaderRole(ctx));
}

export function networkVisible(ctx: AuthContext, n: NetworkRecord): boolean {
  return ownsForRead(ctx, n.project_id) || n.shared || n.external;
}

export function subnetVisible(ctx: AuthContext, s: SubnetRecord, n: NetworkRecord | undefined): boolean {
  return ownsForRead(ctx, s.project_id) || n?.shared === true;
}

export function portVisible(ctx: AuthContext, p: PortRecord): boolean {
  return ownsForRead(ctx, p.project_id);
}

export function floatingIpVisible(ctx: AuthContext, f: FloatingIpRecord): boolean {
  return ownsForRead(ctx, f.project_id);
}

/** 403 PolicyNotAuthorized unless the caller may change objects of `owner` (admin, or a member of it). */
export function authorizeWrite(ctx: AuthContext, owner: string, action: string): void {
  if (isAdmin(ctx)) return;
  if (ctx.projectId === owner && hasMemberRole(ctx)) return;
  throw neutronErrors.policy(action);
}

/** 403 unless admin (attributes such as `shared` and `router:external`). */
export function authorizeAdmin(ctx: AuthContext, action: string): void {
  if (!isAdmin(ctx)) throw neutronErrors.policy(action);
}

/** The project a create runs for: the body's project_id/tenant_id (admin only, like Neutron) or the caller's. */
export function createProject(
  ctx: AuthContext,
  body: { project_id?: string | undefined; tenant_id?: string | undefined },
): string {
  const requested = body.project_id ?? body.tenant_id;
  if (body.project_id !== undefined && body.tenant_id !== undefined && body.project_id !== body.tenant_id) {
    throw neutronErrors.invalidInput('project_id and tenant_id do not match');
  }
  if (requested === undefined || requested === ctx.projectId) return ctx.projectId;
  if (!isAdmin(ctx)) {
    throw new NeutronError(
      'invalid',
      'HTTPBadRequest',
      "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin privileges",
    );
  }
  return requested;
}

/** Revision bump + updated_at stamp of a changed Neutron object. */
export function revised<T extends { revision_number?: number; updated_at: string | null }>(
  record: T,
  now: string,
): T {
  return { ...record, revision_number: (record.revision_number ?? 0) + 1, updated_at: now };
}
