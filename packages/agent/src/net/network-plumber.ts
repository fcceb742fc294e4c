import type { AgentNetworkPlan } from '@lbaas/contract';

/** The agent's networking mode (DESIGN.md §4), chosen with `lbaas agent --network-mode`. */
export type NetworkMode = 'loopback' | 'host' | 'netns';

/** All networking modes, for option parsing. */
export const NETWORK_MODES: readonly NetworkMode[] = ['loopback', 'host', 'netns'];

/** What `ensure` made of a load balancer's network. */
export interface NetworkEnsureResult {
  /** Namespace HAProxy must run in; undefined = the agent's own (host) namespace. */
  netns?: string;
  /**
   * The namespace did not exist and was (re)created by this call: a HAProxy still running for the load
   * balancer sits in a dead namespace and must be stopped and started again (a reload would not move it).
   */
  namespaceCreated: boolean;
}

/**
 * Puts a load balancer's VIP (and floating IPs) where HAProxy can serve them, one implementation per
 * networking mode. Calls for one load balancer are serialized by the caller (HaproxyApplier).
 */
export interface NetworkPlumber {
  readonly mode: NetworkMode;
  /**
   * Idempotent and level-triggered: creates whatever of the plan is missing (everything after a reboot or a
   * namespace deleted by hand), fixes what drifted, removes what is no longer planned (a released floating
   * IP). Cheap when everything is in place (a few read-only `ip` calls). No plan = nothing to plumb.
   */
  ensure(loadBalancerId: string, plan: AgentNetworkPlan | undefined): Promise<NetworkEnsureResult>;
  /**
   * Removes everything it made for the load balancer; works after an agent restart (what it needs is
   * persisted in `<base dir>/<lb id>/network.json` or follows from the id). Call it after HAProxy stopped.
   */
  remove(loadBalancerId: string): Promise<void>;
  /**
   * Deletes what no kept load balancer needs any more: `qlbaas-*` namespaces of other load balancers that
   * no process uses, and bridges this agent created that have no port left. Pass every load balancer the
   * agent still has (assigned or on disk).
   */
  collectGarbage(keepLoadBalancerIds: Iterable<string>): Promise<void>;
}
