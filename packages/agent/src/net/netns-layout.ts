import { formatIpv6, normalizeCidr, parseIpv4, parseIpv6, type AgentNetworkPlan } from '@lbaas/contract';
import { renderFloatingIpRuleset } from './floating-ip-ruleset.js';
import {
  assertCanonicalUuid,
  assertMacAddress,
  bridgeAlias,
  bridgeName,
  fipHostVethName,
  fipNamespaceVethName,
  namespaceName,
  prefixLengthOf,
  vipHostVethName,
  vipNamespaceVethName,
} from './network-names.js';

/** Policy-routing tables, rule priorities and connection marks of external legs: FIRST_FIP_TABLE + i. */
export const FIRST_FIP_TABLE = 1001;
/** Exclusive upper bound of that range: tables/rules in [FIRST_FIP_TABLE, LAST) are ours to delete. */
export const FIP_TABLE_LIMIT = 2000;

/** A Linux bridge a leg is enslaved to (created, with `alias`, when missing). */
export interface NetnsBridge {
  name: string;
  alias: string;
  mtu: number;
}

/** One veth pair between the host (enslaved to `bridge`) and the load balancer namespace. */
export interface NetnsLeg {
  role: 'vip' | 'fip';
  hostName: string;
  nsName: string;
  bridge: string;
  mtu: number;
  /** MAC of the namespace end (the VIP port's); undefined = whatever the kernel chose. */
  mac?: string;
  /** `address/prefix` on the namespace end. */
  addresses: string[];
}

/** A route inside the namespace; `table` undefined = main. */
export interface NetnsRoute {
  table?: number;
  /** `default` or a normalized CIDR. */
  dst: string;
  gateway?: string;
  dev: string;
}

/** `ip rule fwmark <mark> lookup <table> priority <priority>` (all three equal here). */
export interface NetnsRule {
  priority: number;
  mark: number;
  table: number;
}

/** Everything netns mode builds for one load balancer, derived from its plan (pure, validated). */
export interface NetnsLayout {
  loadBalancerId: string;
  namespace: string;
  family: 4 | 6;
  bridges: NetnsBridge[];
  legs: NetnsLeg[];
  routes: NetnsRoute[];
  rules: NetnsRule[];
  /** The `nft -f -` script of table `ip lbaas_fip` (IPv4 VIPs only). */
  ruleset?: string;
  /** Floating IPs exist: the ruleset must be loaded (otherwise it is loaded only to delete stale rules). */
  hasFloatingIps: boolean;
}

/**
 * sysctls of every load balancer namespace: answer ARP only on the interface that owns the address
 * (arp_ignore=1) and with the best local source (arp_announce=2) — the namespace has several legs on
 * different bridges; no reverse-path filter, because replies to floating-IP clients are policy-routed.
 */
export const NAMESPACE_SYSCTLS: readonly string[] = [
  'net.ipv4.conf.all.arp_ignore=1',
  'net.ipv4.conf.all.arp_announce=2',
  'net.ipv4.conf.all.rp_filter=0',
  'net.ipv4.conf.default.rp_filter=0',
];

