import {
  immutable,
  notFound,
  type HealthMonitorRecord,
  type L7PolicyRecord,
  type L7RuleRecord,
  type ListenerRecord,
  type LoadBalancerRecord,
  type MemberRecord,
  type PoolRecord,
} from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { authorize, type PolicyRule } from './policy.js';
import type { StoreTx } from './ports.js';

/**
 * Fetch-then-authorize helpers: a missing id is a 404 before any policy check, an object of another
 * project is a 403 (spec §6 rule 4).
 */
/** The record, authorized for `rule`; 404 `<label> <id> not found.` when missing (before any policy check). */
function authorized<T extends { project_id: string }>(
  record: T | undefined,
  label: string,
  id: string,
  ctx: AuthContext,
  rule: PolicyRule,
): T {
  if (!record) throw notFound(label, id);
  authorize(ctx, rule, record.project_id);
  return record;
}

export async function loadBalancerFor(
  tx: StoreTx,
  ctx: AuthContext,
  id: string,
  rule: PolicyRule,
): Promise<LoadBalancerRecord> {
  return authorized(await tx.loadBalancers.get(id), 'Load Balancer', id, ctx, rule);
}

export async function listenerFor(
  tx: StoreTx,
  ctx: AuthContext,
  id: string,
  rule: PolicyRule,
): Promise<ListenerRecord> {
  return authorized(await tx.listeners.get(id), 'Listener', id, ctx, rule);
}

export async function poolFor(
  tx: StoreTx,
  ctx: AuthContext,
  id: string,
  rule: PolicyRule,
): Promise<PoolRecord> {
  return authorized(await tx.pools.get(id), 'Pool', id, ctx, rule);
}

export async function memberFor(
  tx: StoreTx,
  ctx: AuthContext,
  poolId: string,
  id: string,
  rule: PolicyRule,
): Promise<MemberRecord> {
  const pool = await poolFor(tx, ctx, poolId, rule);
  const member = await tx.members.get(id);
  if (!member || member.pool_id !== pool.id) throw notFound('Member', id);
  return member;
}

export async function healthMonitorFor(
  tx: StoreTx,
  ctx: AuthContext,
  id: string,
  rule: PolicyRule,
): Promise<HealthMonitorRecord> {
  return authorized(await tx.healthMonitors.get(id), 'Health Monitor', id, ctx, rule);
}

/**
 * Octavia's LB lock for child operations: the load balancer must be ACTIVE; it becomes PENDING_UPDATE
 * and its desired revision is bumped. 409 `Load Balancer <id> is immutable and cannot be updated.` otherwise.
 */
export async function lockForChildChange(
  tx: StoreTx,
  loadBalancerId: string,
  now: string,
): Promise<LoadBalancerRecord> {
  const locked = await tx.loadBalancers.lock(loadBalancerId, ['ACTIVE'], 'PENDING_UPDATE', now);
  if (!locked) throw immutable('Load Balancer', loadBalancerId);
  return locked;
}

/** Pool-scoped changes (members, health monitors) also need the pool itself ACTIVE. */
export function requireActivePool(pool: PoolRecord): void {
  if (pool.provisioning_status !== 'ACTIVE') throw immutable('Pool', pool.id);
}

/**
 * Listeners that use a pool (spec §3.3 `pool.listeners`): as default pool, or through an enabled L7 policy
 * with at least one rule that redirects to it.
 */
export function listenersOfPool(
  pool: PoolRecord,
  listeners: readonly ListenerRecord[],
  l7: { policies: readonly L7PolicyRecord[]; rules: readonly L7RuleRecord[] } = { policies: [], rules: [] },
): ListenerRecord[] {
  const viaPolicy = new Set(
    l7.policies
      .filter(
        (p) =>
          p.redirect_pool_id === pool.id &&
          p.admin_state_up &&
          p.provisioning_status !== 'PENDING_DELETE' &&
          l7.rules.some((r) => r.l7policy_id === p.id && r.provisioning_status !== 'PENDING_DELETE'),
      )
      .map((p) => p.listener_id),
  );
  return listeners.filter(
    (l) =>
      (l.default_pool_id === pool.id || viaPolicy.has(l.id)) && l.provisioning_status !== 'PENDING_DELETE',
  );
}

/** The L7 policies and rules of one load balancer (what `listenersOfPool` needs). */
export async function l7Of(
  tx: StoreTx,
  loadBalancerId: string,
): Promise<{ policies: L7PolicyRecord[]; rules: L7RuleRecord[] }> {
  const [policies, rules] = await Promise.all([
    tx.l7Policies.find({ load_balancer_id: loadBalancerId }),
    tx.l7Rules.find({ load_balancer_id: loadBalancerId }),
  ]);
  return { policies, rules };
}

export async function l7PolicyFor(
  tx: StoreTx,
  ctx: AuthContext,
  id: string,
  rule: PolicyRule,
): Promise<L7PolicyRecord> {
  return authorized(await tx.l7Policies.get(id), 'L7 Policy', id, ctx, rule);
}

/** A policy addressed as the parent of rules: Octavia's 404 text is `L7Policy <id> not found.` here. */
export async function l7PolicyOfRules(
  tx: StoreTx,
  ctx: AuthContext,
  id: string,
  rule: PolicyRule,
): Promise<L7PolicyRecord> {
  return authorized(await tx.l7Policies.get(id), 'L7Policy', id, ctx, rule);
}

export async function l7RuleFor(
  tx: StoreTx,
  ctx: AuthContext,
  policyId: string,
  id: string,
  rule: PolicyRule,
): Promise<L7RuleRecord> {
  const policy = await l7PolicyOfRules(tx, ctx, policyId, rule);
  const found = await tx.l7Rules.get(id);
  if (!found || found.l7policy_id !== policy.id) throw notFound('L7 Rule', id);
  return found;
}

/** Marks objects PENDING_UPDATE (the lock's propagation to parents, spec §3.3). */
export async function markPendingUpdate<T extends { provisioning_status: string; updated_at: string | null }>(
  repo: { update(r: T): Promise<boolean> },
  records: readonly T[],
  now: string,
): Promise<void> {
  for (const r of records) {
    if (r.provisioning_status === 'PENDING_CREATE' || r.provisioning_status === 'PENDING_DELETE') continue;
    await repo.update({ ...r, provisioning_status: 'PENDING_UPDATE', updated_at: now });
  }
}

/** Member / monitor changes: the pool must be ACTIVE; then LB lock, pool and its listeners PENDING_UPDATE. */
export async function lockPoolChange(tx: StoreTx, pool: PoolRecord, now: string): Promise<void> {
  requireActivePool(pool);
  await lockForChildChange(tx, pool.load_balancer_id, now);
  await tx.pools.update({ ...pool, provisioning_status: 'PENDING_UPDATE', updated_at: now });
  const listeners = listenersOfPool(
    pool,
    await tx.listeners.find({ load_balancer_id: pool.load_balancer_id }),
    await l7Of(tx, pool.load_balancer_id),
  );
  await markPendingUpdate(tx.listeners, listeners, now);
}
