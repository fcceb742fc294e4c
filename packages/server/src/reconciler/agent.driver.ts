import { NO_TLS_MATERIAL, type DesiredState, type RenderedHaproxy, type TlsMaterial } from '@lbaas/core';
import { isAgentAlive } from '../services/agent.service.js';
import { buildNetworkPlan, placementHash } from '../services/network-plan.js';
import type { AgentSignals } from '../services/agent-signals.js';
import type { PlacementFiles } from '../services/placement-files.js';
import type { AgentRecord, Clock, PlacementRecord, Store, StoreTx } from '../services/ports.js';
import { DriverDeadlineError, type ProvisioningDriver } from './provisioning-driver.js';

/** core's renderHaproxy (injected so the driver can be tested with any renderer). */
export type HaproxyRenderer = (
  desired: DesiredState,
  env: { runDir: string; maxconn: number; tls: TlsMaterial },
) => RenderedHaproxy;

/** The key-manager content of the desired state's TLS refs, read in the placing transaction. */
export type TlsMaterialSource = (tx: StoreTx, desired: DesiredState) => Promise<TlsMaterial>;

/** What the agent driver is built from (wired in main.ts). */
export interface AgentDriverOptions {
  store: Store;
  clock: Clock;
  signals: AgentSignals;
  render: HaproxyRenderer;
  /** Resolves certificate refs (default: none, so a TLS listener fails to render). */
  tlsMaterial?: TlsMaterialSource;
  /** Seals the rendered files (private keys) in the placement row; required when files are rendered. */
  files?: PlacementFiles;
  /** An agent silent this long is not given new load balancers. */
  deadAfterMs: number;
  /** Slice in which a waiting call re-reads the store (reports may land on another server process). */
  recheckMs: number;
}

/** The error of a load balancer that found no agent to run on before the driver deadline. */
export const NO_ALIVE_AGENT = 'no alive agent (start one with `lbaas agent --server <url>`)';

interface Placed {
  placement: PlacementRecord;
  changed: boolean;
}

/**
 * The provisioning driver of the real data plane: renders haproxy.cfg for the agent that runs (or will
 * run) the load balancer, publishes it as that agent's assignment, wakes its long-poll and resolves when
 * the agent reports that exact (revision, hash) applied. Placement is sticky: a load balancer stays on its
 * agent even while that agent is down or disabled (moving it would leave a second HAProxy with the same VIP
 * behind); new ones go to the alive, enabled agent with the fewest load balancers.
 */
export class AgentDriver implements ProvisioningDriver {
  readonly name = 'agent';
  constructor(private readonly opts: AgentDriverOptions) {}

  async apply(desired: DesiredState, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const lbId = desired.loadBalancer.id;
    const { placement, changed } = await this.placeOnAnAgent(desired, signal);
    if (changed) this.opts.signals.agentChanged(placement.agent_id);
    await this.waitFor(lbId, signal, (p) => {
      if (!p || p.deleted) throw new Error(`load balancer ${lbId} lost its placement while applying`);
      // A floating IP change re-plans the same revision (new hash): wait for that one instead.
      if (p.revision !== placement.revision) {
        throw new Error(`revision ${placement.revision} was superseded by revision ${p.revision}`);
      }
      if (p.applied_revision === p.revision && p.applied_hash === p.hash) return true;
      if (p.last_error !== null) throw new Error(p.last_error);
      return false;
    });
  }

  async remove(loadBalancerId: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const agentId = await this.opts.store.write(async (tx) => {
      const placement = await tx.placements.get(loadBalancerId);
      if (!placement) return undefined;
      if (!placement.deleted) {
        await tx.placements.put({ ...placement, deleted: true, last_error: null });
        await tx.agents.bumpGeneration(placement.agent_id);
      }
      return placement.agent_id;
    });
    if (agentId === undefined) return; // never placed: nothing runs anywhere
    this.opts.signals.agentChanged(agentId);
    // The agent service deletes the placement (and the listener stats) when the agent reports it removed.
    await this.waitFor(loadBalancerId, signal, (p) => p === undefined);
  }

