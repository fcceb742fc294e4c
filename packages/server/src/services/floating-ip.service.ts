import type { FloatingIpCreate, FloatingIpUpdate, FixedIpRequest } from '@lbaas/contract';
import { ipVersion, type FixedIp, type FloatingIpRecord, type PortRecord } from '@lbaas/core';
import type { AgentSignals } from './agent-signals.js';
import { isAdmin, type AuthContext } from './auth-context.js';
import { replanPorts, wakeAgents } from './floating-ip-links.js';
import { uniqueMacAddress } from './mac-address.js';
import {
  authorizeAdmin,
  authorizeWrite,
  createProject,
  floatingIpVisible,
  networkVisible,
  ownsForRead,
  revised,
} from './network-access.js';
import { dedupe } from './network.service.js';
import { NeutronError, neutronErrors } from './neutron-error.js';
import { allocateFixedIps } from './port-ipam.js';
import { FLOATING_IP_DEVICE_OWNER } from './port.service.js';
import type { StoreTx } from './ports.js';
import type { ServiceDeps } from './service-deps.js';

/** A floating IP with the port it is associated with (for `port_details`). */
export interface FloatingIpWithPort {
  floatingIp: FloatingIpRecord;
  port: PortRecord | undefined;
}

const bad = (detail: string): NeutronError => neutronErrors.badRequest('floatingip', detail);

/**
 * Neutron floating IPs. The address is held by an internal port on the external network (so ports, VIPs
 * and floating IPs share one IPAM); association maps it to an IPv4 fixed IP of a port on any non-external
 * network (there are no routers: every tenant subnet is reachable). A change that touches a load
 * balancer's VIP port re-plans that load balancer's network in the same transaction and wakes its agent.
 */
