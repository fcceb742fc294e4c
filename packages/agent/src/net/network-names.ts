import { createHash } from 'node:crypto';
import { normalizeUuid, parseIpv4, parseIpv6 } from '@lbaas/contract';
import { assertLoadBalancerId } from '../apply/load-balancer-id.js';

// Names of the kernel objects the plumbers create, all deterministic from ids so that an agent restarted
// with no plan in memory finds (and removes) what it made. Linux interface names have at most 15 bytes.

/** Prefix of every load balancer namespace: `qlbaas-<lb-id>`. */
export const NAMESPACE_PREFIX = 'qlbaas-';
/** `ip link … alias` of the bridges this agent created (and only those may be garbage-collected). */
export const BRIDGE_ALIAS_PREFIX = 'lbaas:';
/** Name of the nftables table (family ip) inside a load balancer namespace that realises floating IPs. */
export const FIP_TABLE = 'lbaas_fip';

const interfaceNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,14}$/;
const namespaceNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/;

/** Returns the name if it is a safe Linux interface name (≤ 15 chars of [A-Za-z0-9_-]), throws otherwise. */
export function assertInterfaceName(name: string): string {
  if (!interfaceNamePattern.test(name)) {
    throw new Error(`invalid interface name ${JSON.stringify(name)}: expected up to 15 of [A-Za-z0-9_-]`);
  }
  return name;
}

/** Returns the name if it is a safe network namespace name, throws otherwise. */
export function assertNamespaceName(name: string): string {
  if (!namespaceNamePattern.test(name)) {
    throw new Error(`invalid network namespace name ${JSON.stringify(name)}`);
  }
  return name;
}

/** Returns the id if it is a canonical lower-case UUID (ids become interface names), throws otherwise. */
export function assertCanonicalUuid(id: string, what: string): string {
  if (normalizeUuid(id) !== id)
    throw new Error(`invalid ${what} ${JSON.stringify(id)}: expected a lower-case UUID`);
  return id;
}

/** Returns the MAC (lower-case, colon-separated, unicast) or throws. */
export function assertMacAddress(mac: string): string {
  const match = /^([0-9a-f]{2})(:[0-9a-f]{2}){5}$/.exec(mac);
  if (match === null || (parseInt(match[1] ?? '1', 16) & 1) === 1) {
    throw new Error(`invalid MAC address ${JSON.stringify(mac)}: expected a unicast aa:bb:cc:dd:ee:ff`);
  }
  return mac;
}

/** Returns the address if it is an IPv4 literal in canonical dotted-quad form, throws otherwise. */
export function assertIpv4(address: string, what = 'IPv4 address'): string {
  if (parseIpv4(address) === undefined) throw new Error(`invalid ${what} ${JSON.stringify(address)}`);
  return address;
}

/** Returns the address if it is an IPv4 or IPv6 literal (no zone, no prefix), throws otherwise. */
export function assertIpAddress(address: string, what = 'IP address'): string {
  if (parseIpv4(address) === undefined && parseIpv6(address) === undefined) {
    throw new Error(`invalid ${what} ${JSON.stringify(address)}`);
  }
  return address;
}

/** The prefix length of a CIDR of the given family (`10.0.0.0/24` → 24), or throws. */
export function prefixLengthOf(cidr: string, family: 4 | 6): number {
  const slash = cidr.indexOf('/');
  const address = cidr.slice(0, slash);
  const prefix = Number(cidr.slice(slash + 1));
  const max = family === 4 ? 32 : 128;
  const parsed = family === 4 ? parseIpv4(address) : parseIpv6(address);
  if (slash < 1 || parsed === undefined || !/^\d{1,3}$/.test(cidr.slice(slash + 1)) || prefix > max) {
    throw new Error(`invalid IPv${family} CIDR ${JSON.stringify(cidr)}`);
  }
  return prefix;
}

/** `qlbaas-<lb-id>`: the namespace of one load balancer in netns mode. */
export function namespaceName(loadBalancerId: string): string {
  return `${NAMESPACE_PREFIX}${assertLoadBalancerId(loadBalancerId)}`;
}

/** The load balancer id of a `qlbaas-<lb-id>` namespace name, or undefined for any other name. */
export function loadBalancerIdOfNamespace(name: string): string | undefined {
  if (!name.startsWith(NAMESPACE_PREFIX)) return undefined;
  const id = name.slice(NAMESPACE_PREFIX.length);
  try {
    return assertLoadBalancerId(id);
  } catch {
    return undefined;
  }
}

/** Neutron's Linux-bridge name of a network: `brq` + the first 11 characters of its id. */
export function bridgeName(networkId: string): string {
  return `brq${assertCanonicalUuid(networkId, 'network id').slice(0, 11)}`;
}

/** Host end of the VIP port's veth (Neutron's tap naming): `tap` + port id[:11]. */
export function vipHostVethName(portId: string): string {
  return `tap${assertCanonicalUuid(portId, 'VIP port id').slice(0, 11)}`;
}

/** Namespace end of the VIP port's veth: `vip-` + port id[:11]. */
export function vipNamespaceVethName(portId: string): string {
  return `vip-${assertCanonicalUuid(portId, 'VIP port id').slice(0, 11)}`;
}

/**
 * Host end of a load balancer's leg into an external network: `fgh` + 11 hex digits of
 * sha256(lb id, network id). It must be unique on the host across load balancers, and there is no port id
 * to take it from (one leg serves every floating IP of the load balancer on that network).
 */
export function fipHostVethName(loadBalancerId: string, networkId: string): string {
  const lb = assertLoadBalancerId(loadBalancerId);
  const net = assertCanonicalUuid(networkId, 'external network id');
  return `fgh${createHash('sha256').update(`${lb}/${net}`).digest('hex').slice(0, 11)}`;
}

/** Namespace end of the leg into an external network: `fg-` + network id[:11] (unique inside the namespace). */
export function fipNamespaceVethName(networkId: string): string {
  return `fg-${assertCanonicalUuid(networkId, 'external network id').slice(0, 11)}`;
}

/** The `ip link … alias` marking a bridge this agent created for a network. */
export function bridgeAlias(networkId: string): string {
  return `${BRIDGE_ALIAS_PREFIX}${assertCanonicalUuid(networkId, 'network id')}`;
}
