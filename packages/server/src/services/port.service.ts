import type { PortCreate, PortUpdate } from '@lbaas/contract';
import type { PortRecord } from '@lbaas/core';
import type { AgentSignals } from './agent-signals.js';
import type { AuthContext } from './auth-context.js';
import { loadBalancerIdOfPort, releaseFloatingIpsOf, replanPorts, wakeAgents } from './floating-ip-links.js';
import { isUnicastMac, uniqueMacAddress } from './mac-address.js';
import { authorizeWrite, createProject, ownsForRead, portVisible, revised } from './network-access.js';
import { dedupe, visibleNetwork } from './network.service.js';
import { NeutronError, neutronErrors } from './neutron-error.js';
import { allocateFixedIps } from './port-ipam.js';
import type { StoreTx } from './ports.js';
import type { ServiceDeps } from './service-deps.js';

/** device_owner of the internal port that holds a floating IP's address. */
export const FLOATING_IP_DEVICE_OWNER = 'network:floatingip';

/** Neutron ports on the built-in network model, allocating through the VIPs' IPAM. */
export class PortService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly signals: AgentSignals,
  ) {}

  list(ctx: AuthContext): Promise<PortRecord[]> {
    return this.deps.store.read(async (tx) => (await tx.ports.find({})).filter((p) => portVisible(ctx, p)));
  }

  get(ctx: AuthContext, id: string): Promise<PortRecord> {
    return this.deps.store.read((tx) => visiblePort(tx, ctx, id));
  }

  create(ctx: AuthContext, input: PortCreate): Promise<PortRecord> {
    return this.deps.store.write(async (tx) => {
      const network = await visibleNetwork(tx, ctx, input.network_id);
      const projectId = createProject(ctx, input);
      authorizeWrite(ctx, projectId, 'create_port');
      // Ports on another project's network need it shared (an external network only takes floating IPs).
      if (!network.shared && network.project_id !== projectId)
        authorizeWrite(ctx, network.project_id, 'create_port:network');
      const mac = input.mac_address?.toLowerCase();
      if (mac !== undefined) {
        if (!isUnicastMac(mac))
          throw new NeutronError(
            'invalid',
            'HTTPBadRequest',
            `Invalid input for mac_address. Reason: '${input.mac_address}' is not a valid MAC address.`,
          );
        if ((await tx.ports.find({ network_id: network.id })).some((p) => p.mac_address === mac))
          throw neutronErrors.macAddressInUse(network.id, mac);
      }
      const now = this.deps.clock.nowIso();
      const port: PortRecord = {
        id: this.deps.ids.uuid(),
        project_id: projectId,
        network_id: network.id,
        name: input.name ?? '',
        description: input.description ?? '',
        device_owner: input.device_owner ?? '',
        device_id: input.device_id ?? '',
        fixed_ips: await allocateFixedIps(tx, network, input.fixed_ips),
        admin_state_up: input.admin_state_up ?? true,
        mac_address: mac ?? (await uniqueMacAddress(tx, this.deps.ids, network.id)),
        port_security_enabled: input.port_security_enabled ?? network.port_security_enabled ?? true,
        tags: dedupe(input.tags ?? []),
        revision_number: 0,
        created_at: now,
        updated_at: now,
      };
      await tx.ports.insert(port);
      return port;
    });
  }

  async update(ctx: AuthContext, id: string, patch: PortUpdate): Promise<PortRecord> {
    const { port, agents } = await this.deps.store.write(async (tx) => {
      const stored = await visiblePort(tx, ctx, id);
      authorizeWrite(ctx, stored.project_id, 'update_port');
      const lbId = await liveLoadBalancerOf(tx, stored);
      if (lbId !== undefined && patch.fixed_ips !== undefined) {
        throw new NeutronError(
          'conflict',
          'PortInUse',
          `Port ${id} is the VIP port of load balancer ${lbId}; its fixed IPs cannot be changed.`,
        );
      }
      const now = this.deps.clock.nowIso();
      let fixedIps = stored.fixed_ips;
      let agents: string[] = [];
      if (patch.fixed_ips !== undefined) {
        const network = await tx.networks.get(stored.network_id);
        if (!network) throw neutronErrors.networkNotFound(stored.network_id);
        fixedIps = await allocateFixedIps(tx, network, patch.fixed_ips, stored.fixed_ips);
        const released = await releaseFloatingIpsOf(
          tx,
          id,
          fixedIps.map((f) => f.ip_address),
          now,
        );
        if (released.length > 0) agents = await replanPorts(tx, [stored]);
      }
      const next: PortRecord = revised(
        {
          ...stored,
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.admin_state_up !== undefined ? { admin_state_up: patch.admin_state_up } : {}),
          ...(patch.device_owner !== undefined ? { device_owner: patch.device_owner } : {}),
          ...(patch.device_id !== undefined ? { device_id: patch.device_id } : {}),
          ...(patch.port_security_enabled !== undefined
            ? { port_security_enabled: patch.port_security_enabled }
            : {}),
          fixed_ips: fixedIps,
        },
        now,
      );
      await tx.ports.update(next);
      return { port: next, agents };
    });
    wakeAgents(this.signals, agents);
    return port;
  }

  /**
   * Deletes a port and disassociates its floating IPs. Refused (409) for the VIP port of a load balancer
   * and for a floating IP's own port (delete the floating IP), as Neutron refuses router-owned ports.
   */
  async delete(ctx: AuthContext, id: string): Promise<void> {
    const agents = await this.deps.store.write(async (tx) => {
      const stored = await visiblePort(tx, ctx, id);
      authorizeWrite(ctx, stored.project_id, 'delete_port');
      const lbId = await liveLoadBalancerOf(tx, stored);
      if (lbId !== undefined) {
        throw new NeutronError(
          'conflict',
          'PortInUse',
          `Port ${id} is the VIP port of load balancer ${lbId}; delete the load balancer first.`,
        );
      }
      if (stored.device_owner === FLOATING_IP_DEVICE_OWNER) {
        throw new NeutronError(
          'conflict',
          'L3PortInUse',
          `Port ${id} has owner ${FLOATING_IP_DEVICE_OWNER} and therefore cannot be deleted directly via the port API.`,
        );
      }
      const released = await releaseFloatingIpsOf(tx, id, [], this.deps.clock.nowIso());
      const agents = released.length > 0 ? await replanPorts(tx, [stored]) : [];
      await tx.ports.remove(id);
      return agents;
    });
    wakeAgents(this.signals, agents);
  }

  changeTags(ctx: AuthContext, id: string, change: (tags: string[]) => string[]): Promise<string[]> {
    return this.deps.store.write(async (tx) => {
      const stored = await visiblePort(tx, ctx, id);
      authorizeWrite(ctx, stored.project_id, 'update_port:tags');
      const tags = dedupe(change([...(stored.tags ?? [])]));
      await tx.ports.update(revised({ ...stored, tags }, this.deps.clock.nowIso()));
      return tags;
    });
  }

  async tags(ctx: AuthContext, id: string): Promise<string[]> {
    return (await this.get(ctx, id)).tags ?? [];
  }
}

/** The port if the caller may see it, else Neutron's 404. */
export async function visiblePort(tx: StoreTx, ctx: AuthContext, id: string): Promise<PortRecord> {
  const p = await tx.ports.get(id);
  if (!p || !ownsForRead(ctx, p.project_id)) throw neutronErrors.portNotFound(id);
  return p;
}

/** The id of the existing load balancer whose VIP port this is. */
async function liveLoadBalancerOf(tx: StoreTx, port: PortRecord): Promise<string | undefined> {
  const lbId = loadBalancerIdOfPort(port);
  return lbId !== undefined && (await tx.loadBalancers.get(lbId)) ? lbId : undefined;
}