export class FloatingIpService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly signals: AgentSignals,
  ) {}

  list(ctx: AuthContext): Promise<FloatingIpWithPort[]> {
    return this.deps.store.read(async (tx) => {
      const fips = (await tx.floatingIps.find({})).filter((f) => floatingIpVisible(ctx, f));
      return Promise.all(fips.map((f) => withPort(tx, f)));
    });
  }

  get(ctx: AuthContext, id: string): Promise<FloatingIpWithPort> {
    return this.deps.store.read(async (tx) => withPort(tx, await visibleFloatingIp(tx, ctx, id)));
  }

  async create(ctx: AuthContext, input: FloatingIpCreate): Promise<FloatingIpWithPort> {
    const { result, agents } = await this.deps.store.write(async (tx) => {
      const network = await tx.networks.get(input.floating_network_id);
      if (!network || !networkVisible(ctx, network))
        throw neutronErrors.networkNotFound(input.floating_network_id);
      if (!network.external) throw bad(`Network ${network.id} is not a valid external network`);
      const projectId = createProject(ctx, input);
      authorizeWrite(ctx, projectId, 'create_floatingip');
      if (input.floating_ip_address !== undefined)
        authorizeAdmin(ctx, 'create_floatingip:floating_ip_address');
      if (input.fixed_ip_address != null && input.port_id == null) {
        throw bad('fixed_ip_address cannot be specified without a port_id');
      }
      const id = this.deps.ids.uuid();
      const now = this.deps.clock.nowIso();
      const fixedIps = await this.allocate(tx, network.id, input);
      const address = fixedIps[0];
      if (!address) throw neutronErrors.ipAddressGenerationFailure(network.id);
      const port: PortRecord = {
        id: this.deps.ids.uuid(),
        // Like Neutron's, the internal port belongs to no project: only admins see it.
        project_id: '',
        network_id: network.id,
        name: '',
        description: '',
        device_owner: FLOATING_IP_DEVICE_OWNER,
        device_id: id,
        fixed_ips: [address],
        admin_state_up: true,
        mac_address: await uniqueMacAddress(tx, this.deps.ids, network.id),
        tags: [],
        revision_number: 0,
        created_at: now,
        updated_at: now,
      };
      await tx.ports.insert(port);
      let fip: FloatingIpRecord = {
        id,
        project_id: projectId,
        floating_network_id: network.id,
        floating_subnet_id: address.subnet_id,
        floating_ip_address: address.ip_address,
        floating_port_id: port.id,
        port_id: null,
        fixed_ip_address: null,
        description: input.description ?? '',
        tags: dedupe(input.tags ?? []),
        revision_number: 0,
        created_at: now,
        updated_at: now,
      };
      let agents: string[] = [];
      if (input.port_id != null) {
        fip = {
          ...fip,
          ...(await association(tx, ctx, fip, input.port_id, input.fixed_ip_address ?? undefined)),
        };
        await tx.floatingIps.insert(fip);
        agents = await replanPorts(tx, [fip.port_id]);
      } else {
        await tx.floatingIps.insert(fip);
      }
      return { result: await withPort(tx, fip), agents };
    });
    wakeAgents(this.signals, agents);
    return result;
  }

  /** Associates (`port_id`), re-associates, disassociates (`port_id: null`) or re-describes. */
  async update(ctx: AuthContext, id: string, patch: FloatingIpUpdate): Promise<FloatingIpWithPort> {
    const { result, agents } = await this.deps.store.write(async (tx) => {
      const stored = await visibleFloatingIp(tx, ctx, id);
      authorizeWrite(ctx, stored.project_id, 'update_floatingip');
      let next: FloatingIpRecord = { ...stored };
      if (patch.description !== undefined) next.description = patch.description;
      const portId =
        patch.port_id === undefined
          ? patch.fixed_ip_address != null
            ? stored.port_id
            : undefined
          : patch.port_id;
      if (portId === null) {
        if (patch.fixed_ip_address != null)
          throw bad('fixed_ip_address cannot be specified without a port_id');
        next = { ...next, port_id: null, fixed_ip_address: null };
      } else if (portId !== undefined) {
        next = {
          ...next,
          ...(await association(tx, ctx, next, portId, patch.fixed_ip_address ?? undefined)),
        };
      }
      next = revised(next, this.deps.clock.nowIso());
      await tx.floatingIps.update(next);
      const moved = next.port_id !== stored.port_id || next.fixed_ip_address !== stored.fixed_ip_address;
      const agents = moved ? await replanPorts(tx, [stored.port_id, next.port_id]) : [];
      return { result: await withPort(tx, next), agents };
    });
    wakeAgents(this.signals, agents);
    return result;
  }

  /** Deletes the floating IP and its internal port (the address goes back to the external subnet). */
  async delete(ctx: AuthContext, id: string): Promise<void> {
    const agents = await this.deps.store.write(async (tx) => {
      const stored = await visibleFloatingIp(tx, ctx, id);
      authorizeWrite(ctx, stored.project_id, 'delete_floatingip');
      await tx.floatingIps.remove(id);
      await tx.ports.remove(stored.floating_port_id);
      return stored.port_id === null ? [] : replanPorts(tx, [stored.port_id]);
    });
    wakeAgents(this.signals, agents);
  }

  changeTags(ctx: AuthContext, id: string, change: (tags: string[]) => string[]): Promise<string[]> {
    return this.deps.store.write(async (tx) => {
      const stored = await visibleFloatingIp(tx, ctx, id);
      authorizeWrite(ctx, stored.project_id, 'update_floatingip:tags');
      const tags = dedupe(change([...stored.tags]));
      await tx.floatingIps.update(revised({ ...stored, tags }, this.deps.clock.nowIso()));
      return tags;
    });
  }

  async tags(ctx: AuthContext, id: string): Promise<string[]> {
    return (await this.get(ctx, id)).floatingIp.tags;
  }

  /** The floating address: as requested, else the first IPv4 subnet of the network with room. */
  private async allocate(tx: StoreTx, networkId: string, input: FloatingIpCreate): Promise<FixedIp[]> {
    const network = await tx.networks.get(networkId);
    if (!network) throw neutronErrors.networkNotFound(networkId);
    if (input.floating_ip_address !== undefined) {
      if (ipVersion(input.floating_ip_address) !== 4) {
        throw new NeutronError(
          'invalid',
          'HTTPBadRequest',
          `Invalid input for floating_ip_address. Reason: '${input.floating_ip_address}' is not a valid IPv4 address.`,
        );
      }
      const req: FixedIpRequest = { ip_address: input.floating_ip_address };
      if (input.subnet_id != null) req.subnet_id = input.subnet_id;
      return allocateFixedIps(tx, network, [req]);
    }
    const subnets = (await tx.subnets.find({ network_id: networkId })).filter((s) => s.ip_version === 4);
    const candidates = input.subnet_id != null ? subnets.filter((s) => s.id === input.subnet_id) : subnets;
    if (input.subnet_id != null && candidates.length === 0) {
      throw bad(`Subnet ${input.subnet_id} is not an IPv4 subnet of network ${networkId}`);
    }
    if (candidates.length === 0) throw bad(`Network ${networkId} has no IPv4 subnet for floating IPs`);
    for (const s of candidates) {
      try {
        return await allocateFixedIps(tx, network, [{ subnet_id: s.id }]);
      } catch (e) {
        if (!(e instanceof NeutronError && e.type === 'IpAddressGenerationFailure')) throw e;
      }
    }
    throw neutronErrors.ipAddressGenerationFailure(networkId);
  }
}

