import {
  deriveOperatingStatuses,
  desiredState,
  DomainError,
  notFound,
  type HealthStatRow,
} from '@lbaas/core';
import { accumulateListenerStats } from './accumulate-listener-stats.js';
import type { AgentSignals } from './agent-signals.js';
import type { PlacementFiles } from './placement-files.js';
import { buildNetworkPlan } from './network-plan.js';
import type { AuthContext } from './auth-context.js';
import { authorize } from './policy.js';
import type { AgentRecord, Clock, OperatingStatusChange, Store, StoreTx } from './ports.js';

/** Liveness timing and polling of the agent protocol. */
export interface AgentSettings {
  /** How often agents must report (stats reports double as heartbeats). */
  heartbeatIntervalMs: number;
  /** An agent silent for this long is dead: it gets no new load balancers. */
  deadAfterMs: number;
  /** Slice in which waiters re-read the store (covers other server processes sharing PostgreSQL). */
  recheckMs: number;
}

/** What the agent service is built from (wired in main.ts). */
export interface AgentServiceDeps {
  store: Store;
  clock: Clock;
  signals: AgentSignals;
  settings: AgentSettings;
  /** Opens the sealed TLS files of placements (absent: placements with files cannot be served). */
  files?: PlacementFiles;
}

/** A registration, as validated by the contract's AgentRegisterBody. */
export interface AgentRegistration {
  id: string;
  host: string;
  base_dir: string;
  maxconn: number;
  version: string;
}

/** One stat row as an agent reports it (contract AgentStatRow). */
export interface ReportedStatRow extends HealthStatRow {
  stot: number;
  bin: number;
  bout: number;
  ereq: number;
  checkStatus: string;
}

/** A report, as validated by the contract's AgentReportBody. */
export interface AgentReport {
  applied?: { load_balancer_id: string; revision: number; hash: string; ok: boolean; error?: string }[];
  removed?: string[];
  load_balancers?: { load_balancer_id: string; stats: ReportedStatRow[] }[];
}

/** An agent's full assignment list. */
export interface Assignments {
  generation: number;
  load_balancers: { id: string; revision: number; hash: string; deleted: boolean }[];
}

/** True when the agent's last heartbeat is within `deadAfterMs` of `nowMs`. */
export function isAgentAlive(agent: AgentRecord, nowMs: number, deadAfterMs: number): boolean {
  const seen = Date.parse(agent.last_seen);
  return Number.isFinite(seen) && nowMs - seen <= deadAfterMs;
}

/** The server side of the agent protocol (contract agent-protocol.schema.ts); admin only. */
export class AgentService {
  constructor(private readonly deps: AgentServiceDeps) {}

  /** Registers or refreshes an agent; counts as a heartbeat. */
  async register(ctx: AuthContext, input: AgentRegistration) {
    authorize(ctx, 'admin', '');
    const { store, clock, settings } = this.deps;
    const agent = await store.write((tx) =>
      tx.agents.upsert({ ...input, last_seen: this.seenNow() }, clock.nowIso()),
    );
    this.deps.signals.agentRegistered();
    return {
      id: agent.id,
      host: agent.host,
      base_dir: agent.base_dir,
      maxconn: agent.maxconn,
      version: agent.version,
      heartbeat_interval_ms: settings.heartbeatIntervalMs,
      dead_after_ms: settings.deadAfterMs,
    };
  }

