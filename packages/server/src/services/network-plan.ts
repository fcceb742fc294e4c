import { createHash } from 'node:crypto';
import type { AgentFloatingIp, AgentNetworkPlan } from '@lbaas/contract';
import type { PortRecord } from '@lbaas/core';
import { DEFAULT_NETWORK_NAME } from './network.service.js';
import type { StoreTx } from './ports.js';

/** The VIP fields of a load balancer the plan is built from. */
export interface VipOf {
  id: string;
  vip_address: string;
  vip_port_id: string;
  vip_subnet_id: string;
  vip_network_id: string;
}

/**
 * sha256 (hex) of what an agent applies for one load balancer: the rendered haproxy.cfg, the network
 * plan and the digest of the files next to the cfg (certificates). Agent and server compare it to skip no-op applies; a floating IP change moves it without a new
 * revision of the load balancer.
 */
export function placementHash(haproxyCfg: string, plan: AgentNetworkPlan, filesDigest = ''): string {
  const h = createHash('sha256').update(haproxyCfg).update('\0').update(JSON.stringify(plan));
  // Without files the hash is what it was before placements carried files (no churn on upgrade).
  if (filesDigest !== '') h.update('\0').update(filesDigest);
  return h.digest('hex');
}

/** A Neutron-style MAC (fa:16:3e:…) derived from a port id, for ports stored before ports had one. */
export function derivedMacAddress(portId: string): string {
  const h = createHash('sha256').update(portId).digest();
  const byte = (i: number): string => (h[i] ?? 0).toString(16).padStart(2, '0');
  return `fa:16:3e:${byte(0)}:${byte(1)}:${byte(2)}`;
}

function macOf(port: PortRecord | undefined, portId: string): string {
  const mac = (port as { mac_address?: unknown } | undefined)?.mac_address;
  return typeof mac === 'string' && mac !== '' ? mac : derivedMacAddress(portId);
}

/**
 * Where the load balancer's VIP lives and which floating IPs must reach it (contract AgentNetworkPlan),
 * read from the network model in the same transaction as the placement it goes into.
 */
export async function buildNetworkPlan(tx: StoreTx, lb: VipOf): Promise<AgentNetworkPlan> {
  const [network, subnet, port] = await Promise.all([
    tx.networks.get(lb.vip_network_id),
    tx.subnets.get(lb.vip_subnet_id),
    tx.ports.get(lb.vip_port_id),
  ]);
  const floating_ips: AgentFloatingIp[] = [];
  const fips = await tx.floatingIps.find({ port_id: lb.vip_port_id });
  for (const fip of [...fips].sort((a, b) => a.id.localeCompare(b.id))) {
    // Only the VIP's own address is served; a floating IP on another fixed IP of the port reaches nothing.
    if (fip.fixed_ip_address !== null && fip.fixed_ip_address !== lb.vip_address) continue;
    const [extNet, extSubnet] = await Promise.all([
      tx.networks.get(fip.floating_network_id),
      tx.subnets.get(fip.floating_subnet_id),
    ]);
    if (!extNet || !extSubnet) continue;
    floating_ips.push({
      id: fip.id,
      address: fip.floating_ip_address,
      network_id: extNet.id,
      cidr: extSubnet.cidr,
      gateway_ip: extSubnet.gateway_ip,
      mtu: extNet.mtu,
    });
  }
  return {
    vip: {
      address: lb.vip_address,
      ip_version: lb.vip_address.includes(':') ? 6 : 4,
      port_id: lb.vip_port_id,
      mac_address: macOf(port, lb.vip_port_id),
      network_id: lb.vip_network_id,
      subnet_id: lb.vip_subnet_id,
      cidr: subnet?.cidr ?? (lb.vip_address.includes(':') ? `${lb.vip_address}/128` : `${lb.vip_address}/32`),
      gateway_ip: subnet?.gateway_ip ?? null,
      mtu: network?.mtu ?? 1500,
      loopback: network?.name === DEFAULT_NETWORK_NAME,
    },
    floating_ips,
  };
}

/**
 * Re-plans the network of a placed load balancer after a floating IP change (same transaction): stores
 * the new plan and hash and bumps the agent's generation. Returns the agent to wake, or undefined when
 * nothing changed (not placed, being deleted, or the same plan).
 */
export async function replanLoadBalancerNetwork(
  tx: StoreTx,
  loadBalancerId: string,
): Promise<string | undefined> {
  const placement = await tx.placements.get(loadBalancerId);
  const lb = await tx.loadBalancers.get(loadBalancerId);
  if (!placement || placement.deleted || !lb) return undefined;
  const network = await buildNetworkPlan(tx, lb);
  const hash = placementHash(placement.haproxy_cfg, network, placement.tls_files?.digest);
  if (hash === placement.hash) return undefined;
  await tx.placements.put({ ...placement, network, hash, last_error: null });
  await tx.agents.bumpGeneration(placement.agent_id);
  return placement.agent_id;
}
