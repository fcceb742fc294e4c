import {
  immutable,
  notFound,
  type HealthMonitorRecord,
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
export async function loadBalancerFor(
  tx: StoreTx,
  ctx: AuthContext,
  id: string,
  rule: PolicyRule,
): Promise<LoadBalancerRecord> {
  const lb = await tx.loadBalancers.get(id);
  if (!lb) throw notFound('Load Balancer', id);
  authorize(ctx, rule, lb.project_id);
  return lb;
}

export async function listenerFor(
  tx: StoreTx,
  ctx: AuthContext,
  id: string,
  rule: PolicyRule,
): Promise<ListenerRecord> {
  const listener = await tx.listeners.get(id);
  if (!listener) throw notFound('Listener', id);
  authorize(ctx, rule, listener.project_id);
  return listener;
}

export async function poolFor(
  tx: StoreTx,
  ctx: AuthContext,
  id: string,
  rule: PolicyRule,
): Promise<PoolRecord> {
  const pool = await tx.pools.get(id);
  if (!pool) throw notFound('Pool', id);
  authorize(ctx, rule, pool.project_id);
  return pool;
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
  const hm = await tx.healthMonitors.get(id);
  if (!hm) throw notFound('Health Monitor', id);
  authorize(ctx, rule, hm.project_id);
  return hm;
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

/** Listeners that use a pool: as default pool (L7 redirects join once L7 policies exist). */
export function listenersOfPool(pool: PoolRecord, listeners: readonly ListenerRecord[]): ListenerRecord[] {
  return listeners.filter((l) => l.default_pool_id === pool.id && l.provisioning_status !== 'PENDING_DELETE');
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
  );
  await markPendingUpdate(tx.listeners, listeners, now);
}
