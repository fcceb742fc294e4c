import {
  applyL7PolicyUpdate,
  buildL7Policy,
  buildL7Rule,
  checkL7PolicyListener,
  checkL7PolicyRedirectPool,
  checkL7RuleRoom,
  notFound,
  placeL7Policy,
  type L7PolicyCreateInput,
  type L7PolicyRecord,
  type L7PolicyUpdateInput,
  type L7RuleCreateInput,
  type L7RuleRecord,
  type ListenerRecord,
  type PoolRecord,
} from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { l7PolicyFor, lockForChildChange, markPendingUpdate } from './lookups.js';
import { authorize, listScope } from './policy.js';
import { enforceQuota } from './quota.service.js';
import type { StoreTx } from './ports.js';
import type { ServiceDeps } from './service-deps.js';

/** An L7 policy with the ids of its rules (what its view references). */
export interface L7PolicyGraph {
  policy: L7PolicyRecord;
  ruleIds: string[];
}

/** POST /l7policies body: a policy may bring its rules along (L7PolicyPOST.rules). */
export type L7PolicyCreateRequest = L7PolicyCreateInput & { rules?: readonly L7RuleCreateInput[] | null };

/** Use cases of L7 policies (spec §4.6, §3.3). */
export class L7PolicyService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(ctx: AuthContext, input: L7PolicyCreateRequest): Promise<L7PolicyRecord> {
    const listenerId = input.listener_id ?? '';
    const policy = await this.deps.store.write(async (tx) => {
      const listener = await tx.listeners.get(listenerId);
      if (!listener || listener.provisioning_status === 'PENDING_DELETE')
        throw notFound('Listener', listenerId);
      const lb = await tx.loadBalancers.get(listener.load_balancer_id);
      if (!lb) throw notFound('Load Balancer', listener.load_balancer_id);
      authorize(ctx, 'write', lb.project_id);
      checkL7PolicyListener(listener, lb);
      // Octavia looks the given pool up before sanitising, so even a REJECT with a bad pool id is a 404.
      if (input.redirect_pool_id) await redirectPool(tx, listener, input.redirect_pool_id, false);
      const now = this.deps.clock.nowIso();
      const record = buildL7Policy(input, { id: this.deps.ids.uuid(), now, listener });
      if (record.redirect_pool_id !== null) await redirectPool(tx, listener, record.redirect_pool_id);
      const rules: L7RuleRecord[] = [];
      for (const r of input.rules ?? []) {
        checkL7RuleRoom(record, rules.length);
        rules.push(buildL7Rule(r, { id: this.deps.ids.uuid(), now, policy: record }));
      }
      await enforceQuota(tx, this.deps.settings.quotaDefaults, lb.project_id, [
        ['l7policy', 1],
        ['l7rule', rules.length],
      ]);
      await lockForChildChange(tx, lb.id, now);
      const placed = await this.reorder(tx, listener.id, record);
      await tx.l7Policies.insert(placed);
      for (const r of rules) await tx.l7Rules.insert(r);
      await markPendingUpdate(tx.listeners, [listener], now);
      return placed;
    });
    this.deps.notifier.notify(policy.load_balancer_id);
    return policy;
  }

  get(ctx: AuthContext, id: string): Promise<L7PolicyGraph> {
    return this.deps.store.read(async (tx) => {
      const policy = await l7PolicyFor(tx, ctx, id, 'read');
      const rules = await tx.l7Rules.find({ l7policy_id: policy.id });
      return { policy, ruleIds: rules.map((r) => r.id) };
    });
  }

  list(ctx: AuthContext, requestedProject: string | undefined): Promise<L7PolicyGraph[]> {
    const project = listScope(ctx, requestedProject);
    const where = project === undefined ? {} : { project_id: project };
    return this.deps.store.read(async (tx) => {
      const [policies, rules] = await Promise.all([tx.l7Policies.find(where), tx.l7Rules.find(where)]);
      return policies.map((policy) => ({
        policy,
        ruleIds: rules.filter((r) => r.l7policy_id === policy.id).map((r) => r.id),
      }));
    });
  }

  async update(ctx: AuthContext, id: string, patch: L7PolicyUpdateInput): Promise<L7PolicyRecord> {
    const updated = await this.deps.store.write(async (tx) => {
      const stored = await l7PolicyFor(tx, ctx, id, 'write');
      const listener = await tx.listeners.get(stored.listener_id);
      if (!listener) throw notFound('Listener', stored.listener_id);
      const now = this.deps.clock.nowIso();
      const next = applyL7PolicyUpdate(stored, patch, { now });
      if (patch.redirect_pool_id && next.redirect_pool_id !== null)
        await redirectPool(tx, listener, next.redirect_pool_id);
      await lockForChildChange(tx, stored.load_balancer_id, now);
      const pending: L7PolicyRecord = { ...next, provisioning_status: 'PENDING_UPDATE' };
      const record = patch.position === undefined ? pending : await this.reorder(tx, listener.id, pending);
      await tx.l7Policies.update(record);
      await markPendingUpdate(tx.listeners, [listener], now);
      return record;
    });
    this.deps.notifier.notify(updated.load_balancer_id);
    return updated;
  }

  /** DELETE: its rules go with it and the listener's remaining policies are renumbered 1..N. */
  async delete(ctx: AuthContext, id: string): Promise<void> {
    const lbId = await this.deps.store.write(async (tx) => {
      const stored = await l7PolicyFor(tx, ctx, id, 'write');
      const now = this.deps.clock.nowIso();
      await lockForChildChange(tx, stored.load_balancer_id, now);
      await tx.l7Policies.update({ ...stored, provisioning_status: 'PENDING_DELETE', updated_at: now });
      for (const r of await tx.l7Rules.find({ l7policy_id: id })) {
        await tx.l7Rules.update({ ...r, provisioning_status: 'PENDING_DELETE', updated_at: now });
      }
      await this.reorder(tx, stored.listener_id, undefined);
      const listener = await tx.listeners.get(stored.listener_id);
      if (listener) await markPendingUpdate(tx.listeners, [listener], now);
      return stored.load_balancer_id;
    });
    this.deps.notifier.notify(lbId);
  }

  /**
   * Places `policy` among its listener's live policies and renumbers them 1..N, writing the siblings whose
   * position changed; returns `policy` with its real position (the caller writes it).
   */
  private async reorder(tx: StoreTx, listenerId: string, policy: L7PolicyRecord): Promise<L7PolicyRecord>;
  private async reorder(tx: StoreTx, listenerId: string, policy: undefined): Promise<undefined>;
  private async reorder(
    tx: StoreTx,
    listenerId: string,
    policy: L7PolicyRecord | undefined,
  ): Promise<L7PolicyRecord | undefined> {
    const siblings = await tx.l7Policies.find({ listener_id: listenerId });
    const before = new Map(siblings.map((p) => [p.id, p.position]));
    let placed: L7PolicyRecord | undefined;
    for (const p of placeL7Policy(siblings, policy)) {
      if (p.id === policy?.id) placed = p;
      else if (before.get(p.id) !== p.position) await tx.l7Policies.update(p);
    }
    return placed;
  }
}

/**
 * A redirect pool must exist on the policy's load balancer (404 `Pool <id> not found.` otherwise) and be
 * protocol-compatible with the listener.
 */
async function redirectPool(
  tx: StoreTx,
  listener: ListenerRecord,
  poolId: string,
  checkProtocol = true,
): Promise<PoolRecord> {
  const pool = await tx.pools.get(poolId);
  if (
    !pool ||
    pool.load_balancer_id !== listener.load_balancer_id ||
    pool.provisioning_status === 'PENDING_DELETE'
  )
    throw notFound('Pool', poolId);
  if (checkProtocol) checkL7PolicyRedirectPool(listener, pool);
  return pool;
}
