import {
  buildHealthMonitor,
  buildListener,
  buildMember,
  buildL7Policy,
  buildL7Rule,
  buildPool,
  checkL7PolicyListener,
  checkL7PolicyRedirectPool,
  checkL7RuleRoom,
  flattenGraph,
  placeL7Policy,
  type FlatGraphL7Policy,
  type GraphListenerInput,
  type GraphPoolInput,
  type HealthMonitorCreateInput,
  type HealthMonitorRecord,
  type L7PolicyCreateInput,
  type L7PolicyRecord,
  type L7RuleCreateInput,
  type L7RuleRecord,
  type ListenerCreateInput,
  type ListenerRecord,
  type LoadBalancerRecord,
  type MemberCreateInput,
  type MemberRecord,
  type PoolCreateInput,
  type PoolRecord,
} from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import type { StoreTx } from './ports.js';
import type { ServiceDeps } from './service-deps.js';

/** The nested parts of a fully populated load balancer create (spec §4.1.3). */
export interface GraphInput {
  listeners?: readonly GraphListenerInput[] | null;
  pools?: readonly GraphPoolInput[] | null;
}

/** Everything a graph create wrote. */
export interface GraphChildren {
  listeners: ListenerRecord[];
  pools: PoolRecord[];
  members: MemberRecord[];
  healthMonitors: HealthMonitorRecord[];
  l7Policies: L7PolicyRecord[];
  l7Rules: L7RuleRecord[];
}

/**
 * Creates the children of a new load balancer inside its create transaction: pools first (with their
 * monitor and members), then each listener bound to its default pool by name, followed by its L7 policies
 * (redirect pools by name) and their rules. Every object is checked by the same rules as its standalone
 * create, except that L7 policies and rules are not quota-checked (spec §4.1.3 rule 5).
 */
export async function createGraph(
  tx: StoreTx,
  ctx: AuthContext,
  deps: ServiceDeps,
  lb: LoadBalancerRecord,
  input: GraphInput,
): Promise<GraphChildren> {
  const out: GraphChildren = {
    listeners: [],
    pools: [],
    members: [],
    healthMonitors: [],
    l7Policies: [],
    l7Rules: [],
  };
  if ((input.listeners?.length ?? 0) === 0 && (input.pools?.length ?? 0) === 0) return out;
  const { ids, clock, settings } = deps;
  const now = clock.nowIso();
  const flat = flattenGraph(input.listeners ?? [], input.pools ?? []);

  const poolsByName = new Map<string, PoolRecord>();
  for (const p of flat.pools) {
    const pool = buildPool(
      { ...(p.pool as PoolCreateInput), loadbalancer_id: lb.id },
      {
        id: ids.uuid(),
        now,
        loadBalancer: lb,
        listener: undefined,
        defaults: settings.poolTlsDefaults,
      },
    );
    await deps.tlsRefs.checkPool(tx, ctx, pool, { certificate: true, ca: true });
    await tx.pools.insert(pool);
    out.pools.push(pool);
    poolsByName.set(p.name, pool);
    let hm: HealthMonitorRecord | undefined;
    if (p.healthmonitor) {
      hm = buildHealthMonitor(p.healthmonitor as HealthMonitorCreateInput, {
        id: ids.uuid(),
        now,
        pool,
        existing: undefined,
      });
      await tx.healthMonitors.insert(hm);
      out.healthMonitors.push(hm);
    }
    const siblings: MemberRecord[] = [];
    for (const m of p.members) {
      const member = buildMember(m as MemberCreateInput, {
        id: ids.uuid(),
        now,
        pool,
        hasHealthMonitor: hm !== undefined,
        siblings,
        reservedIps: settings.reservedIps,
      });
      await tx.members.insert(member);
      siblings.push(member);
      out.members.push(member);
    }
  }
  for (const l of flat.listeners) {
    const defaultPool = l.defaultPoolName === undefined ? undefined : poolsByName.get(l.defaultPoolName);
    const listener = buildListener(
      { ...(l.listener as ListenerCreateInput), default_pool_id: defaultPool?.id ?? null },
      {
        id: ids.uuid(),
        now,
        loadBalancer: lb,
        siblings: out.listeners,
        defaultPool,
        defaults: settings.listenerDefaults,
      },
    );
    await deps.tlsRefs.checkListener(tx, ctx, listener, { certificates: true, clientCa: true });
    await tx.listeners.insert(listener);
    out.listeners.push(listener);
    if (l.l7policies.length > 0) {
      const l7 = buildListenerPolicies(deps, lb, listener, l.l7policies, poolsByName, now);
      for (const p of l7.policies) await tx.l7Policies.insert(p);
      for (const r of l7.rules) await tx.l7Rules.insert(r);
      out.l7Policies.push(...l7.policies);
      out.l7Rules.push(...l7.rules);
    }
  }
  return out;
}

/**
 * A graph listener's policies in request order, each placed like a standalone create (appended, or moved
 * to its `position`), so the list ends numbered 1..N; with their rules (at most 50 per policy).
 */
function buildListenerPolicies(
  deps: ServiceDeps,
  lb: LoadBalancerRecord,
  listener: ListenerRecord,
  inputs: readonly FlatGraphL7Policy[],
  poolsByName: ReadonlyMap<string, PoolRecord>,
  now: string,
): { policies: L7PolicyRecord[]; rules: L7RuleRecord[] } {
  checkL7PolicyListener(listener, lb);
  let policies: L7PolicyRecord[] = [];
  const rules: L7RuleRecord[] = [];
  for (const input of inputs) {
    // flattenGraph has already resolved every referenced name to a definition.
    const pool = input.redirectPoolName === undefined ? undefined : poolsByName.get(input.redirectPoolName);
    const policy = buildL7Policy(
      { ...(input.policy as L7PolicyCreateInput), redirect_pool_id: pool?.id ?? null },
      { id: deps.ids.uuid(), now, listener },
    );
    if (pool && policy.redirect_pool_id !== null) checkL7PolicyRedirectPool(listener, pool);
    let count = 0;
    for (const r of input.rules) {
      checkL7RuleRoom(policy, count++);
      rules.push(buildL7Rule(r as L7RuleCreateInput, { id: deps.ids.uuid(), now, policy }));
    }
    policies = placeL7Policy(policies, policy);
  }
  return { policies, rules };
}
