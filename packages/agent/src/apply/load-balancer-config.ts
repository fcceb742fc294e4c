import type { AgentConfigFile, AgentNetworkPlan } from '@lbaas/contract';

/** What the server hands an agent for one load balancer: the rendered haproxy.cfg at one revision. */
export interface LoadBalancerConfig {
  loadBalancerId: string;
  revision: number;
  /** sha256 of haproxyCfg, files and network (hex), computed by the server; equal hash = nothing to do. */
  hash: string;
  haproxyCfg: string;
  /**
   * Files haproxyCfg refers to by absolute path `<baseDir>/<loadBalancerId>/tls/<name>` (certificates, CA
   * bundles, CRLs, crt-lists), sorted by name; absent = none. Written with mode 0600 under a 0700 `tls/`.
   */
  files?: readonly AgentConfigFile[] | undefined;
  /** Where the VIP lives (and its floating IPs); the applier's NetworkPlumber realises it. None = nothing to plumb. */
  network?: AgentNetworkPlan | undefined;
}

/** One load balancer as it is on this host (running or not), including ones adopted after a restart. */
export interface AppliedLoadBalancer {
  loadBalancerId: string;
  revision: number;
  hash: string;
  /** The HAProxy master process is alive. */
  running: boolean;
  /** PID of the HAProxy master (0 when not running); counters reset when the worker changes. */
  masterPid: number;
}

/** One parsed row of HAProxy's `show stat` (the columns the control plane uses). */
export interface StatRow {
  pxname: string;
  svname: string;
  /** FRONTEND, BACKEND or a server name's row. */
  type: 'frontend' | 'backend' | 'server' | 'listener';
  status: string;
  scur: number;
  slim: number | null;
  stot: number;
  bin: number;
  bout: number;
  ereq: number;
  weight: number;
  checkStatus: string;
}

/**
 * Applies rendered configs to real HAProxy processes, one master-worker process per load balancer under
 * `<baseDir>/<loadBalancerId>/` (haproxy.cfg, tls/, haproxy.sock, master.sock, haproxy.pid, server-state).
 */
export interface Applier {
  /**
   * Idempotent: ensures the network first (repairing whatever is missing), then the same hash as the running
   * config does nothing more; otherwise validate, swap, start/reload.
   */
  apply(config: LoadBalancerConfig): Promise<void>;
  /** Stops the process, removes its network and the directory; a no-op when absent. */
  remove(loadBalancerId: string): Promise<void>;
  /** Everything on this host, adopted processes included. */
  list(): Promise<AppliedLoadBalancer[]>;
  /** `show stat` of one load balancer's process. */
  stats(loadBalancerId: string): Promise<StatRow[]>;
}
