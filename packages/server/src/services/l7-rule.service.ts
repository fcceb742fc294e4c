import {
  applyL7RuleUpdate,
  buildL7Rule,
  checkL7RuleRoom,
  immutable,
  isLiveL7,
  type L7PolicyRecord,
  type L7RuleCreateInput,
  type L7RuleRecord,
  type L7RuleUpdateInput,
} from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { l7PolicyOfRules, l7RuleFor, lockForChildChange, markPendingUpdate } from './lookups.js';
import { enforceQuota } from './quota.service.js';
import type { StoreTx } from './ports.js';
import type { ServiceDeps } from './service-deps.js';

/**
 * Rule changes (spec §3.3): the policy must be ACTIVE (409 `L7Policy <id> is immutable ...`), then the LB
 * lock; the policy and its listener become PENDING_UPDATE.
 */
async function lockL7PolicyChange(tx: StoreTx, policy: L7PolicyRecord, now: string): Promise<void> {
  if (policy.provisioning_status !== 'ACTIVE') throw immutable('L7Policy', policy.id);
  await lockForChildChange(tx, policy.load_balancer_id, now);
  await tx.l7Policies.update({ ...policy, provisioning_status: 'PENDING_UPDATE', updated_at: now });
  const listener = await tx.listeners.get(policy.listener_id);
  if (listener) await markPendingUpdate(tx.listeners, [listener], now);
}

/** Use cases of L7 rules, always addressed through their policy (spec §4.7). */
export class L7RuleService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(ctx: AuthContext, policyId: string, input: L7RuleCreateInput): Promise<L7RuleRecord> {
    const rule = await this.deps.store.write(async (tx) => {
      const policy = await l7PolicyOfRules(tx, ctx, policyId, 'write');
      const now = this.deps.clock.nowIso();
      const record = buildL7Rule(input, { id: this.deps.ids.uuid(), now, policy });
      const siblings = (await tx.l7Rules.find({ l7policy_id: policy.id })).filter(isLiveL7);
      checkL7RuleRoom(policy, siblings.length);
      await enforceQuota(tx, this.deps.settings.quotaDefaults, policy.project_id, [['l7rule', 1]]);
      await lockL7PolicyChange(tx, policy, now);
      await tx.l7Rules.insert(record);
      return record;
    });
    this.deps.notifier.notify(rule.load_balancer_id);
    return rule;
  }

  get(ctx: AuthContext, policyId: string, id: string): Promise<L7RuleRecord> {
    return this.deps.store.read((tx) => l7RuleFor(tx, ctx, policyId, id, 'read'));
  }

  /** Rules of one policy (authorized against the policy's project, spec §6 rule 3). */
  list(ctx: AuthContext, policyId: string): Promise<L7RuleRecord[]> {
    return this.deps.store.read(async (tx) => {
      const policy = await l7PolicyOfRules(tx, ctx, policyId, 'read');
      return tx.l7Rules.find({ l7policy_id: policy.id });
    });
  }

  async update(
    ctx: AuthContext,
    policyId: string,
    id: string,
    patch: L7RuleUpdateInput,
  ): Promise<L7RuleRecord> {
    const updated = await this.deps.store.write(async (tx) => {
      const stored = await l7RuleFor(tx, ctx, policyId, id, 'write');
      const policy = await l7PolicyOfRules(tx, ctx, policyId, 'write');
      const now = this.deps.clock.nowIso();
      const next = applyL7RuleUpdate(stored, patch, { now });
      await lockL7PolicyChange(tx, policy, now);
      const record: L7RuleRecord = { ...next, provisioning_status: 'PENDING_UPDATE' };
      await tx.l7Rules.update(record);
      return record;
    });
    this.deps.notifier.notify(updated.load_balancer_id);
    return updated;
  }

  async delete(ctx: AuthContext, policyId: string, id: string): Promise<void> {
    const lbId = await this.deps.store.write(async (tx) => {
      const stored = await l7RuleFor(tx, ctx, policyId, id, 'write');
      const policy = await l7PolicyOfRules(tx, ctx, policyId, 'write');
      const now = this.deps.clock.nowIso();
      await lockL7PolicyChange(tx, policy, now);
      await tx.l7Rules.update({ ...stored, provisioning_status: 'PENDING_DELETE', updated_at: now });
      return stored.load_balancer_id;
    });
    this.deps.notifier.notify(lbId);
  }
}