/** The floating IP if the caller may see it, else Neutron's 404. */
async function visibleFloatingIp(tx: StoreTx, ctx: AuthContext, id: string): Promise<FloatingIpRecord> {
  const f = await tx.floatingIps.get(id);
  if (!f || !floatingIpVisible(ctx, f)) throw neutronErrors.floatingIpNotFound(id);
  return f;
}

async function withPort(tx: StoreTx, floatingIp: FloatingIpRecord): Promise<FloatingIpWithPort> {
  return {
    floatingIp,
    port: floatingIp.port_id === null ? undefined : await tx.ports.get(floatingIp.port_id),
  };
}

/** Validates an association with Neutron's rules; returns the port_id / fixed_ip_address to store. */
async function association(
  tx: StoreTx,
  ctx: AuthContext,
  fip: FloatingIpRecord,
  portId: string,
  fixedIp: string | undefined,
): Promise<Pick<FloatingIpRecord, 'port_id' | 'fixed_ip_address'>> {
  const port = await tx.ports.get(portId);
  if (!port || !ownsForRead(ctx, port.project_id)) throw neutronErrors.portNotFound(portId);
  if (port.project_id !== fip.project_id && !isAdmin(ctx)) {
    throw bad(
      `Cannot create floating IP and bind it to Port ${portId}, since that port is owned by a different tenant`,
    );
  }
  const network = await tx.networks.get(port.network_id);
  if (!network || network.external || port.device_owner === FLOATING_IP_DEVICE_OWNER) {
    throw bad(`Port ${portId} is on the external network ${port.network_id} and cannot have a floating IP`);
  }
  const v4 = port.fixed_ips.filter((f) => ipVersion(f.ip_address) === 4).map((f) => f.ip_address);
  let address: string;
  if (fixedIp !== undefined) {
    if (!v4.includes(fixedIp)) throw bad(`Port ${portId} does not have fixed ip ${fixedIp}`);
    address = fixedIp;
  } else {
    const [only, ...more] = v4;
    if (only === undefined) throw bad(`No IPv4 addresses found on port ${portId}`);
    if (more.length > 0) {
      throw bad(
        `Port ${portId} has multiple fixed IPv4 addresses. Must provide a specific IPv4 address when assigning a floating IP`,
      );
    }
    address = only;
  }
  const clash = (await tx.floatingIps.find({ port_id: portId })).find(
    (f) => f.id !== fip.id && f.fixed_ip_address === address,
  );
  if (clash) {
    throw new NeutronError(
      'conflict',
      'FloatingIPPortAlreadyAssociated',
      `Cannot associate floating IP ${fip.floating_ip_address} (${fip.id}) with port ${portId} using fixed IP ${address}, as that fixed IP already has a floating IP on external network ${clash.floating_network_id}.`,
    );
  }
  return { port_id: portId, fixed_ip_address: address };
}
