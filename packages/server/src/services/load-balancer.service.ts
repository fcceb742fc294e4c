import {
  DomainError,
  flattenGraph,
  graphQuotaRequest,
  notImplemented,
  validationFailure,
  type LoadBalancerRecord,
} from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { releaseFloatingIpsOf } from './floating-ip-links.js';
import { createGraph, type GraphChildren, type GraphInput } from './graph-create.js';
import { checkZoneVipNetwork, resolveLoadBalancerOptions } from './load-balancer-options.js';
import { loadBalancerFor } from './lookups.js';
import { authorize, listScope } from './policy.js';
import { enforceQuota } from './quota.service.js';
import type { StoreTx } from './ports.js';
import type { ServiceDeps } from './service-deps.js';
import { allocateVip, ownedVipPortName, type VipRequest } from './vip-allocator.js';
import { StoreConflictError } from './store-conflict-error.js';

/** Body of POST /loadbalancers after schema validation (wire names). */
export interface LoadBalancerCreateInput extends VipRequest, GraphInput {
  name?: string | null;
  description?: string | null;
  admin_state_up?: boolean | null;
  project_id?: string | null;
  tenant_id?: string | null;
  vip_qos_policy_id?: string | null;
  vip_sg_ids?: string[] | null;
  additional_vips?: unknown[] | null;
  provider?: string | null;
  flavor_id?: string | null;
  availability_zone?: string | null;
  tags?: string[] | null;
}

/** Body of PUT /loadbalancers/{id}. */
export interface LoadBalancerUpdateInput {
  name?: string | null;
  description?: string | null;
  admin_state_up?: boolean | null;
  vip_qos_policy_id?: string | null;
  vip_sg_ids?: string[] | null;
  tags?: string[] | null;
}

/** A load balancer with everything under it (what responses and the status tree are made from). */
export interface LoadBalancerGraph extends GraphChildren {
  loadBalancer: LoadBalancerRecord;
}

const VIP_RETRIES = 3;

/** Use cases of load balancers (spec §4.1, §3.3). */
export class LoadBalancerService {
  constructor(private readonly deps: ServiceDeps) {}

  /** POST: one transaction writes the load balancer, its VIP port and any graph children. */
  async create(ctx: AuthContext, input: LoadBalancerCreateInput): Promise<LoadBalancerGraph> {
    const projectId = input.project_id ?? input.tenant_id ?? ctx.projectId;
    authorize(ctx, 'write', projectId);
    // Without `provider` the flavor's profile (or the default) decides, in createIn.
    const provider = input.provider == null ? undefined : this.provider(input.provider);
    if (input.vip_qos_policy_id)
      throw new DomainError('invalid', `qos_policy ${input.vip_qos_policy_id} not found.`);
    const sg = input.vip_sg_ids?.[0];
    if (sg) throw new DomainError('invalid', `Security Group ${sg} not found.`);
    if (input.additional_vips && input.additional_vips.length > 0) throw notImplemented('additional_vips');

    for (let attempt = 1; ; attempt++) {
      try {
        const graph = await this.deps.store.write((tx) => this.createIn(tx, ctx, input, projectId, provider));
        this.deps.notifier.notify(graph.loadBalancer.id);
        return graph;
      } catch (err) {
        // Two servers picked the same free address: only an auto-allocated VIP is retried.
        if (
          err instanceof StoreConflictError &&
          err.constraint === 'port_ips' &&
          !input.vip_address &&
          attempt < VIP_RETRIES
        )
          continue;
        if (err instanceof StoreConflictError && err.constraint === 'port_ips') {
          throw new DomainError(
            'conflict',
            `The VIP IP address is already in use: ${input.vip_address ?? 'allocation raced'}`,
          );
        }
        throw err;
      }
    }
  }

  private async createIn(
    tx: StoreTx,
    ctx: AuthContext,
    input: LoadBalancerCreateInput,
    projectId: string,
    requestedProvider: string | undefined,
  ): Promise<LoadBalancerGraph> {
    const { clock, ids } = this.deps;
    // First statement of the transaction: the project's quota row is locked before anything is counted.
    const graph = flattenGraph(input.listeners ?? [], input.pools ?? []);
    await enforceQuota(tx, this.deps.settings.quotaDefaults, projectId, graphQuotaRequest(graph));
    const now = clock.nowIso();
    const id = ids.uuid();
    const options = await resolveLoadBalancerOptions(
      tx,
      { ...input, provider: requestedProvider ?? null },
      this.provider(undefined),
    );
    const vip = await allocateVip(tx, input, { id, project_id: projectId }, ids, now);
    checkZoneVipNetwork(options, vip.networkId);
    const lb: LoadBalancerRecord = {
      id,
      project_id: projectId,
      name: input.name ?? null,
      description: input.description ?? null,
      admin_state_up: input.admin_state_up ?? true,
      provisioning_status: 'PENDING_CREATE',
      operating_status: 'OFFLINE',
      vip_address: vip.address,
      vip_port_id: vip.port.id,
      vip_subnet_id: vip.subnetId,
      vip_network_id: vip.networkId,
      vip_qos_policy_id: null,
      vip_sg_ids: [],
      vip_vnic_type: 'normal',
      additional_vips: [],
      provider: options.provider,
      flavor_id: options.flavorId,
      availability_zone: options.availabilityZone,
      tags: input.tags ?? [],
      created_at: now,
      updated_at: null,
      desired_revision: 1,
      applied_revision: 0,
      pending_since: now,
      last_error: null,
    };
    await tx.loadBalancers.insert(lb);
    const children = await createGraph(tx, ctx, this.deps, lb, input);
    return { loadBalancer: lb, ...children };
  }