  /**
   * Places the load balancer, waiting (until the reconciler's deadline) for an agent to register when
   * none is alive: `lbaas server` may well be started before its agents.
   */
  private async placeOnAnAgent(desired: DesiredState, signal: AbortSignal): Promise<Placed> {
    const { signals, store, recheckMs } = this.opts;
    for (;;) {
      const seen = signals.agentsVersion();
      const placed = await store.write((tx) => this.place(tx, desired));
      if (placed) return placed;
      if (signal.aborted) throw new DriverDeadlineError(NO_ALIVE_AGENT);
      await signals.waitAgents(seen, recheckMs, signal);
      if (signal.aborted) throw new DriverDeadlineError(NO_ALIVE_AGENT);
    }
  }

  /**
   * Renders for the chosen agent and stores the placement; `changed` when the agent must be told;
   * undefined when there is no alive, enabled agent to place a new load balancer on.
   */
  private async place(tx: StoreTx, desired: DesiredState): Promise<Placed | undefined> {
    const lbId = desired.loadBalancer.id;
    const existing = await tx.placements.get(lbId);
    const agent =
      (existing ? await tx.agents.get(existing.agent_id) : undefined) ?? (await this.pickAgent(tx));
    if (!agent) return undefined;
    // A DomainError from the renderer (or an unresolvable certificate ref) propagates with its message;
    // the reconciler turns it into ERROR.
    const tls = this.opts.tlsMaterial ? await this.opts.tlsMaterial(tx, desired) : NO_TLS_MATERIAL;
    const rendered = this.opts.render(desired, {
      runDir: `${agent.base_dir}/${lbId}`,
      maxconn: agent.maxconn,
      tls,
    });
    const text = rendered.cfg;
    if (rendered.files.length > 0 && !this.opts.files) {
      throw new Error('the agent driver has no sealer for TLS files');
    }
    const tlsFiles = this.opts.files?.seal(lbId, rendered.files) ?? null;
    const network = await buildNetworkPlan(tx, desired.loadBalancer);
    const hash = placementHash(text, network, tlsFiles?.digest);
    if (
      existing &&
      !existing.deleted &&
      existing.agent_id === agent.id &&
      existing.revision === desired.revision &&
      existing.hash === hash
    ) {
      // A re-drive of the same revision (restart recovery): keep what the agent already reported.
      return { placement: existing, changed: false };
    }
    const sameAgent = existing?.agent_id === agent.id;
    const placement: PlacementRecord = {
      load_balancer_id: lbId,
      agent_id: agent.id,
      revision: desired.revision,
      hash,
      haproxy_cfg: text,
      network,
      tls_files: tlsFiles,
      deleted: false,
      applied_revision: sameAgent ? existing.applied_revision : null,
      applied_hash: sameAgent ? existing.applied_hash : null,
      last_error: null,
    };
    await tx.placements.put(placement);
    await tx.agents.bumpGeneration(agent.id);
    return { placement, changed: true };
  }

  /** The alive, enabled agent with the fewest live placements (ties: lowest id). */
  private async pickAgent(tx: StoreTx): Promise<AgentRecord | undefined> {
    const now = this.opts.clock.nowMs();
    const eligible = (await tx.agents.list()).filter(
      (a) => a.admin_state_up && isAgentAlive(a, now, this.opts.deadAfterMs),
    );
    const counts = await tx.placements.countByAgent();
    const load = (a: AgentRecord): number => counts.get(a.id) ?? 0;
    return eligible.sort((a, b) => load(a) - load(b) || a.id.localeCompare(b.id))[0];
  }

  /** Re-reads the placement on every signal (and every recheckMs) until `done` says so or throws. */
  private async waitFor(
    lbId: string,
    signal: AbortSignal,
    done: (p: PlacementRecord | undefined) => boolean,
  ): Promise<void> {
    const { signals, store, recheckMs } = this.opts;
    for (;;) {
      signal.throwIfAborted();
      const seen = signals.placementVersion(lbId);
      const placement = await store.read((tx) => tx.placements.get(lbId));
      if (done(placement)) return;
      await signals.waitPlacement(lbId, seen, recheckMs, signal);
    }
  }
}
