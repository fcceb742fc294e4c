import {
  applyPoolUpdate,
  buildPool,
  conflict,
  notFound,
  validationFailure,
  type HealthMonitorRecord,
  type L7PolicyRecord,
  type L7RuleRecord,
  type ListenerRecord,
  type MemberRecord,
  type PoolCreateInput,
  type PoolRecord,
  type PoolUpdateInput,
} from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { l7Of, listenersOfPool, lockForChildChange, markPendingUpdate, poolFor } from './lookups.js';
import { authorize, listScope } from './policy.js';
import { enforceQuota } from './quota.service.js';
import type { ServiceDeps } from './service-deps.js';

/** A pool with what its view references: listeners using it, its members and monitor. */
export interface PoolGraph {
  pool: PoolRecord;
  listeners: ListenerRecord[];
  members: MemberRecord[];
  healthMonitor: HealthMonitorRecord | undefined;
}

/** Picks a pool's relations out of sibling records. */
export function poolGraph(
  pool: PoolRecord,
  listeners: readonly ListenerRecord[],
  members: readonly MemberRecord[],
  healthMonitors: readonly HealthMonitorRecord[],
  l7: { policies: readonly L7PolicyRecord[]; rules: readonly L7RuleRecord[] } = { policies: [], rules: [] },
): PoolGraph {
  return {
    pool,
    listeners: listenersOfPool(pool, listeners, l7),
    members: members.filter((m) => m.pool_id === pool.id),
    healthMonitor: healthMonitors.find((h) => h.pool_id === pool.id),
  };
}

