import type { AgentNetworkPlan } from '@lbaas/contract';
import { assertLoadBalancerId } from '../apply/load-balancer-id.js';
import type { FileSystem } from '../system/file-system.js';
import type { ProcessRunner } from '../system/process-runner.js';
import { parseIpLinks, parseIpRoutes, parseIpRules, type ObservedLink } from './ip-json.js';
import { isLoopbackPlan } from './loopback-network-plumber.js';
import { NetCommandRunner } from './net-command-runner.js';
import { planNetnsLayout, type NetnsLayout } from './netns-layout.js';
import { planNetnsSteps, type NetnsObserved } from './netns-steps.js';
import { BRIDGE_ALIAS_PREFIX, loadBalancerIdOfNamespace, namespaceName } from './network-names.js';
import type { NetworkEnsureResult, NetworkPlumber } from './network-plumber.js';
import { NetworkRecordStore } from './network-record.js';
import { SerialQueue } from './serial-queue.js';

/** Collaborators and settings of NetnsNetworkPlumber. */
export interface NetnsNetworkPlumberOptions {
  /** The agent's base directory (`<baseDir>/<lb id>/network.json` records the host-side objects). */
  baseDir: string;
  runner: ProcessRunner;
  fs: FileSystem;
  warn?: (message: string) => void;
}

/**
 * `netns` networking mode (DESIGN.md §4, root), Neutron Linux-bridge conventions: network X is bridge
 * `brq` + X[:11]; load balancer L gets namespace `qlbaas-L` with a veth into the VIP network's bridge
 * (the VIP port's MAC, the VIP with its subnet's prefix, a default route via the subnet's gateway) and one
 * veth per external network holding its floating IPs, which nftables inside the namespace DNATs to the VIP
 * (see renderFloatingIpRuleset). Bridges it creates are marked with the alias `lbaas:<network id>` and are
 * the only ones it ever deletes, once no port is left on them. Loopback-network VIPs stay on the host's
 * `lo`, as in loopback mode.
 */
export class NetnsNetworkPlumber implements NetworkPlumber {
  readonly mode = 'netns' as const;
  private readonly commands: NetCommandRunner;
  private readonly records: NetworkRecordStore;
  // Bridges are shared between load balancers: creating, enslaving and collecting them never interleave.
  private readonly queue = new SerialQueue();

  constructor(options: NetnsNetworkPlumberOptions) {
    this.commands = new NetCommandRunner(options.runner, options.warn);
    this.records = new NetworkRecordStore(options.fs, options.baseDir);
  }

  async ensure(loadBalancerId: string, plan: AgentNetworkPlan | undefined): Promise<NetworkEnsureResult> {
    const id = assertLoadBalancerId(loadBalancerId);
    if (plan === undefined || isLoopbackPlan(plan)) return { namespaceCreated: false };
    const layout = planNetnsLayout(id, plan);
    return await this.queue.run(async () => {
      const previous = await this.records.read(id);
      const before = previous?.mode === 'netns' ? previous : undefined;
      const hostLinks = layout.legs.map((l) => l.hostName);
      const bridges = layout.bridges.map((b) => b.name);
      // Written before anything is created (an intent log): remove() after a crash still finds it all.
      await this.records.write(id, {
        mode: 'netns',
        namespace: layout.namespace,
        hostLinks: union(before?.hostLinks ?? [], hostLinks),
        bridges: union(before?.bridges ?? [], bridges),
      });
      const observed = await this.observe(layout);
      const created = observed.namespace === undefined;
      try {
        await this.commands.runAll(planNetnsSteps(layout, observed));
      } catch (error) {
        // A half-built fresh namespace would look "present" next time and keep missing its sysctls.
        if (created) {
          await this.deleteNamespace(layout.namespace, hostLinks);
          await this.collectBridges(new Set(bridges), new Set());
        }
        throw error;
      }
      await this.records.write(id, { mode: 'netns', namespace: layout.namespace, hostLinks, bridges });
      // A released floating IP may have left its external bridge empty.
      const dropped = (before?.bridges ?? []).filter((b) => !bridges.includes(b));
      if (dropped.length > 0) await this.collectBridges(new Set(dropped), new Set());
      return { netns: layout.namespace, namespaceCreated: created };
    });
  }

  async remove(loadBalancerId: string): Promise<void> {
    const id = assertLoadBalancerId(loadBalancerId);
    await this.queue.run(async () => {
      const record = await this.records.read(id);
      const netns = record?.mode === 'netns' ? record : undefined;
      await this.deleteNamespace(namespaceName(id), netns?.hostLinks ?? []);
      await this.records.delete(id);
      if (netns !== undefined) await this.collectBridges(new Set(netns.bridges), new Set());
    });
  }

