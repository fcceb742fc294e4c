import { defaultAllocationPools, notFound, type NetworkRecord, type SubnetRecord } from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { canReadGlobal } from './auth-context.js';
import type { ServiceDeps } from './service-deps.js';

/** Name of the built-in network whose subnet hands out loopback VIPs (usable as `--vip-network-id`). */
export const DEFAULT_NETWORK_NAME = 'lbaas-loopback';
/** Name of its subnet (usable as `--vip-subnet-id lbaas-loopback-subnet`). */
export const DEFAULT_SUBNET_NAME = 'lbaas-loopback-subnet';

/** Read side of the built-in network model (Neutron-shaped), plus the bootstrap of the default VIP network. */
export class NetworkService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Creates the default loopback network and subnet once (idempotent; runs at start-up). */
  async ensureDefaultNetwork(cidr: string): Promise<{ network: NetworkRecord; subnet: SubnetRecord }> {
    const { clock, ids, settings } = this.deps;
    return this.deps.store.write(async (tx) => {
      const now = clock.nowIso();
      let network = (await tx.networks.find({ name: DEFAULT_NETWORK_NAME }))[0];
      if (!network) {
        network = {
          id: ids.uuid(),
          project_id: settings.adminProjectId,
          name: DEFAULT_NETWORK_NAME,
          description: 'Built-in network for loopback VIPs',
          admin_state_up: true,
          shared: true,
          external: false,
          mtu: 65536,
          tags: [],
          created_at: now,
          updated_at: null,
        };
        await tx.networks.insert(network);
      }
      let subnet = (await tx.subnets.find({ network_id: network.id, name: DEFAULT_SUBNET_NAME }))[0];
      if (!subnet) {
        subnet = {
          id: ids.uuid(),
          project_id: settings.adminProjectId,
          network_id: network.id,
          name: DEFAULT_SUBNET_NAME,
          description: 'Loopback VIPs (Linux routes all of 127.0.0.0/8 to lo)',
          ip_version: 4,
          cidr,
          gateway_ip: null,
          allocation_pools: defaultAllocationPools(cidr, null),
          enable_dhcp: false,
          tags: [],
          created_at: now,
          updated_at: null,
        };
        await tx.subnets.insert(subnet);
      }
      return { network, subnet };
    });
  }

  /** Networks the caller can see (own project, shared, or all for global readers). */
  listNetworks(ctx: AuthContext): Promise<NetworkRecord[]> {
    return this.deps.store.read(async (tx) => (await tx.networks.find({})).filter((n) => visible(ctx, n)));
  }

  getNetwork(ctx: AuthContext, id: string): Promise<NetworkRecord> {
    return this.deps.store.read(async (tx) => {
      const n = await tx.networks.get(id);
      if (!n || !visible(ctx, n)) throw notFound('Network', id);
      return n;
    });
  }

  /** Subnets the caller can see (those of visible networks). */
  listSubnets(ctx: AuthContext): Promise<SubnetRecord[]> {
    return this.deps.store.read(async (tx) => {
      const nets = new Map((await tx.networks.find({})).map((n) => [n.id, n]));
      return (await tx.subnets.find({})).filter((s) => {
        const n = nets.get(s.network_id);
        return n !== undefined && visible(ctx, n);
      });
    });
  }

  getSubnet(ctx: AuthContext, id: string): Promise<SubnetRecord> {
    return this.deps.store.read(async (tx) => {
      const s = await tx.subnets.get(id);
      const n = s && (await tx.networks.get(s.network_id));
      if (!s || !n || !visible(ctx, n)) throw notFound('Subnet', id);
      return s;
    });
  }
}

function visible(ctx: AuthContext, n: NetworkRecord): boolean {
  return n.shared || n.project_id === ctx.projectId || canReadGlobal(ctx);
}
