import {
  applyQuotaPatch,
  checkQuota,
  effectiveQuotas,
  emptyQuotaRecord,
  normalizeQuotaInput,
  notFound,
  policyForbidden,
  type QuotaInput,
  type QuotaLimits,
  type QuotaRecord,
  type QuotaResource,
} from '@lbaas/core';
import { canReadGlobal, hasReaderRole, isAdmin, type AuthContext } from './auth-context.js';
import type { StoreTx } from './ports.js';
import type { ServiceDeps } from './service-deps.js';

/** A project's quota as the API shows it: values (nulls only in stored records) and the project. */
export interface QuotaValues {
  projectId: string;
  values: QuotaRecord | QuotaLimits;
}

/** Octavia's load-balancer:quota-admin (new default `admin`, deprecated `load-balancer_quota_admin`). */
function isQuotaAdmin(ctx: AuthContext): boolean {
  return isAdmin(ctx) || ctx.roles.includes('load-balancer_quota_admin');
}

/** The quota policies of spec §6: read-quota, read-quota-global, write-quota. */
type QuotaRule = 'read-quota' | 'read-quota-global' | 'write-quota';

function allowsQuota(ctx: AuthContext, rule: QuotaRule, project: string): boolean {
  switch (rule) {
    case 'read-quota':
      return (ctx.projectId === project && hasReaderRole(ctx)) || canReadGlobal(ctx) || isQuotaAdmin(ctx);
    case 'read-quota-global':
      return canReadGlobal(ctx) || isQuotaAdmin(ctx);
    case 'write-quota':
      return isQuotaAdmin(ctx);
  }
}

function authorizeQuota(ctx: AuthContext, rule: QuotaRule, project: string): void {
  if (!allowsQuota(ctx, rule, project)) throw policyForbidden();
}

/**
 * The quota check of a create, inside the create's write transaction: locks (and on first use creates) the
 * project's quota record, counts what the project has, and throws 403 `Quota has been met for resources:
 * <Name>` when `requested` would exceed a limit. Concurrent creates of one project serialise on the lock,
 * so their checks and inserts cannot interleave.
 */
export async function enforceQuota(
  tx: StoreTx,
  defaults: QuotaLimits,
  projectId: string,
  requested: readonly (readonly [QuotaResource, number])[],
): Promise<void> {
  const record = await tx.quotas.lock(projectId);
  const limits = effectiveQuotas(record, defaults);
  const counted = requested.filter(([r, n]) => n > 0 && limits[r] !== -1).map(([r]) => r);
  if (counted.length === 0) return;
  checkQuota(limits, await tx.quotas.usage(projectId, counted), requested);
}

/** Use cases of /quotas (spec §4.8). */
export class QuotaService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Stored records (never-set limits null): every project for global readers, else the caller's own. */
  list(ctx: AuthContext, requestedProject: string | undefined): Promise<QuotaRecord[]> {
    let project = requestedProject;
    if (!allowsQuota(ctx, 'read-quota-global', ctx.projectId)) {
      project = requestedProject ?? ctx.projectId;
      authorizeQuota(ctx, 'read-quota', project);
    }
    return this.deps.store.read((tx) => tx.quotas.list(project));
  }

  private defaults(): QuotaLimits {
    return this.deps.settings.quotaDefaults;
  }

  /** The limits in force for a project (its record's nulls, or no record, give the defaults). */
  async get(ctx: AuthContext, projectId: string): Promise<QuotaValues> {
    authorizeQuota(ctx, 'read-quota', projectId);
    const record = await this.deps.store.read((tx) => tx.quotas.get(projectId));
    return { projectId, values: effectiveQuotas(record, this.defaults()) };
  }

  /** The deployment defaults, shown for a project (policy get_defaults = read-quota). */
  getDefaults(ctx: AuthContext, projectId: string): QuotaValues {
    authorizeQuota(ctx, 'read-quota', projectId);
    return { projectId, values: this.defaults() };
  }

  /** PUT: changes the limits named in the body (null = back to the default); answers the effective quota. */
  async update(ctx: AuthContext, projectId: string, input: QuotaInput): Promise<QuotaValues> {
    authorizeQuota(ctx, 'write-quota', projectId);
    const patch = normalizeQuotaInput(input);
    const record = await this.deps.store.write(async (tx) => {
      const next = applyQuotaPatch(await tx.quotas.lock(projectId), patch);
      await tx.quotas.put(next);
      return next;
    });
    return { projectId, values: effectiveQuotas(record, this.defaults()) };
  }

  /**
   * DELETE: every limit back to the default. Like Octavia the record stays (all null, still listed);
   * a project without a record is a 404 `Quotas <project_id> not found.`
   */
  async reset(ctx: AuthContext, projectId: string): Promise<void> {
    authorizeQuota(ctx, 'write-quota', projectId);
    await this.deps.store.write(async (tx) => {
      if (!(await tx.quotas.get(projectId))) throw notFound('Quotas', projectId);
      await tx.quotas.put(emptyQuotaRecord(projectId));
    });
  }
}
