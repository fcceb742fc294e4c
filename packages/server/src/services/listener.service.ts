import {
  applyListenerUpdate,
  buildListener,
  notFound,
  type ListenerCreateInput,
  type ListenerRecord,
  type ListenerUpdateInput,
  type PoolRecord,
} from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { listenerFor, loadBalancerFor, lockForChildChange } from './lookups.js';
import { authorize, listScope } from './policy.js';
import { enforceQuota } from './quota.service.js';
import type { StoreTx } from './ports.js';
import type { ServiceDeps } from './service-deps.js';

/** Use cases of listeners (spec §4.2, §3.3). */
export class ListenerService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(ctx: AuthContext, input: ListenerCreateInput): Promise<ListenerRecord> {
    const lbId = input.loadbalancer_id ?? '';
    const listener = await this.deps.store.write(async (tx) => {
      const lb = await tx.loadBalancers.get(lbId);
      if (!lb) throw notFound('Load Balancer', lbId);
      authorize(ctx, 'write', lb.project_id);
      await enforceQuota(tx, this.deps.settings.quotaDefaults, lb.project_id, [['listener', 1]]);
      const now = this.deps.clock.nowIso();
      const locked = await lockForChildChange(tx, lb.id, now);
      const defaultPool = input.default_pool_id
        ? await poolOnLb(tx, input.default_pool_id, lb.id)
        : undefined;
      const record = buildListener(input, {
        id: this.deps.ids.uuid(),
        now,
        loadBalancer: lb,
        siblings: await tx.listeners.find({ load_balancer_id: lb.id }),
        defaultPool,
        defaults: this.deps.settings.listenerDefaults,
      });
      // After the structural checks, like Octavia: SNI refs then the default, then client CA and CRL.
      await this.deps.tlsRefs.checkListener(tx, ctx, record, {
        certificates: true,
        clientCa: true,
      });
      await tx.listeners.insert({ ...record, project_id: locked.project_id });
      return { ...record, project_id: locked.project_id };
    });
    this.deps.notifier.notify(listener.load_balancer_id);
    return listener;
  }

  get(ctx: AuthContext, id: string): Promise<ListenerRecord> {
    return this.deps.store.read((tx) => listenerFor(tx, ctx, id, 'read'));
  }

  list(ctx: AuthContext, requestedProject: string | undefined): Promise<ListenerRecord[]> {
    const project = listScope(ctx, requestedProject);
    return this.deps.store.read((tx) =>
      tx.listeners.find(project === undefined ? {} : { project_id: project }),
    );
  }

  async update(ctx: AuthContext, id: string, patch: ListenerUpdateInput): Promise<ListenerRecord> {
    const updated = await this.deps.store.write(async (tx) => {
      const stored = await listenerFor(tx, ctx, id, 'write');
      const lb = await loadBalancerFor(tx, ctx, stored.load_balancer_id, 'write');
      const now = this.deps.clock.nowIso();
      await lockForChildChange(tx, lb.id, now);
      let defaultPool: PoolRecord | null | undefined;
      if (patch.default_pool_id === null) defaultPool = null;
      else if (patch.default_pool_id !== undefined)
        defaultPool = await poolOnLb(tx, patch.default_pool_id, lb.id);
      const next = applyListenerUpdate(stored, patch, {
        now,
        loadBalancer: lb,
        defaultPool,
        defaults: this.deps.settings.listenerDefaults,
      });
      const record: ListenerRecord = { ...next, provisioning_status: 'PENDING_UPDATE' };
      // Only what the PUT changes is looked up again (a ref deleted since must not block a rename).
      await this.deps.tlsRefs.checkListener(tx, ctx, record, {
        certificates: patch.default_tls_container_ref != null || (patch.sni_container_refs?.length ?? 0) > 0,
        clientCa: patch.client_ca_tls_container_ref != null || patch.client_crl_container_ref != null,
      });
      await tx.listeners.update(record);
      return record;
    });
    this.deps.notifier.notify(updated.load_balancer_id);
    return updated;
  }

  /** Ids of each listener's L7 policies in position order (the view's `l7policies`). */
  l7PolicyIds(listeners: readonly ListenerRecord[]): Promise<Map<string, string[]>> {
    return this.deps.store.read(async (tx) => {
      const out = new Map<string, string[]>();
      for (const lbId of new Set(listeners.map((l) => l.load_balancer_id))) {
        const policies = await tx.l7Policies.find({ load_balancer_id: lbId });
        policies.sort((a, b) => a.position - b.position);
        for (const p of policies) out.set(p.listener_id, [...(out.get(p.listener_id) ?? []), p.id]);
      }
      return out;
    });
  }

  async delete(ctx: AuthContext, id: string): Promise<void> {
    const lbId = await this.deps.store.write(async (tx) => {
      const stored = await listenerFor(tx, ctx, id, 'write');
      const now = this.deps.clock.nowIso();
      await lockForChildChange(tx, stored.load_balancer_id, now);
      await tx.listeners.update({ ...stored, provisioning_status: 'PENDING_DELETE', updated_at: now });
      // Its L7 policies and their rules go with it (spec §4.2).
      for (const p of await tx.l7Policies.find({ listener_id: id })) {
        await tx.l7Policies.update({ ...p, provisioning_status: 'PENDING_DELETE', updated_at: now });
        for (const r of await tx.l7Rules.find({ l7policy_id: p.id }))
          await tx.l7Rules.update({ ...r, provisioning_status: 'PENDING_DELETE', updated_at: now });
      }
      return stored.load_balancer_id;
    });
    this.deps.notifier.notify(lbId);
  }
}

/** A pool referenced by a listener must exist on the same load balancer (404 otherwise, spec §4.2). */
async function poolOnLb(tx: StoreTx, poolId: string, lbId: string): Promise<PoolRecord> {
  const pool = await tx.pools.get(poolId);
  if (!pool || pool.load_balancer_id !== lbId || pool.provisioning_status === 'PENDING_DELETE')
    throw notFound('Pool', poolId);
  return pool;
}
