import type { NetworkCreate, NetworkUpdate } from '@lbaas/contract';
import { defaultAllocationPools, type NetworkRecord, type SubnetRecord } from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import {
  authorizeAdmin,
  authorizeWrite,
  createProject,
  networkVisible,
  revised,
  subnetVisible,
} from './network-access.js';
import { NeutronError, neutronErrors } from './neutron-error.js';
import type { StoreTx } from './ports.js';
import type { ServiceDeps } from './service-deps.js';

/** Name of the built-in network whose subnet hands out loopback VIPs (usable as `--vip-network-id`). */
export const DEFAULT_NETWORK_NAME = 'lbaas-loopback';
/** Name of its subnet (usable as `--vip-subnet-id lbaas-loopback-subnet`). */
export const DEFAULT_SUBNET_NAME = 'lbaas-loopback-subnet';
/** MTU of networks created through the API (Neutron's global_physnet_mtu default). */
export const DEFAULT_MTU = 1500;

/** A network with the ids of its subnets (what the wire view needs). */
export interface NetworkWithSubnets {
  network: NetworkRecord;
  subnetIds: string[];
}

/** Neutron networks of the built-in network model, plus the bootstrap of the default VIP network. */
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

  /** Networks the caller can see (own project, shared, external, or all for global readers). */
  listNetworks(ctx: AuthContext): Promise<NetworkWithSubnets[]> {
    return this.deps.store.read(async (tx) => {
      const subnets = await tx.subnets.find({});
      return (await tx.networks.find({}))
        .filter((n) => networkVisible(ctx, n))
        .map((network) => withSubnets(network, subnets));
    });
  }

  getNetwork(ctx: AuthContext, id: string): Promise<NetworkWithSubnets> {
    return this.deps.store.read(async (tx) => {
      const network = await visibleNetwork(tx, ctx, id);
      return withSubnets(network, await tx.subnets.find({ network_id: id }));
    });
  }

  async createNetwork(ctx: AuthContext, input: NetworkCreate): Promise<NetworkWithSubnets> {
    const projectId = createProject(ctx, input);
    if (input.shared !== undefined) authorizeAdmin(ctx, 'create_network:shared');
    if (input['router:external'] !== undefined) authorizeAdmin(ctx, 'create_network:router:external');
    authorizeWrite(ctx, projectId, 'create_network');
    const now = this.deps.clock.nowIso();
    const network: NetworkRecord = {
      id: this.deps.ids.uuid(),
      project_id: projectId,
      name: input.name ?? '',
      description: input.description ?? '',
      admin_state_up: input.admin_state_up ?? true,
      shared: input.shared ?? false,
      external: input['router:external'] ?? false,
      mtu: input.mtu ?? DEFAULT_MTU,
      port_security_enabled: input.port_security_enabled ?? true,
      tags: dedupe(input.tags ?? []),
      revision_number: 0,
      created_at: now,
      updated_at: now,
    };
    await this.deps.store.write((tx) => tx.networks.insert(network));
    return { network, subnetIds: [] };
  }

  updateNetwork(ctx: AuthContext, id: string, patch: NetworkUpdate): Promise<NetworkWithSubnets> {
    return this.deps.store.write(async (tx) => {
      const stored = await visibleNetwork(tx, ctx, id);
      authorizeWrite(ctx, stored.project_id, 'update_network');
      if (patch.shared !== undefined && patch.shared !== stored.shared)
        authorizeAdmin(ctx, 'update_network:shared');
      if (patch['router:external'] !== undefined && patch['router:external'] !== stored.external)
        authorizeAdmin(ctx, 'update_network:router:external');
      if (patch['router:external'] === false && stored.external) {
        if ((await tx.floatingIps.find({ floating_network_id: id })).length > 0) {
          throw new NeutronError(
            'conflict',
            'NetworkInUse',
            `Unable to complete operation on network ${id}. There are one or more floating IPs still in use on the network.`,
          );
        }
      }
      const next: NetworkRecord = revised(
        {
          ...stored,
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.admin_state_up !== undefined ? { admin_state_up: patch.admin_state_up } : {}),
          ...(patch.shared !== undefined ? { shared: patch.shared } : {}),
          ...(patch['router:external'] !== undefined ? { external: patch['router:external'] } : {}),
          ...(patch.mtu !== undefined ? { mtu: patch.mtu } : {}),
          ...(patch.port_security_enabled !== undefined
            ? { port_security_enabled: patch.port_security_enabled }
            : {}),
        },
        this.deps.clock.nowIso(),
      );
      await tx.networks.update(next);
      return withSubnets(next, await tx.subnets.find({ network_id: id }));
    });
  }

  /** Deletes a network and its subnets; 409 while any port (a VIP, a floating IP's, a user's) is on it. */
  async deleteNetwork(ctx: AuthContext, id: string): Promise<void> {
    await this.deps.store.write(async (tx) => {
      const stored = await visibleNetwork(tx, ctx, id);
      authorizeWrite(ctx, stored.project_id, 'delete_network');
      if (stored.name === DEFAULT_NETWORK_NAME && stored.project_id === this.deps.settings.adminProjectId) {
        throw new NeutronError(
          'conflict',
          'NetworkInUse',
          `Unable to complete operation on network ${id}. The built-in network ${DEFAULT_NETWORK_NAME} cannot be deleted.`,
        );
      }
      if ((await tx.ports.find({ network_id: id })).length > 0) throw neutronErrors.networkInUse(id);
      for (const subnet of await tx.subnets.find({ network_id: id })) await tx.subnets.remove(subnet.id);
      await tx.networks.remove(id);
    });
  }

  /** Replaces a network's tags with `change(current)`; returns the new list. */
  changeTags(ctx: AuthContext, id: string, change: (tags: string[]) => string[]): Promise<string[]> {
    return this.deps.store.write(async (tx) => {
      const stored = await visibleNetwork(tx, ctx, id);
      authorizeWrite(ctx, stored.project_id, 'update_network:tags');
      const tags = dedupe(change([...stored.tags]));
      await tx.networks.update(revised({ ...stored, tags }, this.deps.clock.nowIso()));
      return tags;
    });
  }

  /** Current tags (read policy). */
  async tags(ctx: AuthContext, id: string): Promise<string[]> {
    return (await this.getNetwork(ctx, id)).network.tags;
  }

  /** Subnets the caller can see (own project, those of shared networks, all for global readers). */
  listSubnets(ctx: AuthContext): Promise<SubnetRecord[]> {
    return this.deps.store.read(async (tx) => {
      const nets = new Map((await tx.networks.find({})).map((n) => [n.id, n]));
      return (await tx.subnets.find({})).filter((s) => subnetVisible(ctx, s, nets.get(s.network_id)));
    });
  }
}

/** The network if the caller may see it, else Neutron's 404. */
export async function visibleNetwork(tx: StoreTx, ctx: AuthContext, id: string): Promise<NetworkRecord> {
  const n = await tx.networks.get(id);
  if (!n || !networkVisible(ctx, n)) throw neutronErrors.networkNotFound(id);
  return n;
}

/** Tags without duplicates, in first-seen order (Neutron stores a set). */
export function dedupe(tags: readonly string[]): string[] {
  return [...new Set(tags)];
}

function withSubnets(network: NetworkRecord, subnets: readonly SubnetRecord[]): NetworkWithSubnets {
  return { network, subnetIds: subnets.filter((s) => s.network_id === network.id).map((s) => s.id) };
}
