import type { SubnetCreate, SubnetUpdate } from '@lbaas/contract';
import { parseCidr, type SubnetRecord } from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { authorizeWrite, createProject, revised, subnetVisible } from './network-access.js';
import { dedupe, DEFAULT_NETWORK_NAME, DEFAULT_SUBNET_NAME, visibleNetwork } from './network.service.js';
import { NeutronError, neutronErrors } from './neutron-error.js';
import type { StoreTx } from './ports.js';
import type { ServiceDeps } from './service-deps.js';
import {
  cidrsOverlap,
  parseSubnetCidr,
  subnetLayout,
  validHostRoutes,
  validNameservers,
} from './subnet-layout.js';

/** Neutron subnets: create (network owner or admin), read, update of name/pools/gateway, delete when unused. */
export class SubnetService {
  constructor(private readonly deps: ServiceDeps) {}

  get(ctx: AuthContext, id: string): Promise<SubnetRecord> {
    return this.deps.store.read((tx) => visibleSubnet(tx, ctx, id));
  }

  create(ctx: AuthContext, input: SubnetCreate): Promise<SubnetRecord> {
    return this.deps.store.write(async (tx) => {
      const network = await visibleNetwork(tx, ctx, input.network_id);
      const projectId = createProject(ctx, input);
      authorizeWrite(ctx, network.project_id, 'create_subnet');
      const { text, parsed } = parseSubnetCidr(input.cidr, input.ip_version);
      const siblings = await tx.subnets.find({ network_id: network.id });
      if (
        siblings.some((s) => {
          const other = parseCidr(s.cidr);
          return other !== undefined && cidrsOverlap(parsed, other);
        })
      ) {
        throw neutronErrors.invalidInput(
          `Requested subnet with cidr: ${text} for network: ${network.id} overlaps with another subnet`,
        );
      }
      const layout = subnetLayout(text, parsed, input.gateway_ip, input.allocation_pools);
      const now = this.deps.clock.nowIso();
      const subnet: SubnetRecord = {
        id: this.deps.ids.uuid(),
        project_id: projectId,
        network_id: network.id,
        name: input.name ?? '',
        description: input.description ?? '',
        ip_version: layout.ipVersion,
        cidr: layout.cidr,
        gateway_ip: layout.gatewayIp,
        allocation_pools: layout.allocationPools,
        enable_dhcp: input.enable_dhcp ?? true,
        dns_nameservers: validNameservers(input.dns_nameservers ?? []),
        host_routes: validHostRoutes(input.host_routes ?? []),
        tags: dedupe(input.tags ?? []),
        revision_number: 0,
        created_at: now,
        updated_at: now,
      };
      await tx.subnets.insert(subnet);
      await tx.networks.update(revised(network, now));
      return subnet;
    });
  }

  update(ctx: AuthContext, id: string, patch: SubnetUpdate): Promise<SubnetRecord> {
    return this.deps.store.write(async (tx) => {
      const stored = await visibleSubnet(tx, ctx, id);
      authorizeWrite(ctx, stored.project_id, 'update_subnet');
      let layout = { gatewayIp: stored.gateway_ip, allocationPools: stored.allocation_pools };
      if (patch.gateway_ip !== undefined || patch.allocation_pools !== undefined) {
        const { text, parsed } = parseSubnetCidr(stored.cidr, stored.ip_version);
        // A gateway that is not changed is kept, even when the pools change.
        const gateway = patch.gateway_ip === undefined ? stored.gateway_ip : patch.gateway_ip;
        layout = subnetLayout(text, parsed, gateway, patch.allocation_pools ?? stored.allocation_pools);
      }
      const next: SubnetRecord = revised(
        {
          ...stored,
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.enable_dhcp !== undefined ? { enable_dhcp: patch.enable_dhcp } : {}),
          ...(patch.dns_nameservers !== undefined
            ? { dns_nameservers: validNameservers(patch.dns_nameservers) }
            : {}),
          ...(patch.host_routes !== undefined ? { host_routes: validHostRoutes(patch.host_routes) } : {}),
          gateway_ip: layout.gatewayIp,
          allocation_pools: layout.allocationPools,
        },
        this.deps.clock.nowIso(),
      );
      await tx.subnets.update(next);
      return next;
    });
  }

  /** 409 SubnetInUse while any port (VIP, floating IP, user port) holds an address of it. */
  async delete(ctx: AuthContext, id: string): Promise<void> {
    await this.deps.store.write(async (tx) => {
      const stored = await visibleSubnet(tx, ctx, id);
      authorizeWrite(ctx, stored.project_id, 'delete_subnet');
      const network = await tx.networks.get(stored.network_id);
      if (network?.name === DEFAULT_NETWORK_NAME && stored.name === DEFAULT_SUBNET_NAME) {
        throw new NeutronError(
          'conflict',
          'SubnetInUse',
          `Unable to complete operation on subnet ${id}: the built-in subnet ${DEFAULT_SUBNET_NAME} cannot be deleted.`,
        );
      }
      if ((await tx.ports.allocatedAddresses(id)).length > 0) throw neutronErrors.subnetInUse(id);
      await tx.subnets.remove(id);
      if (network) await tx.networks.update(revised(network, this.deps.clock.nowIso()));
    });
  }

  changeTags(ctx: AuthContext, id: string, change: (tags: string[]) => string[]): Promise<string[]> {
    return this.deps.store.write(async (tx) => {
      const stored = await visibleSubnet(tx, ctx, id);
      authorizeWrite(ctx, stored.project_id, 'update_subnet:tags');
      const tags = dedupe(change([...stored.tags]));
      await tx.subnets.update(revised({ ...stored, tags }, this.deps.clock.nowIso()));
      return tags;
    });
  }

  async tags(ctx: AuthContext, id: string): Promise<string[]> {
    return (await this.get(ctx, id)).tags;
  }
}

/** The subnet if the caller may see it, else Neutron's 404. */
export async function visibleSubnet(tx: StoreTx, ctx: AuthContext, id: string): Promise<SubnetRecord> {
  const s = await tx.subnets.get(id);
  const n = s && (await tx.networks.get(s.network_id));
  if (!s || !subnetVisible(ctx, s, n)) throw neutronErrors.subnetNotFound(id);
  return s;
}
