import type {
  HealthMonitorRecord,
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
  return Object.freeze({
    revision: tree.loadBalancer.desired_revision,
    loadBalancer: Object.freeze({ ...tree.loadBalancer }),
    listeners: live(tree.listeners),
    pools,
    members: live(tree.members).filter((m) => poolIds.has(m.pool_id)),
    healthMonitors: live(tree.healthMonitors).filter((h) => poolIds.has(h.pool_id)),
  });
}
