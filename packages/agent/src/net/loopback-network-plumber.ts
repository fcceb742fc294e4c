import { parseIpv4, parseIpv6, type AgentNetworkPlan } from '@lbaas/contract';
import type { NetworkEnsureResult, NetworkPlumber } from './network-plumber.js';

/** True for an address in 127.0.0.0/8 or ::1. */
export function isLoopbackAddress(address: string): boolean {
  const v4 = parseIpv4(address);
  if (v4 !== undefined) return v4[0] === 127;
  const v6 = parseIpv6(address);
  return v6 !== undefined && v6.slice(0, 7).every((g) => g === 0) && v6[7] === 1;
}

/** True when the plan's VIP is on the built-in loopback network (or a loopback address): nothing to plumb. */
export function isLoopbackPlan(plan: AgentNetworkPlan): boolean {
  return plan.vip.loopback || isLoopbackAddress(plan.vip.address);
}

/**
 * `loopback` networking mode (DESIGN.md §4), the default: Linux routes all of 127.0.0.0/8 to `lo`, so
 * HAProxy binds any such VIP with no plumbing and no root. Any other network is refused. Floating IPs are
 * ignored in this mode: there is no external network to put them on.
 */
export class LoopbackNetworkPlumber implements NetworkPlumber {
  readonly mode = 'loopback' as const;

  ensure(_loadBalancerId: string, plan: AgentNetworkPlan | undefined): Promise<NetworkEnsureResult> {
    if (plan !== undefined && !isLoopbackPlan(plan)) {
      return Promise.reject(
        new Error(
          `network mode loopback serves only the built-in loopback network (VIP ${plan.vip.address} is on ` +
            `network ${plan.vip.network_id}); start the agent with --network-mode netns or host`,
        ),
      );
    }
    return Promise.resolve({ namespaceCreated: false });
  }

  remove(_loadBalancerId: string): Promise<void> {
    return Promise.resolve();
  }

  collectGarbage(_keepLoadBalancerIds: Iterable<string>): Promise<void> {
    return Promise.resolve();
  }
}
