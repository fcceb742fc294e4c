import type { OperatingStatus } from '../model/status.js';
import type { DesiredState } from '../plan/load-balancer-tree.js';

/** The columns of one HAProxy `show stat` row that status derivation reads. */
export interface HealthStatRow {
  pxname: string;
  svname: string;
  /** Row kind; when absent it is inferred from svname (FRONTEND / BACKEND / a server). */
  type?: 'frontend' | 'backend' | 'server' | 'listener';
  status: string;
  scur: number;
  slim?: number | null | undefined;
  weight: number;
}

/** Operating status of every object of one load balancer (objects keep their value where the rules say "unchanged"). */
export interface DerivedOperatingStatuses {
  loadBalancer: OperatingStatus;
  listeners: Record<string, OperatingStatus>;
  pools: Record<string, OperatingStatus>;
  members: Record<string, OperatingStatus>;
}

function kindOf(row: HealthStatRow): 'frontend' | 'backend' | 'server' | 'listener' {
  if (row.type !== undefined) return row.type;
  if (row.svname === 'FRONTEND') return 'frontend';
  if (row.svname === 'BACKEND') return 'backend';
  return 'server';
}

/**
 * The listener's status as Octavia's heartbeat would carry it. HAProxy 2.6 keeps a saturated frontend
 * `OPEN` (haproxy-mapping §4.5), so "full" is recomputed as scur >= slim, or a `WAITING` listener socket.
 */
function listenerStatuses(rows: readonly HealthStatRow[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of rows) {
    if (kindOf(row) !== 'frontend') continue;
    const full = row.status === 'OPEN' && row.slim != null && row.slim > 0 && row.scur >= row.slim;
    out.set(row.pxname, full ? 'FULL' : row.status);
  }
  for (const row of rows) {
    if (kindOf(row) === 'listener' && row.status === 'WAITING' && out.get(row.pxname) === 'OPEN') {
      out.set(row.pxname, 'FULL');
    }
  }
  return out;
}

/** A backend row and the server rows under it, as Octavia's heartbeat groups them. */
interface ReportedPool {
  status: string;
  members: Map<string, string>;
}

/**
 * Pools keyed by pool id. Backends are named `<pool_id>:<listener_id>`; a pool behind two listeners is
 * reported twice and, as in Octavia (`rsplit(":", 1)`, last one wins), the later backend counts.
 */
function poolStatuses(rows: readonly HealthStatRow[]): Map<string, ReportedPool> {
  const byBackend = new Map<string, ReportedPool>();
  for (const row of rows) {
    if (kindOf(row) === 'backend') byBackend.set(row.pxname, { status: row.status, members: new Map() });
  }
  for (const row of rows) {
    if (kindOf(row) !== 'server') continue;
    // haproxy-mapping §4.5: a weight-0 server reads UP; Octavia's amphora turns that into DRAIN.
    const status = row.status.startsWith('UP') && row.weight === 0 ? 'DRAIN' : row.status;
    byBackend.get(row.pxname)?.members.set(row.svname, status);
  }
  const out = new Map<string, ReportedPool>();
  for (const [backend, pool] of byBackend) {
    const cut = backend.lastIndexOf(':');
    out.set(cut < 0 ? backend : backend.slice(0, cut), pool);
  }
  return out;
}

/** Member status string → operating status; undefined = leave unchanged (RESTARTING, unknown strings). */
function memberStatus(reported: string): OperatingStatus | undefined {
  if (reported.startsWith('UP')) return 'ONLINE';
  if (reported.startsWith('DOWN')) return 'ERROR';
  if (reported === 'DRAIN' || reported === 'NOLB') return 'DRAINING';
  if (reported.startsWith('MAINT')) return 'OFFLINE';
  if (reported === 'no check') return 'NO_MONITOR';
  return undefined;
}

/**
 * Derives operating statuses from one `show stat` snapshot of a load balancer's HAProxy by Octavia's
 * health-manager rules (haproxy-mapping §4.4, with the 2.6 adjustments of §4.5). `tree` gives the objects
 * and their current statuses; rows whose proxy name mentions `prometheus` are ignored, as Octavia does.
 */
export function deriveOperatingStatuses(
  tree: DesiredState,
  rows: readonly HealthStatRow[],
): DerivedOperatingStatuses {
  const relevant = rows.filter((r) => !r.pxname.includes('prometheus'));
  const lb = tree.loadBalancer;
  let lbStatus: OperatingStatus = lb.admin_state_up ? 'ONLINE' : 'OFFLINE';

  const reportedListeners = listenerStatuses(relevant);
  const listeners: Record<string, OperatingStatus> = {};
  for (const listener of tree.listeners) {
    const reported = reportedListeners.get(listener.id);
    if (reported === undefined) {
      // Octavia only checks the listener's flag; a disabled LB renders no frontend at all, so missing is
      // expected there too and reads OFFLINE rather than ERROR.
      const expected = listener.admin_state_up && lb.admin_state_up && lb.provisioning_status === 'ACTIVE';
      listeners[listener.id] = expected ? 'ERROR' : 'OFFLINE';
    } else if (reported === 'OPEN') {
      listeners[listener.id] = 'ONLINE';
    } else if (reported === 'FULL') {
      listeners[listener.id] = 'DEGRADED';
      if (lbStatus === 'ONLINE') lbStatus = 'DEGRADED';
    } else {
      listeners[listener.id] = listener.operating_status;
    }
  }

  const reportedPools = poolStatuses(relevant);
  const pools: Record<string, OperatingStatus> = {};
  const members: Record<string, OperatingStatus> = {};
  for (const member of tree.members) members[member.id] = member.operating_status;
  for (const pool of tree.pools) {
    const reported = reportedPools.get(pool.id);
    if (reported === undefined) {
      pools[pool.id] = 'OFFLINE';
      continue;
    }
    let poolStatus: OperatingStatus = pool.operating_status;
    if (reported.status === 'UP') poolStatus = 'ONLINE';
    else if (reported.status === 'DOWN') {
      poolStatus = 'ERROR';
      lbStatus = 'ERROR';
    }
    for (const member of tree.members) {
      if (member.pool_id !== pool.id) continue;
      const status = reported.members.get(member.id);
      if (status === undefined) {
        if (member.operating_status !== 'NO_MONITOR') members[member.id] = 'OFFLINE';
        continue;
      }
      const next = memberStatus(status);
      if (next === undefined) continue;
      members[member.id] = next;
      if (next === 'ERROR') {
        if (poolStatus === 'ONLINE') poolStatus = 'DEGRADED';
        if (lbStatus === 'ONLINE') lbStatus = 'DEGRADED';
      }
    }
    pools[pool.id] = poolStatus;
  }
  return { loadBalancer: lbStatus, listeners, pools, members };
}
