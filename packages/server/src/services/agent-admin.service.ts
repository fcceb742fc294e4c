import type { AgentView } from '@lbaas/contract';
import { notFound } from '@lbaas/core';
import type { AgentSignals } from './agent-signals.js';
import { isAgentAlive } from './agent.service.js';
import type { AuthContext } from './auth-context.js';
import { authorize } from './policy.js';
import type { AgentRecord, Clock, Store, StoreTx } from './ports.js';

/** What the agent admin service is built from (wired in main.ts). */
export interface AgentAdminServiceDeps {
  store: Store;
  clock: Clock;
  signals: AgentSignals;
  /** The server's dead-after setting: an agent silent this long is not alive. */
  deadAfterMs: number;
}

/** The operators' view of the agents and their enable/disable (drain) switch; admin only. */
export class AgentAdminService {
  constructor(private readonly deps: AgentAdminServiceDeps) {}

  /** Every agent, ordered by host then id. */
  async list(ctx: AuthContext): Promise<AgentView[]> {
    authorize(ctx, 'admin', '');
    return this.deps.store.read(async (tx) => {
      const agents = await tx.agents.list();
      agents.sort((a, b) => a.host.localeCompare(b.host) || a.id.localeCompare(b.id));
      return Promise.all(agents.map((agent) => this.view(tx, agent)));
    });
  }

  /** One agent; 404 when unknown. */
  async get(ctx: AuthContext, id: string): Promise<AgentView> {
    authorize(ctx, 'admin', '');
    return this.deps.store.read(async (tx) => {
      const agent = await tx.agents.get(id);
      if (!agent) throw notFound('Agent', id);
      return this.view(tx, agent);
    });
  }

  /**
   * Enables or disables an agent. A disabled agent keeps the load balancers placed on it and gets no new
   * ones; enabling one wakes the placements waiting for an agent.
   */
  async setAdminState(ctx: AuthContext, id: string, up: boolean): Promise<AgentView> {
    authorize(ctx, 'admin', '');
    const view = await this.deps.store.write(async (tx) => {
      const agent = await tx.agents.setAdminState(id, up);
      if (!agent) throw notFound('Agent', id);
      return this.view(tx, agent);
    });
    if (up) this.deps.signals.agentRegistered();
    return view;
  }

  private async view(tx: StoreTx, agent: AgentRecord): Promise<AgentView> {
    const placements = await tx.placements.byAgent(agent.id);
    return {
      id: agent.id,
      host: agent.host,
      alive: isAgentAlive(agent, this.deps.clock.nowMs(), this.deps.deadAfterMs),
      admin_state_up: agent.admin_state_up,
      load_balancers: placements.filter((p) => !p.deleted).map((p) => p.load_balancer_id),
      version: agent.version,
      base_dir: agent.base_dir,
      maxconn: agent.maxconn,
      last_seen: agent.last_seen,
      created_at: agent.created_at,
    };
  }
}
