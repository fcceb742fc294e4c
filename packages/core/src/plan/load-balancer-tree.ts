import type {
  HealthMonitorRecord,
  L7PolicyRecord,
  L7RuleRecord,
  ListenerRecord,
  LoadBalancerRecord,
  MemberRecord,
  PoolRecord,
} from '../model/records.js';

/** Every stored object of one load balancer, as read in one transaction. */
export interface LoadBalancerTree {
  loadBalancer: LoadBalancerRecord;
  listeners: readonly ListenerRecord[];
  pools: readonly PoolRecord[];
  members: readonly MemberRecord[];
  healthMonitors: readonly HealthMonitorRecord[];
  /** L7 policies and rules (absent = none; the L7 API fills them in). */
  l7Policies?: readonly L7PolicyRecord[];
  l7Rules?: readonly L7RuleRecord[];
}

/**
 * What the data plane should run for a load balancer at one revision: the tree without the objects
 * being deleted. Drivers render it; it is frozen so a renderer cannot change what it was given.
 */
export interface DesiredState {
  revision: number;
  loadBalancer: LoadBalancerRecord;
  listeners: readonly ListenerRecord[];
  pools: readonly PoolRecord[];
  members: readonly MemberRecord[];
  healthMonitors: readonly HealthMonitorRecord[];
  /** Live L7 policies of live listeners (empty when the load balancer has none). */
  l7Policies: readonly L7PolicyRecord[];
  /** Live L7 rules of those policies. */
  l7Rules: readonly L7RuleRecord[];
}

/** Builds the frozen desired state of a tree (objects in PENDING_DELETE or DELETED are left out). */
export function desiredState(tree: LoadBalancerTree): DesiredState {
  const live = <T extends { provisioning_status: string }>(xs: readonly T[]): readonly T[] =>
    Object.freeze(
      xs
        .filter((x) => x.provisioning_status !== 'PENDING_DELETE' && x.provisioning_status !== 'DELETED')
        .map((x) => Object.freeze({ ...x })),
    );
  const pools = live(tree.pools);
  const poolIds = new Set(pools.map((p) => p.id));
  const listeners = live(tree.listeners);
  const listenerIds = new Set(listeners.map((l) => l.id));
  const l7Policies = live(tree.l7Policies ?? []).filter((p) => listenerIds.has(p.listener_id));
  const policyIds = new Set(l7Policies.map((p) => p.id));
  return Object.freeze({
    revision: tree.loadBalancer.desired_revision,
    loadBalancer: Object.freeze({ ...tree.loadBalancer }),
    listeners,
    pools,
    members: live(tree.members).filter((m) => poolIds.has(m.pool_id)),
    healthMonitors: live(tree.healthMonitors).filter((h) => poolIds.has(h.pool_id)),
    l7Policies,
    l7Rules: live(tree.l7Rules ?? []).filter((r) => policyIds.has(r.l7policy_id)),
  });
}
