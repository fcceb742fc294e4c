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

/**
 * The lowest address of the subnet's allocation pools that is greater than `previous` (any address when
 * `previous` is undefined), skipping the gateway; undefined past the end of the pools. With `previous` =
 * the highest address in use, this allocates in O(1) without reading every allocation — the full
 * `allocateAddress` scan is only needed once the top of the pools is reached.
 */
export function addressAfter(subnet: AllocatableSubnet, previous: string | undefined): string | undefined {
  const after = previous === undefined ? undefined : parseIpAddress(previous);
  const gateway = subnet.gateway_ip === null ? undefined : parseIpAddress(subnet.gateway_ip);
  let best: { version: 4 | 6; value: bigint } | undefined;
  for (const pool of subnet.allocation_pools) {
    const bounds = poolBounds(pool);
    if (bounds === undefined || (after !== undefined && after.version !== bounds.version)) continue;
    let value = after === undefined || after.value < bounds.start ? bounds.start : after.value + 1n;
    if (gateway !== undefined && gateway.version === bounds.version && gateway.value === value) value += 1n;
    if (value > bounds.end) continue;
    if (best === undefined || value < best.value) best = { version: bounds.version, value };
  }
  return best === undefined ? undefined : formatIpAddress(best.version, best.value);
}
