import { assertInterfaceName, assertIpv4, FIP_TABLE } from './network-names.js';

/** One leg of a load balancer namespace into an external network and the floating IPs it holds. */
export interface FloatingIpLeg {
  /** Interface name of the leg inside the namespace (e.g. `fg-0123456789a`). */
  interfaceName: string;
  /** Connection mark (= policy-routing table) of connections that came in on this leg: 1..2^31. */
  mark: number;
  /** Floating IPv4 addresses on this leg that DNAT to the VIP; the first one is also the SNAT source. */
  floatingAddresses: readonly string[];
}

/** Input of renderFloatingIpRuleset. */
export interface FloatingIpRulesetSpec {
  /** The VIP (IPv4): the DNAT target and the SNAT match. */
  vipAddress: string;
  legs: readonly FloatingIpLeg[];
}

/**
 * Renders the nftables script (for `nft -f -`, one atomic transaction) that makes the namespace's table
 * `ip lbaas_fip` exactly this: the `table …; delete table …` preamble drops any previous version in the
 * same transaction, so a load never leaves old and new rules side by side. With no legs the table is only
 * deleted. Per leg:
 *
 * - prerouting/nat: `iifname <leg> ip daddr <fip> ct mark set <m> dnat to <vip>` — the conntrack mark
 *   remembers which leg a connection came in on;
 * - output/route: `ct mark <m> meta mark set ct mark` — replies are re-routed by fwmark (`ip rule fwmark <m>
 *   table <m>`, whose table sends them back out through the leg), so clients beyond the external subnet
 *   get their answers from the floating IP and not through the tenant gateway;
 * - postrouting/nat: `oifname <leg> ip saddr <vip> snat to <fip>` for connections the namespace opens
 *   itself through the leg.
 *
 * Every value is validated here (IPv4 literals, interface-name charset, integer marks): nothing from the
 * plan reaches the script unchecked. Pure and deterministic (legs and addresses are sorted).
 */
export function renderFloatingIpRuleset(spec: FloatingIpRulesetSpec): string {
  const vip = assertIpv4(spec.vipAddress, 'VIP address');
  const legs = [...spec.legs]
    .map((leg) => ({
      name: assertInterfaceName(leg.interfaceName),
      mark: hexMark(leg.mark),
      addresses: [...new Set(leg.floatingAddresses.map((a) => assertIpv4(a, 'floating IP')))].sort(),
    }))
    .filter((leg) => leg.addresses.length > 0)
    .sort((a, b) => a.name.localeCompare(b.name));
  const lines = [`table ip ${FIP_TABLE}`, `delete table ip ${FIP_TABLE}`];
  if (legs.length === 0) return `${lines.join('\n')}\n`;
  const chain = (name: string, head: string, rules: string[]): string[] => [
    `\tchain ${name} {`,
    `\t\t${head}`,
    ...rules.map((r) => `\t\t${r}`),
    '\t}',
  ];
  lines.push(
    `table ip ${FIP_TABLE} {`,
    ...chain(
      'prerouting',
      'type nat hook prerouting priority dstnat; policy accept;',
      legs.flatMap((leg) =>
        leg.addresses.map(
          (fip) => `iifname "${leg.name}" ip daddr ${fip} ct mark set ${leg.mark} dnat to ${vip}`,
        ),
      ),
    ),
    ...chain(
      'output',
      'type route hook output priority mangle; policy accept;',
      legs.map((leg) => `ct mark ${leg.mark} meta mark set ct mark`),
    ),
    ...chain(
      'postrouting',
      'type nat hook postrouting priority srcnat; policy accept;',
      legs.map((leg) => `oifname "${leg.name}" ip saddr ${vip} snat to ${leg.addresses[0] ?? ''}`),
    ),
    '}',
  );
  return `${lines.join('\n')}\n`;
}

function hexMark(mark: number): string {
  if (!Number.isSafeInteger(mark) || mark < 1 || mark > 0x7fffffff) {
    throw new Error(`invalid connection mark ${mark}`);
  }
  return `0x${mark.toString(16).padStart(8, '0')}`;
}
