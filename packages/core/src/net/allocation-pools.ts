import { invalidInput } from '../errors/domain-error.js';
import { cidrRange, requireCidr } from './cidr.js';
import type { AllocationPool } from '../model/records.js';
import { formatIpAddress, parseIpAddress, type ParsedIp } from './ip-address.js';

/** Parses an IP or throws the WSME IP validation error naming `field`. */
export function requireIp(s: string, field: string): ParsedIp {
  const parsed = parseIpAddress(s);
  if (parsed === undefined) throw invalidInput(field, s, 'Value should be IPv4 or IPv6 format');
  return parsed;
}

/**
 * Default Neutron allocation pools (neutron/ipam/utils.py `generate_pools`): network+1 up to the last
 * address before broadcast (IPv4) or the last address (IPv6), minus the gateway wherever it lies (a
 * gateway inside the range splits it in two). A /32 or /128 is one single-address pool; /31 and /127 get none.
 */
export function defaultAllocationPools(cidr: string, gatewayIp: string | null): AllocationPool[] {
  const net = requireCidr(cidr);
  const { first, last } = cidrRange(net);
  const fmt = (v: bigint): string => formatIpAddress(net.version, v);
  if (first === last) return [{ start: fmt(first), end: fmt(last) }];
  const start = first + 1n;
  const end = net.version === 4 ? last - 1n : last;
  if (start >= end) return [];
  const gateway = gatewayIp === null ? undefined : requireIp(gatewayIp, 'gateway_ip');
  if (
    gateway === undefined ||
    gateway.version !== net.version ||
    gateway.value < start ||
    gateway.value > end
  ) {
    return [{ start: fmt(start), end: fmt(end) }];
  }
  const pools: AllocationPool[] = [];
  if (gateway.value > start) pools.push({ start: fmt(start), end: fmt(gateway.value - 1n) });
  if (gateway.value < end) pools.push({ start: fmt(gateway.value + 1n), end: fmt(end) });
  return pools;
}

/** Numeric bounds of a pool, or undefined when its texts are not addresses of one version. */
export function poolBounds(pool: AllocationPool): { version: 4 | 6; start: bigint; end: bigint } | undefined {
  const start = parseIpAddress(pool.start);
  const end = parseIpAddress(pool.end);
  if (start === undefined || end === undefined || start.version !== end.version) return undefined;
  return { version: start.version, start: start.value, end: end.value };
}

/** True when ip is inside one of the allocation pools. */
export function inAllocationPools(pools: readonly AllocationPool[], ip: string): boolean {
  const address = parseIpAddress(ip);
  if (address === undefined) return false;
  return pools.some((pool) => {
    const bounds = poolBounds(pool);
    return (
      bounds !== undefined &&
      bounds.version === address.version &&
      address.value >= bounds.start &&
      address.value <= bounds.end
    );
  });
}
