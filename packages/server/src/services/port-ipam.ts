import {
  allocateAddress,
  cidrContains,
  cidrRange,
  parseCidr,
  parseIpAddress,
  formatIpAddress,
  type FixedIp,
  type NetworkRecord,
  type SubnetRecord,
} from '@lbaas/core';
import type { FixedIpRequest } from '@lbaas/contract';
import { neutronErrors } from './neutron-error.js';
import type { StoreTx } from './ports.js';
import { freeAddress } from './vip-allocator.js';

/**
 * Resolves a port's requested fixed IPs into addresses, through the same IPAM as VIPs (port_ips):
 * `[{subnet_id}]` takes a free address of that subnet, `[{ip_address}]` the subnet that contains it,
 * both = exactly that address. `undefined` (not given) = one address of the first subnet — IPv4 first —
 * that has room; `[]` = none. `keep` are the addresses the port already holds (an update may keep them).
 */
export async function allocateFixedIps(
  tx: StoreTx,
  network: NetworkRecord,
  requested: readonly FixedIpRequest[] | undefined,
  keep: readonly FixedIp[] = [],
): Promise<FixedIp[]> {
  const subnets = await tx.subnets.find({ network_id: network.id });
  const taken = new Set<string>();
  const out: FixedIp[] = [];
  const push = (ip: FixedIp): void => {
    taken.add(`${ip.subnet_id}|${ip.ip_address}`);
    out.push(ip);
  };
  if (requested === undefined) {
    if (subnets.length === 0) return [];
    const ordered = [...subnets].sort((a, b) => a.ip_version - b.ip_version);
    for (const s of ordered) {
      const ip = await nextFree(tx, s, taken);
      if (ip !== undefined) return [{ subnet_id: s.id, ip_address: ip }];
    }
    throw neutronErrors.ipAddressGenerationFailure(network.id);
  }
  for (const req of requested) {
    if (req.ip_address !== undefined) {
      const address = parseIpAddress(req.ip_address);
      if (address === undefined) {
        throw neutronErrors.badRequest('port', `Invalid IP address ${req.ip_address}`);
      }
      const text = formatIpAddress(address.version, address.value);
      let subnet: SubnetRecord | undefined;
      if (req.subnet_id !== undefined) {
        subnet = subnetOf(subnets, req.subnet_id, network.id);
        if (!validForSubnet(subnet, text)) throw neutronErrors.invalidIpForSubnet(text);
      } else {
        subnet = subnets.find((s) => validForSubnet(s, text));
        if (!subnet) throw neutronErrors.invalidIpForNetwork(text);
      }
      const key = `${subnet.id}|${text}`;
      const mine = keep.some((k) => k.subnet_id === subnet.id && k.ip_address === text);
      if (taken.has(key) || (!mine && (await tx.ports.isAllocated(subnet.id, text)))) {
        throw neutronErrors.ipAddressAlreadyAllocated(text, subnet.id);
      }
      push({ subnet_id: subnet.id, ip_address: text });
    } else if (req.subnet_id !== undefined) {
      const subnet = subnetOf(subnets, req.subnet_id, network.id);
      const kept = keep.find(
        (k) => k.subnet_id === subnet.id && !taken.has(`${k.subnet_id}|${k.ip_address}`),
      );
      const ip = kept?.ip_address ?? (await nextFree(tx, subnet, taken));
      if (ip === undefined) throw neutronErrors.ipAddressGenerationFailure(network.id);
      push({ subnet_id: subnet.id, ip_address: ip });
    } else {
      throw neutronErrors.badRequest('port', 'Fixed IP entries need a subnet_id or an ip_address');
    }
  }
  return out;
}

function subnetOf(subnets: readonly SubnetRecord[], id: string, networkId: string): SubnetRecord {
  const s = subnets.find((x) => x.id === id);
  if (!s) {
    throw neutronErrors.invalidInput(
      `Failed to create port on network ${networkId}, because fixed_ips included invalid subnet ${id}`,
    );
  }
  return s;
}

/** Inside the CIDR, not the gateway, and (IPv4) neither the network nor the broadcast address. */
function validForSubnet(subnet: SubnetRecord, ip: string): boolean {
  if (!cidrContains(subnet.cidr, ip) || ip === subnet.gateway_ip) return false;
  const cidr = parseCidr(subnet.cidr);
  const address = parseIpAddress(ip);
  if (cidr === undefined || address === undefined) return false;
  const { first, last } = cidrRange(cidr);
  if (cidr.version === 4 && last - first >= 2n) return address.value !== first && address.value !== last;
  return true;
}

/** A free pool address not yet handed out in this request. */
async function nextFree(
  tx: StoreTx,
  subnet: SubnetRecord,
  taken: ReadonlySet<string>,
): Promise<string | undefined> {
  const quick = await freeAddress(tx, subnet);
  if (quick !== undefined && !taken.has(`${subnet.id}|${quick}`)) return quick;
  const used = new Set(await tx.ports.allocatedAddresses(subnet.id));
  for (const key of taken) {
    const [sid, ip] = key.split('|');
    if (sid === subnet.id && ip !== undefined) used.add(ip);
  }
  return allocateAddress(subnet, used);
}