  /**
   * Long-poll: answers once the agent's generation is above `after`, or when `waitMs` elapsed (or the
   * request went away); always with the full list, so a missed wake-up costs latency, never correctness.
   */
  async assignments(
    ctx: AuthContext,
    agentId: string,
    after: number,
    waitMs: number,
    signal?: AbortSignal,
  ): Promise<Assignments> {
    authorize(ctx, 'admin', '');
    const { store, signals, settings } = this.deps;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), waitMs);
    const stop = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    try {
      for (;;) {
        const seen = signals.agentVersion(agentId);
        const current = await store.read((tx) => this.readAssignments(tx, agentId));
        if (current.generation > after || stop.aborted || signals.isClosed) return current;
        await signals.waitAgent(agentId, seen, settings.recheckMs, stop);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** The rendered config of one load balancer assigned to the agent. */
  async config(ctx: AuthContext, agentId: string, loadBalancerId: string) {
    authorize(ctx, 'admin', '');
    const found = await this.deps.store.read(async (tx) => {
      const placement = await tx.placements.get(loadBalancerId);
      if (!placement || placement.agent_id !== agentId || placement.deleted) return undefined;
      if (placement.network !== null) return { placement, network: placement.network };
      // Placed before placements carried a plan (migration 0007): plan it now from the network model.
      const lb = await tx.loadBalancers.get(loadBalancerId);
      return lb && { placement, network: await buildNetworkPlan(tx, lb) };
    });
    if (!found) {
      throw new DomainError(
        'not_found',
        `Load balancer ${loadBalancerId} is not assigned to agent ${agentId}.`,
      );
    }
    const { placement, network } = found;
    if (placement.tls_files !== null && !this.deps.files) {
      throw new Error('this server cannot open the TLS files of placements (no key manager key)');
    }
    return {
      load_balancer_id: placement.load_balancer_id,
      revision: placement.revision,
      hash: placement.hash,
      haproxy_cfg: placement.haproxy_cfg,
      files: this.deps.files?.open(placement.load_balancer_id, placement.tls_files) ?? [],
      network,
    };
  }

  /**
   * Applies a report in one transaction: outcomes of applies, removals, then stats (counters and the
   * operating statuses they imply). Counts as a heartbeat. Entries about load balancers that are not (or
   * no longer) placed on this agent are ignored: they are late reports of a superseded state.
   */
  async report(ctx: AuthContext, agentId: string, report: AgentReport): Promise<void> {
    authorize(ctx, 'admin', '');
    const touched = await this.deps.store.write(async (tx) => {
      if (!(await tx.agents.touch(agentId, this.seenNow()))) throw notFound('Agent', agentId);
      const changed = new Set<string>();
      for (const entry of report.applied ?? []) {
        if (await this.recordApplied(tx, agentId, entry)) changed.add(entry.load_balancer_id);
      }
      for (const id of report.removed ?? []) {
        if (await this.recordRemoved(tx, agentId, id)) changed.add(id);
      }
      for (const lb of report.load_balancers ?? []) await this.recordStats(tx, agentId, lb);
      return changed;
    });
    for (const id of touched) this.deps.signals.placementChanged(id);
  }

  private async readAssignments(tx: StoreTx, agentId: string): Promise<Assignments> {
    const agent = await tx.agents.get(agentId);
    if (!agent) throw notFound('Agent', agentId);
    const placements = await tx.placements.byAgent(agentId);
    return {
      generation: agent.generation,
      load_balancers: placements.map((p) => ({
        id: p.load_balancer_id,
        revision: p.revision,
        hash: p.hash,
        deleted: p.deleted,
      })),
    };
  }

  private async recordApplied(
    tx: StoreTx,
    agentId: string,
    entry: NonNullable<AgentReport['applied']>[number],
  ): Promise<boolean> {
    const placement = await tx.placements.get(entry.load_balancer_id);
    if (!placement || placement.agent_id !== agentId || placement.deleted) return false;
    const current = placement.revision === entry.revision && placement.hash === entry.hash;
    if (entry.ok) {
      // What runs is the truth even for an older revision; only the current one clears the error.
      await tx.placements.put({
        ...placement,
        applied_revision: entry.revision,
        applied_hash: entry.hash,
        last_error: current ? null : placement.last_error,
      });
      return true;
    }
    if (!current) return false;
    await tx.placements.put({
      ...placement,
      last_error: entry.error ?? 'the agent could not apply the config',
    });
    return true;
  }

  private async recordRemoved(tx: StoreTx, agentId: string, loadBalancerId: string): Promise<boolean> {
    const placement = await tx.placements.get(loadBalancerId);
    // A removal of a placement that is still wanted (an orphan sweep racing a new placement) is ignored:
    // the level-triggered assignment list makes the agent apply it again.
    if (!placement || placement.agent_id !== agentId || !placement.deleted) return false;
    await tx.placements.remove(loadBalancerId);
    await tx.listenerStats.removeByLoadBalancer(loadBalancerId);
    return true;
  }

  private async recordStats(
    tx: StoreTx,
    agentId: string,
    lb: NonNullable<AgentReport['load_balancers']>[number],
  ): Promise<void> {
    const placement = await tx.placements.get(lb.load_balancer_id);
    if (!placement || placement.agent_id !== agentId || placement.deleted) return;
    const loadBalancer = await tx.loadBalancers.get(lb.load_balancer_id);
    if (!loadBalancer) return;
    const by = { load_balancer_id: loadBalancer.id };
    const [listeners, pools, members, healthMonitors, l7Policies, l7Rules] = await Promise.all([
      tx.listeners.find(by),
      tx.pools.find(by),
      tx.members.find(by),
      tx.healthMonitors.find(by),
      tx.l7Policies.find(by),
      tx.l7Rules.find(by),
    ]);
    const tree = desiredState({
      loadBalancer,
      listeners,
      pools,
      members,
      healthMonitors,
      l7Policies,
      l7Rules,
    });
    await tx.operatingStatuses.apply(statusChanges(tree, deriveOperatingStatuses(tree, lb.stats)));

    const now = this.deps.clock.nowIso();
    const listenerIds = new Set(listeners.map((l) => l.id));
    for (const row of lb.stats) {
      if (row.svname !== 'FRONTEND' || !listenerIds.has(row.pxname)) continue;
      const previous = await tx.listenerStats.get(row.pxname);
      const ids = { listener_id: row.pxname, load_balancer_id: loadBalancer.id };
      await tx.listenerStats.put(accumulateListenerStats(previous, ids, row, now));
    }
    // Counters of deleted listeners must not keep counting into the load balancer's sum.
    await tx.listenerStats.removeByLoadBalancer(loadBalancer.id, [...listenerIds]);
  }

  /** Heartbeat timestamps keep milliseconds: liveness is measured in them. */
  private seenNow(): string {
    return new Date(this.deps.clock.nowMs()).toISOString();
  }
}

/** The differences between the stored and the derived operating statuses. */
function statusChanges(
  tree: ReturnType<typeof desiredState>,
  derived: ReturnType<typeof deriveOperatingStatuses>,
): OperatingStatusChange[] {
  const changes: OperatingStatusChange[] = [];
  const lb = tree.loadBalancer;
  if (lb.operating_status !== derived.loadBalancer) {
    changes.push({ kind: 'loadBalancers', id: lb.id, from: lb.operating_status, to: derived.loadBalancer });
  }
  const kinds = [
    ['listeners', tree.listeners, derived.listeners],
    ['pools', tree.pools, derived.pools],
    ['members', tree.members, derived.members],
  ] as const;
  for (const [kind, records, statuses] of kinds) {
    for (const r of records) {
      const to = statuses[r.id];
      if (to !== undefined && to !== r.operating_status)
        changes.push({ kind, id: r.id, from: r.operating_status, to });
    }
  }
  return changes;
}
