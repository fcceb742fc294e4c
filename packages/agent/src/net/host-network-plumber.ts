import { formatIpv6, parseIpv4, parseIpv6, type AgentNetworkPlan } from '@lbaas/contract';
import { assertLoadBalancerId } from '../apply/load-balancer-id.js';
import type { FileSystem } from '../system/file-system.js';
import type { ProcessRunner } from '../system/process-runner.js';
import { parseIpLinks } from './ip-json.js';
import { isLoopbackPlan } from './loopback-network-plumber.js';
import { NetCommandRunner } from './net-command-runner.js';
import { assertInterfaceName } from './network-names.js';
import type { NetworkEnsureResult, NetworkPlumber } from './network-plumber.js';
import { NetworkRecordStore } from './network-record.js';
import { SerialQueue } from './serial-queue.js';

/** Collaborators and settings of HostNetworkPlumber. */
export interface HostNetworkPlumberOptions {
  /** The host interface VIPs are added to (e.g. eth0). */
  vipInterface: string;
  /** The agent's base directory (`<baseDir>/<lb id>/network.json` records the address). */
  baseDir: string;
  runner: ProcessRunner;
  fs: FileSystem;
  warn?: (message: string) => void;
}

/**
 * `host` networking mode (DESIGN.md §4, root): the VIP as a /32 (/128) on a host interface, announced with a
 * gratuitous ARP; HAProxy runs in the host namespace. Loopback-network VIPs need nothing (as in loopback
 * mode). Floating IPs are not realised in this mode (they need netns mode's external legs).
 */
export class HostNetworkPlumber implements NetworkPlumber {
  readonly mode = 'host' as const;
  private readonly commands: NetCommandRunner;
  private readonly records: NetworkRecordStore;
  private readonly queue = new SerialQueue();
  private readonly vipInterface: string;

  constructor(options: HostNetworkPlumberOptions) {
    this.vipInterface = assertInterfaceName(options.vipInterface);
    this.commands = new NetCommandRunner(options.runner, options.warn);
    this.records = new NetworkRecordStore(options.fs, options.baseDir);
  }

  async ensure(loadBalancerId: string, plan: AgentNetworkPlan | undefined): Promise<NetworkEnsureResult> {
    const id = assertLoadBalancerId(loadBalancerId);
    if (plan === undefined || isLoopbackPlan(plan)) return { namespaceCreated: false };
    const family = plan.vip.ip_version;
    const address = hostAddress(plan.vip.address, family);
    const dev = this.vipInterface;
    return await this.queue.run(async () => {
      const previous = await this.records.read(id);
      const stale = previous?.mode === 'host' ? previous : undefined;
      const keep = stale?.interface === dev ? stale.addresses : [];
      // Recorded before it exists, so a crash right after the add still leaves a trace for remove().
      await this.records.write(id, { mode: 'host', interface: dev, addresses: union(keep, [address]) });
      for (const old of stale?.addresses ?? []) {
        if (old !== address || stale?.interface !== dev) {
          await this.commands.run({
            argv: ['ip', 'addr', 'del', old, 'dev', stale?.interface ?? dev],
            tolerateFailure: true,
          });
        }
      }
      const fam = family === 6 ? '-6' : '-4';
      const shown = await this.commands.output(['ip', fam, '-j', 'addr', 'show', 'dev', dev]);
      if (shown.code !== 0) throw new Error(`VIP interface ${dev} not found: ${shown.stderr.trim()}`);
      const present = parseIpLinks(shown.stdout, family).flatMap((l) => l.addresses);
      if (!present.includes(address)) {
        await this.commands.run({
          argv: ['ip', fam, 'addr', 'add', address, 'dev', dev, ...(family === 6 ? ['nodad'] : [])],
        });
        // IPv6 needs no gratuitous ARP: the kernel sends unsolicited neighbour advertisements itself.
        if (family === 4) {
          await this.commands.run({
            argv: ['arping', '-q', '-U', '-c', '1', '-I', dev, plan.vip.address],
            background: true,
          });
        }
      }
      await this.records.write(id, { mode: 'host', interface: dev, addresses: [address] });
      return { namespaceCreated: false };
    });
  }

  async remove(loadBalancerId: string): Promise<void> {
    const id = assertLoadBalancerId(loadBalancerId);
    await this.queue.run(async () => {
      const record = await this.records.read(id);
      if (record?.mode !== 'host') return;
      for (const address of record.addresses) {
        await this.commands.run({
          argv: ['ip', 'addr', 'del', address, 'dev', record.interface],
          tolerateFailure: true,
        });
      }
      await this.records.delete(id);
    });
  }

  collectGarbage(_keepLoadBalancerIds: Iterable<string>): Promise<void> {
    // Addresses are removed with their load balancer (remove reads the record); nothing is shared.
    return Promise.resolve();
  }
}

/** `<vip>/32` or `<vip>/128` in the kernel's spelling, validated. */
function hostAddress(address: string, family: 4 | 6): string {
  if (family === 4 && parseIpv4(address) !== undefined) return `${address}/32`;
  const v6 = family === 6 ? parseIpv6(address) : undefined;
  if (v6 !== undefined) return `${formatIpv6(v6)}/128`;
  throw new Error(`VIP address ${JSON.stringify(address)} is not an IPv${family} address`);
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