/** Use cases of pools (spec §4.3, §3.3). */
export class PoolService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(ctx: AuthContext, input: PoolCreateInput): Promise<PoolRecord> {
    if (!input.loadbalancer_id && !input.listener_id) {
      throw validationFailure('Must provide at least one of: loadbalancer_id, listener_id');
    }
    const pool = await this.deps.store.write(async (tx) => {
      let listener: ListenerRecord | undefined;
      if (input.listener_id) {
        listener = await tx.listeners.get(input.listener_id);
        if (!listener || listener.provisioning_status === 'PENDING_DELETE')
          throw notFound('Listener', input.listener_id);
      }
      const lbId = listener?.load_balancer_id ?? input.loadbalancer_id ?? '';
      if (listener && input.loadbalancer_id && input.loadbalancer_id !== listener.load_balancer_id) {
        throw validationFailure('Listener and pool must be on the same load balancer.');
      }
      const lb = await tx.loadBalancers.get(lbId);
      if (!lb) throw notFound('Load Balancer', lbId);
      authorize(ctx, 'write', lb.project_id);
      await enforceQuota(tx, this.deps.settings.quotaDefaults, lb.project_id, [['pool', 1]]);
      const now = this.deps.clock.nowIso();
      await lockForChildChange(tx, lb.id, now);
      const record = buildPool(input, {
        id: this.deps.ids.uuid(),
        now,
        loadBalancer: lb,
        listener,
        defaults: this.deps.settings.poolTlsDefaults,
      });
      const stored: PoolRecord = { ...record, project_id: lb.project_id, load_balancer_id: lb.id };
      await this.deps.tlsRefs.checkPool(tx, ctx, stored, { certificate: true, ca: true });
      await tx.pools.insert(stored);
      if (listener) {
        await tx.listeners.update({
          ...listener,
          default_pool_id: stored.id,
          provisioning_status: 'PENDING_UPDATE',
          updated_at: now,
        });
      }
      return stored;
    });
    this.deps.notifier.notify(pool.load_balancer_id);
    return pool;
  }

  get(ctx: AuthContext, id: string): Promise<PoolGraph> {
    return this.deps.store.read(async (tx) => {
      const pool = await poolFor(tx, ctx, id, 'read');
      const [listeners, members, healthMonitors, l7] = await Promise.all([
        tx.listeners.find({ load_balancer_id: pool.load_balancer_id }),
        tx.members.find({ pool_id: pool.id }),
        tx.healthMonitors.find({ pool_id: pool.id }),
        l7Of(tx, pool.load_balancer_id),
      ]);
      return poolGraph(pool, listeners, members, healthMonitors, l7);
    });
  }

  list(ctx: AuthContext, requestedProject: string | undefined): Promise<PoolGraph[]> {
    const project = listScope(ctx, requestedProject);
    const where = project === undefined ? {} : { project_id: project };
    return this.deps.store.read(async (tx) => {
      const [pools, listeners, members, healthMonitors, policies, rules] = await Promise.all([
        tx.pools.find(where),
        tx.listeners.find(where),
        tx.members.find(where),
        tx.healthMonitors.find(where),
        tx.l7Policies.find(where),
        tx.l7Rules.find(where),
      ]);
      return pools.map((p) => poolGraph(p, listeners, members, healthMonitors, { policies, rules }));
    });
  }

  async update(ctx: AuthContext, id: string, patch: PoolUpdateInput): Promise<PoolRecord> {
    const updated = await this.deps.store.write(async (tx) => {
      const stored = await poolFor(tx, ctx, id, 'write');
      const now = this.deps.clock.nowIso();
      await lockForChildChange(tx, stored.load_balancer_id, now);
      const next = applyPoolUpdate(stored, patch, { now, defaults: this.deps.settings.poolTlsDefaults });
      const listeners = listenersOfPool(
        stored,
        await tx.listeners.find({ load_balancer_id: stored.load_balancer_id }),
        await l7Of(tx, stored.load_balancer_id),
      );
      await markPendingUpdate(tx.listeners, listeners, now);
      const record: PoolRecord = { ...next, provisioning_status: 'PENDING_UPDATE' };
      await this.deps.tlsRefs.checkPool(tx, ctx, record, {
        certificate: patch.tls_container_ref != null,
        ca: patch.ca_tls_container_ref != null || patch.crl_container_ref != null,
      });
      await tx.pools.update(record);
      return record;
    });
    this.deps.notifier.notify(updated.load_balancer_id);
    return updated;
  }

  /**
   * DELETE: members and monitor go with it; listeners using it as default pool lose the reference. A pool
   * an L7 policy redirects to is in use (409, spec §4.3).
   */
  async delete(ctx: AuthContext, id: string): Promise<void> {
    const lbId = await this.deps.store.write(async (tx) => {
      const stored = await poolFor(tx, ctx, id, 'write');
      const redirecting = (await tx.l7Policies.find({ redirect_pool_id: id })).find(
        (p) => p.provisioning_status !== 'PENDING_DELETE',
      );
      if (redirecting) throw conflict(`Pool ${id} is in use by L7 policy ${redirecting.id}`);
      const now = this.deps.clock.nowIso();
      await lockForChildChange(tx, stored.load_balancer_id, now);
      const listeners = listenersOfPool(
        stored,
        await tx.listeners.find({ load_balancer_id: stored.load_balancer_id }),
      );
      for (const l of listeners) {
        await tx.listeners.update({
          ...l,
          default_pool_id: l.default_pool_id === id ? null : l.default_pool_id,
          provisioning_status: 'PENDING_UPDATE',
          updated_at: now,
        });
      }
      await tx.pools.update({ ...stored, provisioning_status: 'PENDING_DELETE', updated_at: now });
      for (const m of await tx.members.find({ pool_id: id })) {
        await tx.members.update({ ...m, provisioning_status: 'PENDING_DELETE', updated_at: now });
      }
      for (const h of await tx.healthMonitors.find({ pool_id: id })) {
        await tx.healthMonitors.update({ ...h, provisioning_status: 'PENDING_DELETE', updated_at: now });
      }
      return stored.load_balancer_id;
    });
    this.deps.notifier.notify(lbId);
  }
}
