import {
  buildHealthMonitor,
  buildListener,
  buildMember,
  buildPool,
  flattenGraph,
  notImplemented,
  type GraphListenerInput,
  type GraphPoolInput,
  type HealthMonitorCreateInput,
  type HealthMonitorRecord,
  type ListenerCreateInput,
  type ListenerRecord,
  type LoadBalancerRecord,
  type MemberCreateInput,
  type MemberRecord,
  type PoolCreateInput,
  type PoolRecord,
} from '@lbaas/core';
import type { StoreTx } from './ports.js';
import type { ServiceDeps } from './service-deps.js';

/** The nested parts of a fully populated load balancer create (spec §4.1.3). */
export interface GraphInput {
  listeners?: readonly GraphListenerInput[] | null;
  pools?: readonly GraphPoolInput[] | null;
}

/**
 * Creates the children of a new load balancer inside its create transaction: pools first (with their
 * monitor and members), then listeners bound to their default pool by name. Every object is checked by
 * the same rules as its standalone create.
 */
export async function createGraph(
  tx: StoreTx,
  deps: ServiceDeps,
  lb: LoadBalancerRecord,
  input: GraphInput,
): Promise<{
  listeners: ListenerRecord[];
  pools: PoolRecord[];
  members: MemberRecord[];
  healthMonitors: HealthMonitorRecord[];
}> {
  const out = {
    listeners: [] as ListenerRecord[],
    pools: [] as PoolRecord[],
    members: [] as MemberRecord[],
    healthMonitors: [] as HealthMonitorRecord[],
  };
  if ((input.listeners?.length ?? 0) === 0 && (input.pools?.length ?? 0) === 0) return out;
  const { ids, clock, settings } = deps;
  const now = clock.nowIso();
  const flat = flattenGraph(input.listeners ?? [], input.pools ?? []);
  if (flat.listeners.some((l) => l.l7policies.length > 0)) throw notImplemented('L7 policies');

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
    await tx.listeners.insert(listener);
    out.listeners.push(listener);
  }
  return out;
}