/** Builds the netns layout of a (non-loopback) plan; throws a clear error for any value it cannot use. */
export function planNetnsLayout(loadBalancerId: string, plan: AgentNetworkPlan): NetnsLayout {
  const { vip } = plan;
  const family = vip.ip_version;
  const parse = family === 4 ? parseIpv4 : parseIpv6;
  if (parse(vip.address) === undefined) {
    throw new Error(`VIP address ${JSON.stringify(vip.address)} is not an IPv${family} address`);
  }
  const prefix = prefixLengthOf(vip.cidr, family);
  if (vip.gateway_ip !== null && parse(vip.gateway_ip) === undefined) {
    throw new Error(
      `gateway ${JSON.stringify(vip.gateway_ip)} of subnet ${vip.subnet_id} is not an IPv${family} address`,
    );
  }
  // The kernel reports IPv6 in RFC 5952 form; comparing with the plan needs the same spelling.
  const canonical = (address: string): string =>
    family === 4 ? address : formatIpv6(parseIpv6(address) ?? []);
  const vipNetwork = assertCanonicalUuid(vip.network_id, 'VIP network id');
  const vipLeg: NetnsLeg = {
    role: 'vip',
    hostName: vipHostVethName(vip.port_id),
    nsName: vipNamespaceVethName(vip.port_id),
    bridge: bridgeName(vipNetwork),
    mtu: assertMtu(vip.mtu, family),
    mac: assertMacAddress(vip.mac_address),
    addresses: [`${canonical(vip.address)}/${prefix}`],
  };
  const bridges = new Map<string, NetnsBridge>([
    [vipLeg.bridge, { name: vipLeg.bridge, alias: bridgeAlias(vipNetwork), mtu: vipLeg.mtu }],
  ]);
  const legs = [vipLeg];
  const routes: NetnsRoute[] =
    vip.gateway_ip === null
      ? []
      : [{ dst: 'default', gateway: canonical(vip.gateway_ip), dev: vipLeg.nsName }];
  const rules: NetnsRule[] = [];

  const byNetwork = new Map<string, AgentNetworkPlan['floating_ips']>();
  for (const fip of plan.floating_ips) {
    if (family !== 4) throw new Error(`floating IP ${fip.address} needs an IPv4 VIP, not ${vip.address}`);
    const net = assertCanonicalUuid(fip.network_id, 'external network id');
    if (net === vipNetwork) {
      throw new Error(`floating IP ${fip.address} is on the VIP's own network ${net}`);
    }
    byNetwork.set(net, [...(byNetwork.get(net) ?? []), fip]);
  }
  const fipLegs: { interfaceName: string; mark: number; floatingAddresses: string[] }[] = [];
  [...byNetwork.keys()].sort().forEach((net, i) => {
    const fips = byNetwork.get(net) ?? [];
    const first = fips[0];
    if (first === undefined) return;
    const table = FIRST_FIP_TABLE + i;
    if (table >= FIP_TABLE_LIMIT) throw new Error('too many external networks for one load balancer');
    const cidr = normalizeCidr(first.cidr);
    const extPrefix = prefixLengthOf(first.cidr, 4);
    if (cidr === undefined || fips.some((f) => f.cidr !== first.cidr || f.gateway_ip !== first.gateway_ip)) {
      throw new Error(`floating IPs on network ${net} disagree about their subnet`);
    }
    if (first.gateway_ip !== null && parseIpv4(first.gateway_ip) === undefined) {
      throw new Error(`gateway ${JSON.stringify(first.gateway_ip)} of external network ${net} is not IPv4`);
    }
    const addresses = [...new Set(fips.map((f) => f.address))].sort();
    for (const address of addresses) {
      if (parseIpv4(address) === undefined)
        throw new Error(`floating IP ${JSON.stringify(address)} is not IPv4`);
    }
    const leg: NetnsLeg = {
      role: 'fip',
      hostName: fipHostVethName(loadBalancerId, net),
      nsName: fipNamespaceVethName(net),
      bridge: bridgeName(net),
      mtu: assertMtu(first.mtu, 4),
      addresses: addresses.map((a) => `${a}/${extPrefix}`),
    };
    legs.push(leg);
    if (!bridges.has(leg.bridge)) {
      bridges.set(leg.bridge, { name: leg.bridge, alias: bridgeAlias(net), mtu: leg.mtu });
    }
    // Replies of connections that came in on this leg: the external subnet directly, the rest via its gateway.
    routes.push({ table, dst: cidr, dev: leg.nsName });
    if (first.gateway_ip !== null) {
      routes.push({ table, dst: 'default', gateway: first.gateway_ip, dev: leg.nsName });
    }
    rules.push({ priority: table, mark: table, table });
    fipLegs.push({ interfaceName: leg.nsName, mark: table, floatingAddresses: addresses });
  });

  const layout: NetnsLayout = {
    loadBalancerId,
    namespace: namespaceName(loadBalancerId),
    family,
    bridges: [...bridges.values()],
    legs,
    routes,
    rules,
    hasFloatingIps: fipLegs.length > 0,
  };
  if (family === 4) layout.ruleset = renderFloatingIpRuleset({ vipAddress: vip.address, legs: fipLegs });
  return layout;
}

function assertMtu(mtu: number, family: 4 | 6): number {
  const min = family === 6 ? 1280 : 68;
  if (!Number.isSafeInteger(mtu) || mtu < min || mtu > 65535) throw new Error(`invalid MTU ${mtu}`);
  return mtu;
}
