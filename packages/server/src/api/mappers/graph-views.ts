import type { LoadBalancerGraph } from '../../services/load-balancer.service.js';
import { poolGraph, type PoolGraph } from '../../services/pool.service.js';
import {
  healthMonitorView,
  l7PolicyView,
  l7RuleView,
  listenerView,
  loadBalancerView,
  memberView,
  poolView,
  type WireObject,
} from './views.js';

/** Pool view from a pool and its relations. */
export function poolGraphView(g: PoolGraph): WireObject {
  return poolView(g.pool, {
    listenerIds: g.listeners.map((l) => l.id),
    memberIds: g.members.map((m) => m.id),
    healthMonitorId: g.healthMonitor?.id ?? null,
  });
}

/** Reference view of a load balancer graph. */
export function loadBalancerRefView(g: LoadBalancerGraph): WireObject {
  return loadBalancerView(
    g.loadBalancer,
    g.listeners.map((l) => l.id),
    g.pools.map((p) => p.id),
  );
}

/** A listener's policies in position order as whole objects, their rules as whole objects. */
function l7PolicyFullViews(g: LoadBalancerGraph, listenerId: string): WireObject[] {
  return g.l7Policies
    .filter((p) => p.listener_id === listenerId)
    .sort((a, b) => a.position - b.position)
    .map((p) => {
      const view = l7PolicyView(p, []);
      view.rules = g.l7Rules.filter((r) => r.l7policy_id === p.id).map(l7RuleView);
      return view;
    });
}

/**
 * The full view POST /loadbalancers answers with (spec §4.1.2): listeners and pools as whole objects,
 * listeners with their L7 policies and rules inline, pools with their members and monitor inline, without
 * the back-references.
 */
export function loadBalancerFullView(g: LoadBalancerGraph): WireObject {
  const view = loadBalancerRefView(g);
  const l7 = { policies: g.l7Policies, rules: g.l7Rules };
  view.listeners = g.listeners.map((l) => {
    const { loadbalancers: _lbs, ...rest } = listenerView(l);
    rest.l7policies = l7PolicyFullViews(g, l.id);
    return rest;
  });
  view.pools = g.pools.map((p) => {
    const {
      loadbalancers: _lbs,
      healthmonitor_id: _hm,
      ...rest
    } = poolGraphView(poolGraph(p, g.listeners, g.members, g.healthMonitors, l7));
    rest.members = g.members.filter((m) => m.pool_id === p.id).map(memberView);
    const hm = g.healthMonitors.find((h) => h.pool_id === p.id);
    if (hm) {
      const { pools: _pools, ...hmRest } = healthMonitorView(hm);
      rest.healthmonitor = hmRest;
    }
    return rest;
  });
  return view;
}

/** GET /loadbalancers/{id}/status (spec §4.1.4, Octavia's code shape). */
export function statusTreeView(g: LoadBalancerGraph): WireObject {
  const lb = g.loadBalancer;
  // Listener pools = default pool + redirect pools of enabled policies with rules (spec §4.1.4).
  const withRules = new Set(g.l7Rules.map((r) => r.l7policy_id));
  const poolsOf = (l: LoadBalancerGraph['listeners'][number]) => {
    const redirects = new Set(
      g.l7Policies
        .filter((p) => p.listener_id === l.id && p.admin_state_up && withRules.has(p.id))
        .map((p) => p.redirect_pool_id),
    );
    return g.pools.filter((p) => p.id === l.default_pool_id || redirects.has(p.id));
  };
  return {
    statuses: {
      loadbalancer: {
        id: lb.id,
        name: lb.name ?? '',
        operating_status: lb.operating_status,
        provisioning_status: lb.provisioning_status,
        listeners: g.listeners.map((l) => ({
          id: l.id,
          name: l.name ?? '',
          operating_status: l.operating_status,
          provisioning_status: l.provisioning_status,
          pools: poolsOf(l).map((p) => {
            const hm = g.healthMonitors.find((h) => h.pool_id === p.id);
            return {
              id: p.id,
              name: p.name ?? '',
              provisioning_status: p.provisioning_status,
              operating_status: p.operating_status,
              ...(hm
                ? {
                    health_monitor: {
                      id: hm.id,
                      name: hm.name ?? '',
                      type: hm.type,
                      provisioning_status: hm.provisioning_status,
                      operating_status: hm.operating_status,
                    },
                  }
                : {}),
              members: g.members
                .filter((m) => m.pool_id === p.id)
                .map((m) => ({
                  id: m.id,
                  name: m.name ?? '',
                  operating_status: m.operating_status,
                  provisioning_status: m.provisioning_status,
                  address: m.address,
                  protocol_port: m.protocol_port,
                })),
            };
          }),
        })),
      },
    },
  };
}
