import type { OperatingStatus, ProvisioningStatus } from '../model/status.js';
import type { LoadBalancerTree } from './load-balancer-tree.js';

/** The kinds of child objects a completion touches. */
export type ChildKind = 'listeners' | 'pools' | 'members' | 'healthMonitors' | 'l7Policies' | 'l7Rules';

/** Status changes and removals that finish one provisioning round (spec §3.4). */
export interface CompletionPlan {
  /** New status for the load balancer; 'REMOVED' when its deletion completed. */
  loadBalancer: { provisioning_status: ProvisioningStatus | 'REMOVED'; operating_status?: OperatingStatus };
  updates: {
    kind: ChildKind;
    id: string;
    provisioning_status: ProvisioningStatus;
    operating_status?: OperatingStatus;
  }[];
  removals: { kind: ChildKind; id: string }[];
}

const KINDS: readonly ChildKind[] = [
  'listeners',
  'pools',
  'members',
  'healthMonitors',
  'l7Policies',
  'l7Rules',
];

/** The objects of one kind (L7 kinds are optional in a tree). */
function objectsOf(tree: LoadBalancerTree, kind: ChildKind): readonly TreeObject[] {
  return tree[kind] ?? [];
}

type TreeObject = {
  id: string;
  provisioning_status: ProvisioningStatus;
  admin_state_up: boolean;
  pool_id?: string;
  listener_id?: string;
  l7policy_id?: string;
};

/**
 * What the database must look like after a driver applied (ok) or failed to apply a revision.
 * On success PENDING_CREATE/UPDATE become ACTIVE and PENDING_DELETE rows go away; health monitors get
 * ONLINE/OFFLINE from admin_state_up (so do L7 policies and rules); L7 policies of a deleted listener and
 * rules of a deleted policy go with their parent; members of a pool whose monitor is removed become NO_MONITOR.
 * On failure every pending object (and the load balancer) becomes ERROR.
 */
export function completionPlan(tree: LoadBalancerTree, outcome: { ok: boolean }): CompletionPlan {
  const lb = tree.loadBalancer;
  const plan: CompletionPlan = { loadBalancer: { provisioning_status: 'ACTIVE' }, updates: [], removals: [] };
  if (!outcome.ok) {
    plan.loadBalancer = { provisioning_status: 'ERROR' };
    for (const kind of KINDS) {
      for (const o of objectsOf(tree, kind)) {
        if (o.provisioning_status.startsWith('PENDING_'))
          plan.updates.push({ kind, id: o.id, provisioning_status: 'ERROR' });
      }
    }
    return plan;
  }
  if (lb.provisioning_status === 'PENDING_DELETE') {
    plan.loadBalancer = { provisioning_status: 'REMOVED' };
    for (const kind of KINDS) for (const o of objectsOf(tree, kind)) plan.removals.push({ kind, id: o.id });
    return plan;
  }
  const removedPools = new Set(
    tree.pools.filter((p) => p.provisioning_status === 'PENDING_DELETE').map((p) => p.id),
  );
  const removedListeners = new Set(
    tree.listeners.filter((l) => l.provisioning_status === 'PENDING_DELETE').map((l) => l.id),
  );
  const removedPolicies = new Set(
    (tree.l7Policies ?? [])
      .filter((p) => p.provisioning_status === 'PENDING_DELETE' || removedListeners.has(p.listener_id))
      .map((p) => p.id),
  );
  const unmonitoredPools = new Set(
    tree.healthMonitors.filter((h) => h.provisioning_status === 'PENDING_DELETE').map((h) => h.pool_id),
  );
  for (const kind of KINDS) {
    for (const o of objectsOf(tree, kind)) {
      const parentGone =
        ((kind === 'members' || kind === 'healthMonitors') && removedPools.has(o.pool_id ?? '')) ||
        (kind === 'l7Policies' && removedListeners.has(o.listener_id ?? '')) ||
        (kind === 'l7Rules' && removedPolicies.has(o.l7policy_id ?? ''));
      if (o.provisioning_status === 'PENDING_DELETE' || parentGone) {
        plan.removals.push({ kind, id: o.id });
        continue;
      }
      const update: CompletionPlan['updates'][number] = {
        kind,
        id: o.id,
        provisioning_status: o.provisioning_status,
      };
      let changed = false;
      if (o.provisioning_status === 'PENDING_CREATE' || o.provisioning_status === 'PENDING_UPDATE') {
        update.provisioning_status = 'ACTIVE';
        changed = true;
      }
      if ((kind === 'healthMonitors' || kind === 'l7Policies' || kind === 'l7Rules') && changed) {
        update.operating_status = o.admin_state_up ? 'ONLINE' : 'OFFLINE';
      }
      if (kind === 'members' && unmonitoredPools.has(o.pool_id ?? '')) {
        update.operating_status = 'NO_MONITOR';
        changed = true;
      }
      if (changed) plan.updates.push(update);
    }
  }
  return plan;
}
