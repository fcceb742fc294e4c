import type { AllocationPool } from '../model/records.js';
import { poolBounds } from './allocation-pools.js';
import { formatIpAddress, parseIpAddress } from './ip-address.js';

/** The subnet fields address allocation needs (Neutron subnet wire names). */
export interface AllocatableSubnet {
  cidr: string;
  gateway_ip: string | null;
  allocation_pools: readonly AllocationPool[];
}

/**
 * First free address of the subnet's allocation pools not in `used` (canonical texts) and not the
 * gateway; undefined when full. Each candidate is either taken (at most |used| + 1 of those) or
 * returned, so the walk is O(|used| + pools) whatever the pool size — fine for a /16 or an IPv6 /64.
 */
export function allocateAddress(subnet: AllocatableSubnet, used: ReadonlySet<string>): string | undefined {
  const gateway = subnet.gateway_ip === null ? undefined : parseIpAddress(subnet.gateway_ip);
  for (const pool of subnet.allocation_pools) {
    const bounds = poolBounds(pool);
    if (bounds === undefined) continue;
    for (let value = bounds.start; value <= bounds.end; value++) {
      if (gateway !== undefined && gateway.version === bounds.version && gateway.value === value) continue;
      const text = formatIpAddress(bounds.version, value);
      if (!used.has(text)) return text;
    }
  }
  return undefined;
}
