import {
  cidrContains,
  DomainError,
  notFound,
  applyMemberBatchUpdate,
  applyMemberUpdate,
  buildMember,
  planMemberBatch,
  type MemberCreateInput,
  type MemberRecord,
  type MemberUpdateInput,
} from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { lockPoolChange, memberFor, poolFor } from './lookups.js';
import { enforceQuota } from './quota.service.js';
import type { StoreTx } from './ports.js';
import type { ServiceDeps } from './service-deps.js';

/**
 * A member's `subnet_id` must name a subnet (Octavia's 404 `Subnet <id> not found.`) whose CIDR holds the
 * member's address (a 400 Octavia leaves to Neutron port creation; here nothing else would catch it).
 */
async function checkMemberSubnet(tx: StoreTx, member: MemberRecord): Promise<void> {
  if (member.subnet_id === null) return;
  const subnet = await tx.subnets.get(member.subnet_id);
  if (!subnet) throw notFound('Subnet', member.subnet_id);
  if (!cidrContains(subnet.cidr, member.address)) {
    throw new DomainError(
      'invalid',
      `Member address ${member.address} is not in subnet ${subnet.id} (${subnet.cidr}).`,
    );
  }
}

/** Use cases of members, always addressed through their pool (spec §4.4, §3.3). */
export class MemberService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(ctx: AuthContext, poolId: string, input: MemberCreateInput): Promise<MemberRecord> {
    const member = await this.deps.store.write(async (tx) => {
      const pool = await poolFor(tx, ctx, poolId, 'write');
      await enforceQuota(tx, this.deps.settings.quotaDefaults, pool.project_id, [['member', 1]]);
      const now = this.deps.clock.nowIso();
      await lockPoolChange(tx, pool, now);
      const record = buildMember(input, {
        id: this.deps.ids.uuid(),
        now,
        pool,
        hasHealthMonitor: (await tx.healthMonitors.find({ pool_id: pool.id })).length > 0,
        siblings: await tx.members.find({ pool_id: pool.id }),
        reservedIps: this.deps.settings.reservedIps,
      });
      await checkMemberSubnet(tx, record);
      await tx.members.insert(record);
      return record;
    });
    this.deps.notifier.notify(member.load_balancer_id);
    return member;
  }

  get(ctx: AuthContext, poolId: string, id: string): Promise<MemberRecord> {
    return this.deps.store.read((tx) => memberFor(tx, ctx, poolId, id, 'read'));
  }

  /** Members of one pool (authorized against the pool's project, spec §6 rule 3). */
  list(ctx: AuthContext, poolId: string): Promise<MemberRecord[]> {
    return this.deps.store.read(async (tx) => {
      const pool = await poolFor(tx, ctx, poolId, 'read');
      return tx.members.find({ pool_id: pool.id });
    });
  }

  async update(
    ctx: AuthContext,
    poolId: string,
    id: string,
    patch: MemberUpdateInput,
  ): Promise<MemberRecord> {
    const updated = await this.deps.store.write(async (tx) => {
      const stored = await memberFor(tx, ctx, poolId, id, 'write');
      const pool = await poolFor(tx, ctx, poolId, 'write');
      const now = this.deps.clock.nowIso();
      await lockPoolChange(tx, pool, now);
      const next = applyMemberUpdate(stored, patch, { now });
      if (next.subnet_id !== stored.subnet_id) await checkMemberSubnet(tx, next);
      const record: MemberRecord = { ...next, provisioning_status: 'PENDING_UPDATE' };
      await tx.members.update(record);
      return record;
    });
    this.deps.notifier.notify(updated.load_balancer_id);
    return updated;
  }

  async delete(ctx: AuthContext, poolId: string, id: string): Promise<void> {
    const lbId = await this.deps.store.write(async (tx) => {
      const stored = await memberFor(tx, ctx, poolId, id, 'write');
      const pool = await poolFor(tx, ctx, poolId, 'write');
      const now = this.deps.clock.nowIso();
      await lockPoolChange(tx, pool, now);
      await tx.members.update({ ...stored, provisioning_status: 'PENDING_DELETE', updated_at: now });
      return stored.load_balancer_id;
    });
    this.deps.notifier.notify(lbId);
  }

  /** Batch PUT /pools/{id}/members: creates, updates and (unless additive_only) deletes in one go. */
  async batchUpdate(
    ctx: AuthContext,
    poolId: string,
    requested: readonly MemberCreateInput[],
    additiveOnly: boolean,
  ): Promise<void> {
    const lbId = await this.deps.store.write(async (tx) => {
      const pool = await poolFor(tx, ctx, poolId, 'write');
      const existing = (await tx.members.find({ pool_id: pool.id })).filter(
        (m) => m.provisioning_status !== 'PENDING_DELETE',
      );
      const plan = planMemberBatch(existing, requested, additiveOnly);
      const now = this.deps.clock.nowIso();
      const updates = plan.update
        .map(({ stored, input }) => ({ stored, next: applyMemberBatchUpdate(stored, input, now) }))
        .filter(({ stored, next }) => next !== stored);
      for (const { stored, next } of updates) {
        if (next.subnet_id !== stored.subnet_id) await checkMemberSubnet(tx, next);
      }
      if (plan.create.length === 0 && updates.length === 0 && plan.remove.length === 0) return undefined;
      // Only the net additions count: the members it removes make room for the ones it creates.
      const added = plan.create.length - plan.remove.length;
      await enforceQuota(tx, this.deps.settings.quotaDefaults, pool.project_id, [['member', added]]);
      const hasHealthMonitor = (await tx.healthMonitors.find({ pool_id: pool.id })).length > 0;
      const siblings = [...existing];
      const created: MemberRecord[] = [];
      for (const input of plan.create) {
        const record = buildMember(input, {
          id: this.deps.ids.uuid(),
          now,
          pool,
          hasHealthMonitor,
          siblings,
          reservedIps: this.deps.settings.reservedIps,
        });
        await checkMemberSubnet(tx, record);
        siblings.push(record);
        created.push(record);
      }
      await lockPoolChange(tx, pool, now);
      for (const r of created) await tx.members.insert(r);
      for (const { next } of updates)
        await tx.members.update({ ...next, provisioning_status: 'PENDING_UPDATE' });
      for (const r of plan.remove)
        await tx.members.update({ ...r, provisioning_status: 'PENDING_DELETE', updated_at: now });
      return pool.load_balancer_id;
    });
    if (lbId) this.deps.notifier.notify(lbId);
  }
}