  async collectGarbage(keepLoadBalancerIds: Iterable<string>): Promise<void> {
    const keep = new Set(keepLoadBalancerIds);
    await this.queue.run(async () => {
      const listed = await this.commands.read(['ip', '-j', 'netns', 'list']);
      const names = (JSON.parse(listed.trim() || '[]') as { name?: unknown }[])
        .map((n) => (typeof n.name === 'string' ? n.name : ''))
        .filter((n) => n !== '');
      for (const name of names) {
        const id = loadBalancerIdOfNamespace(name);
        if (id === undefined || keep.has(id)) continue;
        // Only namespaces this agent made (its intent log names them): another agent on the same host,
        // or a test, may own a qlbaas-* namespace it has not started HAProxy in yet.
        const record = await this.records.read(id);
        if (record?.mode !== 'netns' || record.namespace !== name) continue;
        // A namespace some process still runs in (a HAProxy not stopped yet) is not garbage.
        const pids = await this.commands.output(['ip', 'netns', 'pids', name]);
        if (pids.code !== 0 || pids.stdout.trim() !== '') continue;
        await this.deleteNamespace(name, record.hostLinks);
        await this.records.delete(id);
      }
      const needed = new Set<string>();
      for (const id of keep) {
        if (loadBalancerIdOfNamespace(namespaceNameOrEmpty(id)) === undefined) continue;
        const record = await this.records.read(id);
        if (record?.mode === 'netns') record.bridges.forEach((b) => needed.add(b));
      }
      await this.collectBridges(undefined, needed);
    });
  }

  private async observe(layout: NetnsLayout): Promise<NetnsObserved> {
    const hostLinks = parseIpLinks(await this.commands.read(['ip', '-j', '-d', 'link', 'show']));
    const ns = layout.namespace;
    const fam = layout.family === 6 ? '-6' : '-4';
    // Also the existence test: `ip -n` fails when the namespace is gone.
    const addrs = await this.commands.output(['ip', '-n', ns, '-j', '-d', 'addr', 'show']);
    if (addrs.code !== 0) return { hostLinks };
    const routes = parseIpRoutes(
      await this.commands.read(['ip', '-n', ns, fam, '-j', 'route', 'show', 'table', 'all']),
    );
    const rules =
      layout.family === 4
        ? parseIpRules(await this.commands.read(['ip', '-n', ns, '-4', '-j', 'rule', 'show']))
        : [];
    return { hostLinks, namespace: { links: parseIpLinks(addrs.stdout, layout.family), routes, rules } };
  }

  /** Deletes the host ends first (synchronously: the kernel frees a deleted namespace's links later). */
  private async deleteNamespace(name: string, hostLinks: readonly string[]): Promise<void> {
    for (const link of hostLinks) {
      await this.commands.run({ argv: ['ip', 'link', 'del', 'dev', link], tolerateFailure: true });
    }
    await this.commands.run({ argv: ['ip', 'netns', 'del', name], tolerateFailure: true });
  }

  /**
   * Deletes bridges this agent created (alias `lbaas:…`) that have no port left and are not `needed`;
   * only those in `candidates` when given.
   */
  private async collectBridges(candidates: Set<string> | undefined, needed: Set<string>): Promise<void> {
    const links = parseIpLinks(await this.commands.read(['ip', '-j', '-d', 'link', 'show']));
    for (const bridge of collectableBridges(links)) {
      if (needed.has(bridge) || (candidates !== undefined && !candidates.has(bridge))) continue;
      await this.commands.run({ argv: ['ip', 'link', 'del', 'dev', bridge], tolerateFailure: true });
    }
  }
}

/** Bridges named `brq…`, marked as ours, with no port enslaved. Pure. */
export function collectableBridges(links: readonly ObservedLink[]): string[] {
  const masters = new Set(links.flatMap((l) => (l.master === undefined ? [] : [l.master])));
  return links
    .filter(
      (l) =>
        l.kind === 'bridge' &&
        l.name.startsWith('brq') &&
        (l.alias ?? '').startsWith(BRIDGE_ALIAS_PREFIX) &&
        !masters.has(l.name),
    )
    .map((l) => l.name);
}

function namespaceNameOrEmpty(id: string): string {
  try {
    return namespaceName(id);
  } catch {
    return '';
  }
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
