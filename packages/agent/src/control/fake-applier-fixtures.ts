import type {
  AppliedLoadBalancer,
  Applier,
  LoadBalancerConfig,
  StatRow,
} from '../apply/load-balancer-config.js';
import type { AgentControllerOptions } from './agent-controller.js';

/** An in-memory Applier for the control-loop tests: records calls, can fail, serves canned stats. */
export class FakeApplier implements Applier {
  readonly running = new Map<string, LoadBalancerConfig>();
  readonly calls: string[] = [];
  readonly statRows = new Map<string, StatRow[]>();
  /** When set, apply() rejects with this message. */
  failWith: string | undefined;

  apply(config: LoadBalancerConfig): Promise<void> {
    this.calls.push(`apply ${config.loadBalancerId} r${config.revision}`);
    if (this.failWith !== undefined) return Promise.reject(new Error(this.failWith));
    this.running.set(config.loadBalancerId, config);
    return Promise.resolve();
  }

  remove(loadBalancerId: string): Promise<void> {
    this.calls.push(`remove ${loadBalancerId}`);
    this.running.delete(loadBalancerId);
    return Promise.resolve();
  }

  list(): Promise<AppliedLoadBalancer[]> {
    return Promise.resolve(
      [...this.running.values()].map((c) => ({
        loadBalancerId: c.loadBalancerId,
        revision: c.revision,
        hash: c.hash,
        running: true,
        masterPid: 4242,
      })),
    );
  }

  stats(loadBalancerId: string): Promise<StatRow[]> {
    return Promise.resolve(this.statRows.get(loadBalancerId) ?? []);
  }
}

/** A `show stat` row with zero counters unless given. */
export function statRow(over: Partial<StatRow> & Pick<StatRow, 'pxname' | 'svname' | 'type'>): StatRow {
  return {
    status: 'UP',
    scur: 0,
    slim: null,
    stot: 0,
    bin: 0,
    bout: 0,
    ereq: 0,
    weight: 1,
    checkStatus: '',
    ...over,
  };
}

/** A logger that drops everything. */
export const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * AgentController options of the control-loop tests: a fake base dir, a FakeApplier, fast pacing; `over`
 * replaces any of them (tokens, pacing, the applier).
 */
export function testControllerOptions(
  serverUrl: string,
  agentId: string,
  over: Partial<AgentControllerOptions> = {},
): AgentControllerOptions {
  return {
    serverUrl,
    agentId,
    baseDir: '/var/lib/lbaas-test',
    maxconn: 5000,
    applier: new FakeApplier(),
    logger: silentLogger,
    statsIntervalMs: 30,
    pollWaitMs: 200,
    retryMinMs: 10,
    retryMaxMs: 50,
    ...over,
  };
}
