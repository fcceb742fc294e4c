import type { ObservedLink, ObservedRoute, ObservedRule } from './ip-json.js';
import { FIP_TABLE_LIMIT, FIRST_FIP_TABLE, NAMESPACE_SYSCTLS, type NetnsLayout } from './netns-layout.js';

/** One command of a plan: an argv (never a shell string), optional stdin. */
export interface NetStep {
  argv: string[];
  input?: string;
  /** A failure is expected in some states (deleting what may already be gone): ignore it. */
  tolerateFailure?: boolean;
  /** Announcements (gratuitous ARP) take a second and are best-effort: run them without waiting. */
  background?: boolean;
}

/** What exists now: the host's links and, when the namespace exists, its links, routes and rules. */
export interface NetnsObserved {
  hostLinks: readonly ObservedLink[];
  namespace?: {
    links: readonly ObservedLink[];
    routes: readonly ObservedRoute[];
    rules: readonly ObservedRule[];
  };
}

/** Namespace-side interfaces this agent creates (others, like `lo`, are never deleted). */
const ourNamespaceLink = /^(vip-|fg-)/;

/**
 * The commands that turn what exists into the layout: nothing but the floating-IP ruleset load when all is
 * in place (and not even that without floating IPs). Creates whatever is missing — the whole namespace
 * when it is gone — fixes what drifted and deletes legs, addresses, routes and rules that are no longer
 * planned. Pure; the ruleset is loaded last, after the legs it names exist.
 */
export function planNetnsSteps(layout: NetnsLayout, observed: NetnsObserved): NetStep[] {
  const ns = layout.namespace;
  const inNs = (...args: string[]): string[] => ['ip', '-n', ns, ...args];
  const fam = layout.family === 6 ? '-6' : '-4';
  const host = new Map(observed.hostLinks.map((l) => [l.name, l]));
  const steps: NetStep[] = [];

  for (const bridge of layout.bridges) {
    const existing = host.get(bridge.name);
    if (existing === undefined) {
      steps.push({
        argv: ['ip', 'link', 'add', 'name', bridge.name, 'mtu', String(bridge.mtu), 'type', 'bridge'],
      });
      steps.push({ argv: ['ip', 'link', 'set', 'dev', bridge.name, 'alias', bridge.alias, 'up'] });
    } else if (existing.kind !== 'bridge') {
      throw new Error(
        `${bridge.name} exists on this host but is not a bridge (${existing.kind ?? 'plain device'})`,
      );
    } else if (!existing.up && existing.alias === bridge.alias) {
      // Someone else's bridge is theirs to bring up; ours must be up to carry traffic.
      steps.push({ argv: ['ip', 'link', 'set', 'dev', bridge.name, 'up'] });
    }
  }

  const current = observed.namespace;
  const nsLinks = new Map((current?.links ?? []).map((l) => [l.name, l]));
  if (current === undefined) {
    // Host ends left behind by a namespace that was deleted while a process (HAProxy) still held it.
    for (const leg of layout.legs) {
      if (host.get(leg.hostName)?.kind === 'veth') {
        steps.push({ argv: ['ip', 'link', 'del', 'dev', leg.hostName], tolerateFailure: true });
        host.delete(leg.hostName);
      }
    }
    // A name without a live namespace behind it (a crash half-way through `ip netns add`) blocks the add.
    steps.push({ argv: ['ip', 'netns', 'del', ns], tolerateFailure: true });
    steps.push({ argv: ['ip', 'netns', 'add', ns] });
    steps.push({ argv: inNs('link', 'set', 'dev', 'lo', 'up') });
    steps.push({ argv: ['ip', 'netns', 'exec', ns, 'sysctl', '-q', '-w', ...NAMESPACE_SYSCTLS] });
  }

  const wanted = new Set(layout.legs.map((l) => l.nsName));
  for (const link of nsLinks.values()) {
    if (ourNamespaceLink.test(link.name) && !wanted.has(link.name)) {
      // Deleting one end of a veth deletes both: the host end leaves its bridge with it.
      steps.push({ argv: inNs('link', 'del', 'dev', link.name) });
    }
  }

  for (const leg of layout.legs) {
    const inside = nsLinks.get(leg.nsName);
    const outside = host.get(leg.hostName);
    if (outside !== undefined && outside.kind !== 'veth') {
      throw new Error(
        `${leg.hostName} exists on this host but is not a veth (${outside.kind ?? 'plain device'})`,
      );
    }
    let addresses: readonly string[] = [];
    if (inside === undefined || outside === undefined) {
      if (inside !== undefined) steps.push({ argv: inNs('link', 'del', 'dev', leg.nsName) });
      if (outside !== undefined) steps.push({ argv: ['ip', 'link', 'del', 'dev', leg.hostName] });
      const peer = ['peer', 'name', leg.nsName, ...(leg.mac ? ['address', leg.mac] : [])];
      steps.push({
        argv: [
          'ip',
          'link',
          'add',
          'name',
          leg.hostName,
          'mtu',
          String(leg.mtu),
          'type',
          'veth',
          ...peer,
          'mtu',
          String(leg.mtu),
          'netns',
          ns,
        ],
      });
      steps.push({ argv: ['ip', 'link', 'set', 'dev', leg.hostName, 'master', leg.bridge, 'up'] });
      steps.push({ argv: inNs('link', 'set', 'dev', leg.nsName, 'up') });
    } else {
      if (outside.master !== leg.bridge || !outside.up || outside.mtu !== leg.mtu) {
        steps.push({
          argv: [
            'ip',
            'link',
            'set',
            'dev',
            leg.hostName,
            'master',
            leg.bridge,
            'mtu',
            String(leg.mtu),
            'up',
          ],
        });
      }
      const fix: string[] = [];
      if (leg.mac !== undefined && inside.mac !== leg.mac) fix.push('address', leg.mac);
      if (inside.mtu !== leg.mtu) fix.push('mtu', String(leg.mtu));
      if (fix.length > 0 || !inside.up)
        steps.push({ argv: inNs('link', 'set', 'dev', leg.nsName, ...fix, 'up') });
      addresses = inside.addresses;
    }
    for (const address of addresses) {
      if (!leg.addresses.includes(address))
        steps.push({ argv: inNs(fam, 'addr', 'del', address, 'dev', leg.nsName) });
    }
    for (const address of leg.addresses) {
      if (addresses.includes(address)) continue;
      // Without nodad an IPv6 VIP stays "tentative" for a second and HAProxy cannot bind it.
      steps.push({
        argv: inNs(fam, 'addr', 'add', address, 'dev', leg.nsName, ...(layout.family === 6 ? ['nodad'] : [])),
      });
      if (layout.family === 4) {
        // Gratuitous ARP so switches and neighbours learn the (possibly moved) address at once. IPv6 needs
        // none: the kernel sends unsolicited neighbour advertisements when an address comes up.
        const ip = address.slice(0, address.indexOf('/'));
        steps.push({
          argv: ['ip', 'netns', 'exec', ns, 'arping', '-q', '-U', '-c', '1', '-I', leg.nsName, ip],
          background: true,
        });
      }
    }
  }

  steps.push(...routeSteps(layout, current?.routes ?? [], inNs, fam));
  if (layout.family === 4) steps.push(...ruleSteps(layout, current?.rules ?? [], inNs));

  const hadFipLegs = [...nsLinks.keys()].some((name) => name.startsWith('fg-'));
  if (layout.ruleset !== undefined && (layout.hasFloatingIps || hadFipLegs)) {
    steps.push({ argv: ['ip', 'netns', 'exec', ns, 'nft', '-f', '-'], input: layout.ruleset });
  }
  return steps;
}