  /** GET one, with the ids of its children. */
  get(ctx: AuthContext, id: string): Promise<LoadBalancerGraph> {
    return this.deps.store.read(async (tx) => graphOf(tx, await loadBalancerFor(tx, ctx, id, 'read')));
  }

  /** All load balancers the caller may list, with their children (for back-references). */
  list(ctx: AuthContext, requestedProject: string | undefined): Promise<LoadBalancerGraph[]> {
    const project = listScope(ctx, requestedProject);
    return this.deps.store.read(async (tx) => {
      const lbs = await tx.loadBalancers.find(project === undefined ? {} : { project_id: project });
      const where = project === undefined ? {} : { project_id: project };
      const [listeners, pools] = await Promise.all([tx.listeners.find(where), tx.pools.find(where)]);
      return lbs.map((lb) => ({
        loadBalancer: lb,
        listeners: listeners.filter((l) => l.load_balancer_id === lb.id),
        pools: pools.filter((p) => p.load_balancer_id === lb.id),
        members: [],
        healthMonitors: [],
        l7Policies: [],
        l7Rules: [],
      }));
    });
  }

  /** PUT: LB must be ACTIVE (409 `Invalid state … of loadbalancer resource …`). */
  async update(ctx: AuthContext, id: string, patch: LoadBalancerUpdateInput): Promise<LoadBalancerGraph> {
    if (patch.vip_qos_policy_id)
      throw new DomainError('invalid', `qos_policy ${patch.vip_qos_policy_id} not found.`);
    const sg = patch.vip_sg_ids?.[0];
    if (sg) throw new DomainError('invalid', `Security Group ${sg} not found.`);
    const graph = await this.deps.store.write(async (tx) => {
      const lb = await loadBalancerFor(tx, ctx, id, 'write');
      const now = this.deps.clock.nowIso();
      const locked = await tx.loadBalancers.lock(id, ['ACTIVE'], 'PENDING_UPDATE', now);
      if (!locked) throw invalidState(lb);
      const next: LoadBalancerRecord = { ...locked };
      if (patch.name !== undefined) next.name = patch.name;
      if (patch.description !== undefined) next.description = patch.description;
      if (patch.admin_state_up !== undefined) next.admin_state_up = patch.admin_state_up ?? false;
      if (patch.vip_qos_policy_id !== undefined) next.vip_qos_policy_id = null;
      if (patch.vip_sg_ids !== undefined) next.vip_sg_ids = [];
      if (patch.tags !== undefined) next.tags = patch.tags ?? [];
      await tx.loadBalancers.update(next);
      return graphOf(tx, next);
    });
    this.deps.notifier.notify(id);
    return graph;
  }

  /** DELETE: 400 when it has children unless cascade; ACTIVE or ERROR → PENDING_DELETE. */
  async delete(ctx: AuthContext, id: string, cascade: boolean): Promise<void> {
    await this.deps.store.write(async (tx) => {
      const lb = await loadBalancerFor(tx, ctx, id, 'write');
      const graph = await graphOf(tx, lb, true);
      if (!cascade && (graph.listeners.length > 0 || graph.pools.length > 0)) {
        throw validationFailure(`Cannot delete Load Balancer ${id} - it has children`);
      }
      const now = this.deps.clock.nowIso();
      const locked = await tx.loadBalancers.lock(id, ['ACTIVE', 'ERROR'], 'PENDING_DELETE', now);
      if (!locked) throw invalidState(lb);
      const mark = async <T extends { provisioning_status: string; updated_at: string | null }>(
        repo: { update(r: T): Promise<boolean> },
        rows: readonly T[],
      ): Promise<void> => {
        for (const r of rows)
          await repo.update({ ...r, provisioning_status: 'PENDING_DELETE', updated_at: now });
      };
      await mark(tx.listeners, graph.listeners);
      await mark(tx.pools, graph.pools);
      await mark(tx.members, graph.members);
      await mark(tx.healthMonitors, graph.healthMonitors);
      await mark(tx.l7Policies, graph.l7Policies);
      await mark(tx.l7Rules, graph.l7Rules);
      // The VIP port this service created goes with the load balancer, so its floating IPs are
      // disassociated now, as Neutron does when Octavia deletes the port (a user's port keeps them).
      const vipPort = await tx.ports.get(lb.vip_port_id);
      if (vipPort?.name === ownedVipPortName(id)) await releaseFloatingIpsOf(tx, vipPort.id, [], now);
    });
    this.deps.notifier.notify(id);
  }

  private provider(requested: string | null | undefined): string {
    const enabled = this.deps.settings.enabledProviders;
    const p = requested ?? enabled[0] ?? 'amphora';
    if (!enabled.includes(p)) throw new DomainError('invalid', `Provider '${p}' is not enabled.`);
    return p;
  }
}

/** Reads the children of a load balancer (members, monitors and L7 objects only when `deep`). */
export async function graphOf(tx: StoreTx, lb: LoadBalancerRecord, deep = true): Promise<LoadBalancerGraph> {
  const by = { load_balancer_id: lb.id };
  const [listeners, pools, members, healthMonitors, l7Policies, l7Rules] = await Promise.all([
    tx.listeners.find(by),
    tx.pools.find(by),
    deep ? tx.members.find(by) : Promise.resolve([]),
    deep ? tx.healthMonitors.find(by) : Promise.resolve([]),
    deep ? tx.l7Policies.find(by) : Promise.resolve([]),
    deep ? tx.l7Rules.find(by) : Promise.resolve([]),
  ]);
  return { loadBalancer: lb, listeners, pools, members, healthMonitors, l7Policies, l7Rules };
}

function invalidState(lb: LoadBalancerRecord): DomainError {
  return new DomainError(
    'conflict',
    `Invalid state ${lb.provisioning_status} of loadbalancer resource ${lb.id}`,
  );
}
