import {
  addressAfter,
  allocateAddress,
  canonicalIp,
  cidrContains,
  DomainError,
  validationFailure,
  type NetworkRecord,
  type PortRecord,
  type SubnetRecord,
} from '@lbaas/core';
import { uniqueMacAddress } from './mac-address.js';
import type { StoreTx } from './ports.js';

/** The VIP arguments of a load balancer create. */
export interface VipRequest {
  vip_port_id?: string | null | undefined;
  vip_network_id?: string | null | undefined;
  vip_subnet_id?: string | null | undefined;
  vip_address?: string | null | undefined;
}

/** A resolved VIP: where it lives and the port that holds its address. */
export interface VipAllocation {
  networkId: string;
  subnetId: string;
  address: string;
  port: PortRecord;
  /** True when the caller brought the port (it is not deleted with the load balancer). */
  portProvided: boolean;
}

/** Device id written on VIP ports, as Octavia does (`lb-<id>`). */
export function vipPortDeviceId(loadBalancerId: string): string {
  return `lb-${loadBalancerId}`;
}

/** Name of a VIP port the service created itself (deleted with its load balancer; a user's port is only released). */
export function ownedVipPortName(loadBalancerId: string): string {
  return `octavia-lb-${loadBalancerId}`;
}

/**
 * Resolves `vip_port_id` / `vip_network_id` / `vip_subnet_id` / `vip_address` exactly as Octavia does
 * (spec §4.1.1 "VIP resolution rules") against the built-in network model, and allocates the address.
 */
export async function allocateVip(
  tx: StoreTx,
  req: VipRequest,
  lb: { id: string; project_id: string },
  ids: { uuid(): string },
  now: string,
): Promise<VipAllocation> {
  const address = req.vip_address ? canonicalIp(req.vip_address) : undefined;
  if (req.vip_port_id) return usePort(tx, req.vip_port_id, req.vip_subnet_id ?? undefined, address, lb);
  let subnet: SubnetRecord;
  if (req.vip_network_id) {
    const network = await tx.networks.get(req.vip_network_id);
    if (!network || !usableBy(network, lb.project_id))
      throw new DomainError('invalid', `Network ${req.vip_network_id} not found.`);
    const subnets = await tx.subnets.find({ network_id: network.id });
    if (req.vip_subnet_id) {
      const s = subnets.find((x) => x.id === req.vip_subnet_id);
      if (!s) throw new DomainError('invalid', `Subnet ${req.vip_subnet_id} not found.`);
      subnet = s;
    } else if (address) {
      const s = subnets.find((x) => cidrContains(x.cidr, address));
      if (!s)
        throw validationFailure('Supplied network does not contain a subnet for VIP address specified.');
      subnet = s;
    } else {
      if (subnets.length === 0) throw validationFailure('Supplied network does not contain a subnet.');
      const ordered = [...subnets].sort((a, b) => a.ip_version - b.ip_version);
      let chosen: SubnetRecord | undefined;
      for (const s of ordered) {
        if (await freeAddress(tx, s)) {
          chosen = s;
          break;
        }
      }
      if (!chosen)
        throw validationFailure('Subnet(s) in the supplied network do not contain enough available IPs.');
      subnet = chosen;
    }
  } else if (req.vip_subnet_id) {
    const s = await tx.subnets.get(req.vip_subnet_id);
    const network = s && (await tx.networks.get(s.network_id));
    if (!s || !network || (s.project_id !== lb.project_id && !usableBy(network, lb.project_id)))
      throw new DomainError('invalid', `Subnet ${req.vip_subnet_id} not found.`);
    subnet = s;
  } else {
    throw validationFailure('VIP must contain one of: vip_port_id, vip_network_id, vip_subnet_id.');
  }

  let ip: string;
  if (address) {
    if (!cidrContains(subnet.cidr, address) || address === subnet.gateway_ip) {
      throw new DomainError('invalid', `IP address ${address} is not a valid IP for the specified subnet.`);
    }
    if (await tx.ports.isAllocated(subnet.id, address)) {
      throw new DomainError(
        'conflict',
        `The VIP IP address is already in use: IP address ${address} already allocated in subnet ${subnet.id}`,
      );
    }
    ip = address;
  } else {
    const free = await freeAddress(tx, subnet);
    if (!free)
      throw new DomainError('conflict', `No more IP addresses available on network ${subnet.network_id}.`);
    ip = free;
  }
  const port: PortRecord = {
    id: ids.uuid(),
    project_id: lb.project_id,
    network_id: subnet.network_id,
    name: ownedVipPortName(lb.id),
    device_owner: 'Octavia',
    device_id: vipPortDeviceId(lb.id),
    fixed_ips: [{ subnet_id: subnet.id, ip_address: ip }],
    admin_state_up: false,
    mac_address: await uniqueMacAddress(tx, ids, subnet.network_id),
    created_at: now,
    updated_at: null,
  };
  await tx.ports.insert(port);
  return { networkId: subnet.network_id, subnetId: subnet.id, address: ip, port, portProvided: false };
}

/** A network a project may put a VIP on: its own, a shared one, or an external one (as Neutron shows them). */
function usableBy(network: NetworkRecord, projectId: string): boolean {
  return network.project_id === projectId || network.shared || network.external;
}

/**
 * A free address of the subnet: the next one above the highest in use (O(1)), or — once the top of the
 * pools is reached — the first hole left by deleted load balancers (a full scan, rare).
 */
export async function freeAddress(tx: StoreTx, subnet: SubnetRecord): Promise<string | undefined> {
  const next = addressAfter(subnet, await tx.ports.highestAllocated(subnet.id));
  if (next !== undefined) return next;
  return allocateAddress(subnet, new Set(await tx.ports.allocatedAddresses(subnet.id)));
}

async function usePort(
  tx: StoreTx,
  portId: string,
  subnetId: string | undefined,
  address: string | undefined,
  lb: { id: string; project_id: string },
): Promise<VipAllocation> {
  const port = await tx.ports.get(portId);
  // Another project's port is as good as missing (Octavia looks it up with the caller's credentials).
  if (!port || port.project_id !== lb.project_id)
    throw new DomainError('invalid', `Port ${portId} not found.`);
  const network = await tx.networks.get(port.network_id);
  if (!network || !usableBy(network, lb.project_id))
    throw new DomainError('invalid', `Network ${port.network_id} not found.`);
  if (port.device_id && port.device_id !== vipPortDeviceId(lb.id)) {
    throw new DomainError('invalid', `Port ${portId} is already used by device ${port.device_id}`);
  }
  let fixed = port.fixed_ips;
  if (subnetId) {
    fixed = fixed.filter((f) => f.subnet_id === subnetId);
    if (fixed.length === 0)
      throw validationFailure('No VIP address found on the specified VIP port within the specified subnet.');
  }
  if (address) {
    fixed = fixed.filter((f) => f.ip_address === address);
    if (fixed.length === 0)
      throw validationFailure('Specified VIP address not found on the specified VIP port.');
  }
  const only = fixed[0];
  if (!only || (fixed.length > 1 && !subnetId && !address)) {
    throw validationFailure(
      "VIP port's subnet could not be determined. Please specify either a VIP subnet or address.",
    );
  }
  const claimed: PortRecord = { ...port, device_owner: 'Octavia', device_id: vipPortDeviceId(lb.id) };
  await tx.ports.update(claimed);
  return {
    networkId: port.network_id,
    subnetId: only.subnet_id,
    address: only.ip_address,
    port: claimed,
    portProvided: true,
  };
}
