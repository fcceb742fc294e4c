import { listenerFor, loadBalancerFor } from './lookups.js';
import type { AuthContext } from './auth-context.js';
import type { ListenerStatsRecord, Store } from './ports.js';

/** Octavia's five counters (spec §8). */
export interface StatsCounters {
  bytes_in: number;
  bytes_out: number;
  active_connections: number;
  total_connections: number;
  request_errors: number;
}

const ZERO: StatsCounters = {
  bytes_in: 0,
  bytes_out: 0,
  active_connections: 0,
  total_connections: 0,
  request_errors: 0,
};

function counters(row: ListenerStatsRecord | undefined): StatsCounters {
  if (!row) return { ...ZERO };
  const { bytes_in, bytes_out, active_connections, total_connections, request_errors } = row;
  return { bytes_in, bytes_out, active_connections, total_connections, request_errors };
}

function sum(rows: readonly StatsCounters[]): StatsCounters {
  const out = { ...ZERO };
  for (const r of rows) for (const k of Object.keys(out) as (keyof StatsCounters)[]) out[k] += r[k];
  return out;
}

/** GET …/loadbalancers/{id}/stats and …/listeners/{id}/stats (spec §4.1.5, §8). */
export class StatsService {
  constructor(private readonly deps: { store: Store }) {}

  /** Sum over the load balancer's listeners; zeros without data. 404/403 as for the load balancer. */
  loadBalancerStats(ctx: AuthContext, id: string): Promise<StatsCounters> {
    return this.deps.store.read(async (tx) => {
      const lb = await loadBalancerFor(tx, ctx, id, 'read');
      const listenerIds = new Set((await tx.listeners.find({ load_balancer_id: lb.id })).map((l) => l.id));
      const rows = await tx.listenerStats.byLoadBalancer(lb.id);
      return sum(rows.filter((r) => listenerIds.has(r.listener_id)).map(counters));
    });
  }

  /** One listener's counters; zeros without data. 404/403 as for the listener. */
  listenerStats(ctx: AuthContext, id: string): Promise<StatsCounters> {
    return this.deps.store.read(async (tx) => {
      const listener = await listenerFor(tx, ctx, id, 'read');
      return counters(await tx.listenerStats.get(listener.id));
    });
  }
}
