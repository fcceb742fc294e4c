import {
  cidrRange,
  defaultAllocationPools,
  formatIpAddress,
  parseCidr,
  parseIpAddress,
  type AllocationPool,
  type HostRoute,
  type ParsedCidr,
} from '@lbaas/core';
import { NeutronError, neutronErrors } from './neutron-error.js';

/** Addresses and pools of a subnet as validated for a create or update. */
export interface SubnetLayout {
  cidr: string;
  ipVersion: 4 | 6;
  gatewayIp: string | null;
  allocationPools: AllocationPool[];
}

const bad = (message: string): NeutronError => new NeutronError('invalid', 'HTTPBadRequest', message);
const reason = (attr: string, why: string): NeutronError => bad(`Invalid input for ${attr}. Reason: ${why}.`);

/** Parses a subnet CIDR the way neutron-lib's validate_subnet does (host bits set is an error). */
export function parseSubnetCidr(cidr: string, ipVersion: 4 | 6): { text: string; parsed: ParsedCidr } {
  const parsed = parseCidr(cidr);
  if (parsed === undefined) throw reason('cidr', `'${cidr}' is not a valid IP subnet`);
  const text = `${formatIpAddress(parsed.version, parsed.network)}/${parsed.prefix}`;
  const [address] = cidr.split('/');
  const given = parseIpAddress(address ?? '');
  if (given === undefined || given.value !== parsed.network) {
    throw reason('cidr', `'${cidr}' isn't a recognized IP subnet cidr, '${text}' is recommended`);
  }
  if (parsed.version !== ipVersion) {
    throw neutronErrors.invalidInput(`cidr '${cidr}' does not match the ip_version '${ipVersion}'`);
  }
  return { text, parsed };
}

/** Canonical text of an address of the subnet's version, or the 400 neutron-lib gives for `attr`. */
export function subnetAddress(value: string, version: 4 | 6, attr: string): { text: string; value: bigint } {
  const ip = parseIpAddress(value);
  if (ip === undefined) throw reason(attr, `'${value}' is not a valid IP address`);
  if (ip.version !== version) {
    throw neutronErrors.invalidInput(`${attr} '${value}' does not match the ip_version '${version}'`);
  }
  return { text: formatIpAddress(ip.version, ip.value), value: ip.value };
}

/** The usable host range of a CIDR: IPv4 excludes network and broadcast (except /31, /32), IPv6 only the subnet-router anycast. */
function hostRange(cidr: ParsedCidr): { first: bigint; last: bigint } {
  const { first, last } = cidrRange(cidr);
  if (last - first < 2n) return { first, last };
  return { first: first + 1n, last: cidr.version === 4 ? last - 1n : last };
}

const poolText = (p: AllocationPool): string => `${p.start}-${p.end}`;

/**
 * Validates gateway and allocation pools against the CIDR with Neutron's rules and messages; fills the
 * defaults (gateway = first host when undefined; pools = the host range minus the gateway).
 */
export function subnetLayout(
  cidrText: string,
  cidr: ParsedCidr,
  gateway: string | null | undefined,
  pools: readonly AllocationPool[] | undefined,
): SubnetLayout {
  const hosts = hostRange(cidr);
  let gatewayIp: string | null = null;
  let gatewayValue: bigint | undefined;
  if (gateway === undefined) {
    if (hosts.last > hosts.first) {
      gatewayValue = hosts.first;
      gatewayIp = formatIpAddress(cidr.version, hosts.first);
    }
  } else if (gateway !== null) {
    const gw = subnetAddress(gateway, cidr.version, 'gateway_ip');
    const { first, last } = cidrRange(cidr);
    const broadcast = cidr.version === 4 && last - first >= 2n && gw.value === last;
    if (gw.value < first || gw.value > last || (gw.value === first && last - first >= 2n) || broadcast) {
      throw neutronErrors.invalidInput(`Gateway is not valid on subnet`);
    }
    gatewayIp = gw.text;
    gatewayValue = gw.value;
  }
  if (pools === undefined) {
    return {
      cidr: cidrText,
      ipVersion: cidr.version,
      gatewayIp,
      allocationPools: defaultAllocationPools(cidrText, gatewayIp),
    };
  }
  const ranges = pools.map((pool) => {
    const start = parseIpAddress(pool.start);
    const end = parseIpAddress(pool.end);
    if (
      start === undefined ||
      end === undefined ||
      start.version !== cidr.version ||
      end.version !== cidr.version ||
      start.value > end.value
    ) {
      throw new NeutronError(
        'invalid',
        'InvalidAllocationPool',
        `The allocation pool ${poolText(pool)} is not valid.`,
      );
    }
    const canonical = {
      start: formatIpAddress(cidr.version, start.value),
      end: formatIpAddress(cidr.version, end.value),
    };
    if (start.value < hosts.first || end.value > hosts.last) {
      throw new NeutronError(
        'invalid',
        'OutOfBoundsAllocationPool',
        `The allocation pool ${poolText(canonical)} spans beyond the subnet cidr ${cidrText}.`,
      );
    }
    return { pool: canonical, start: start.value, end: end.value };
  });
  for (const [i, a] of ranges.entries()) {
    for (const b of ranges.slice(i + 1)) {
      if (a.start <= b.end && b.start <= a.end) {
        throw new NeutronError(
          'conflict',
          'OverlappingAllocationPools',
          `Found overlapping allocation pools: ${poolText(a.pool)} ${poolText(b.pool)} for subnet ${cidrText}.`,
        );
      }
    }
    if (gatewayValue !== undefined && gatewayValue >= a.start && gatewayValue <= a.end) {
      throw new NeutronError(
        'conflict',
        'GatewayConflictWithAllocationPools',
        `Gateway ip ${gatewayIp ?? ''} conflicts with allocation pool ${poolText(a.pool)}`,
      );
    }
  }
  return { cidr: cidrText, ipVersion: cidr.version, gatewayIp, allocationPools: ranges.map((r) => r.pool) };
}

/** True when two CIDRs share an address. */
export function cidrsOverlap(a: ParsedCidr, b: ParsedCidr): boolean {
  if (a.version !== b.version) return false;
  const ra = cidrRange(a);
  const rb = cidrRange(b);
  return ra.first <= rb.last && rb.first <= ra.last;
}

/** dns_nameservers: IP addresses, no duplicates (neutron-lib validate_nameservers). */
export function validNameservers(servers: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const s of servers) {
    if (parseIpAddress(s) === undefined) throw reason('dns_nameservers', `'${s}' is not a valid nameserver`);
    if (seen.has(s)) throw reason('dns_nameservers', `'${s}' is a duplicate nameserver`);
    seen.add(s);
  }
  return [...servers];
}

/** host_routes: a CIDR destination and an IP next hop each (neutron-lib validate_hostroutes). */
export function validHostRoutes(routes: readonly HostRoute[]): HostRoute[] {
  for (const r of routes) {
    if (parseCidr(r.destination) === undefined || parseIpAddress(r.nexthop) === undefined) {
      throw reason('host_routes', `Invalid data format for hostroute: '${JSON.stringify(r)}'`);
    }
  }
  return routes.map((r) => ({ destination: r.destination, nexthop: r.nexthop }));
}