const ours = (table: number): boolean => table >= FIRST_FIP_TABLE && table < FIP_TABLE_LIMIT;

function routeSteps(
  layout: NetnsLayout,
  observed: readonly ObservedRoute[],
  inNs: (...args: string[]) => string[],
  fam: string,
): NetStep[] {
  const steps: NetStep[] = [];
  const key = (table: string | undefined, dst: string): string => `${table ?? 'main'} ${dst}`;
  const existing = new Map(
    observed
      .filter((r) => r.type === undefined || r.type === 'unicast')
      .filter((r) => (r.table === undefined ? r.dst === 'default' : ours(Number(r.table))))
      .map((r) => [key(r.table, r.dst), r]),
  );
  const wanted = new Set<string>();
  for (const route of layout.routes) {
    const table = route.table === undefined ? undefined : String(route.table);
    const k = key(table, route.dst);
    wanted.add(k);
    const have = existing.get(k);
    if (have !== undefined && have.gateway === route.gateway && have.dev === route.dev) continue;
    steps.push({
      argv: inNs(
        fam,
        'route',
        'replace',
        route.dst,
        ...(route.gateway === undefined ? [] : ['via', route.gateway]),
        'dev',
        route.dev,
        ...(table === undefined ? [] : ['table', table]),
      ),
    });
  }
  for (const [k, route] of existing) {
    if (wanted.has(k)) continue;
    // Routes through a leg deleted above are already gone with it: a failure here is expected.
    steps.push({
      argv: inNs(
        fam,
        'route',
        'del',
        route.dst,
        ...(route.table === undefined ? [] : ['table', route.table]),
      ),
      tolerateFailure: true,
    });
  }
  return steps;
}

function ruleSteps(
  layout: NetnsLayout,
  observed: readonly ObservedRule[],
  inNs: (...args: string[]) => string[],
): NetStep[] {
  const steps: NetStep[] = [];
  const matches = (have: ObservedRule, want: { mark: number; table: number }): boolean =>
    have.fwmark === want.mark && have.table === String(want.table);
  for (const have of observed) {
    if (!ours(have.priority)) continue;
    const want = layout.rules.find((r) => r.priority === have.priority);
    if (want === undefined || !matches(have, want)) {
      steps.push({ argv: inNs('-4', 'rule', 'del', 'priority', String(have.priority)) });
    }
  }
  for (const rule of layout.rules) {
    if (observed.some((have) => have.priority === rule.priority && matches(have, rule))) continue;
    steps.push({
      argv: inNs(
        '-4',
        'rule',
        'add',
        'fwmark',
        String(rule.mark),
        'lookup',
        String(rule.table),
        'priority',
        String(rule.priority),
      ),
    });
  }
  return steps;
}
