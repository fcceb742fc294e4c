import type { FloatingIpRecord, PortRecord } from '@lbaas/core';
import type { AgentSignals } from './agent-signals.js';
import { replanLoadBalancerNetwork } from './network-plan.js';
import type { StoreTx } from './ports.js';
import { revised } from './network-access.js';

/** The load balancer whose VIP port this is (device_owner `Octavia`, device_id `lb-<id>`). */
export function loadBalancerIdOfPort(port: PortRecord | undefined): string | undefined {
  if (!port || port.device_owner !== 'Octavia' || !port.device_id.startsWith('lb-')) return undefined;
  return port.device_id.slice('lb-'.length);
}

/**
 * Re-plans the network of the load balancers behind these ports (inside the caller's transaction) after
 * a floating IP moved to, from or between them (a deleted port is passed as its record). Returns the agents to wake once the transaction commits.
 */
export async function replanPorts(
  tx: StoreTx,
  ports: Iterable<string | PortRecord | null>,
): Promise<string[]> {
  const agents = new Set<string>();
  const lbs = new Set<string>();
  for (const p of ports) {
    if (p === null) continue;
    const lb = loadBalancerIdOfPort(typeof p === 'string' ? await tx.ports.get(p) : p);
    if (lb !== undefined) lbs.add(lb);
  }
  for (const lb of lbs) {
    const agent = await replanLoadBalancerNetwork(tx, lb);
    if (agent !== undefined) agents.add(agent);
  }
  return [...agents];
}

/** Wakes the agents a committed floating IP change re-planned. */
export function wakeAgents(signals: AgentSignals, agentIds: readonly string[]): void {
  for (const id of agentIds) signals.agentChanged(id);
}

/**
 * Disassociates the floating IPs of a port whose fixed IP went away (`keep` = the addresses the port
 * still has; none when the port is deleted), as Neutron does. Returns the disassociated records.
 */
export async function releaseFloatingIpsOf(
  tx: StoreTx,
  portId: string,
  keep: readonly string[],
  now: string,
): Promise<FloatingIpRecord[]> {
  const released: FloatingIpRecord[] = [];
  for (const fip of await tx.floatingIps.find({ port_id: portId })) {
    if (fip.fixed_ip_address !== null && keep.includes(fip.fixed_ip_address)) continue;
    await tx.floatingIps.update(revised({ ...fip, port_id: null, fixed_ip_address: null }, now));
    released.push(fip);
  }
  return released;
}
