import {
  applyHealthMonitorUpdate,
  buildHealthMonitor,
  notFound,
  type HealthMonitorCreateInput,
  type HealthMonitorRecord,
  type HealthMonitorUpdateInput,
  type PoolRecord,
} from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { healthMonitorFor, lockPoolChange } from './lookups.js';
import { authorize, listScope } from './policy.js';
import { enforceQuota } from './quota.service.js';
import type { StoreTx } from './ports.js';
import type { ServiceDeps } from './service-deps.js';

/** Use cases of health monitors (spec §4.5, §3.3). */
export class HealthMonitorService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(ctx: AuthContext, input: HealthMonitorCreateInput): Promise<HealthMonitorRecord> {
    const poolId = input.pool_id ?? '';
    const hm = await this.deps.store.write(async (tx) => {
      const pool = await tx.pools.get(poolId);
      if (!pool || pool.provisioning_status === 'PENDING_DELETE') throw notFound('Pool', poolId);
      authorize(ctx, 'write', pool.project_id);
      await enforceQuota(tx, this.deps.settings.quotaDefaults, pool.project_id, [['healthmonitor', 1]]);
      const now = this.deps.clock.nowIso();
      await lockPoolChange(tx, pool, now);
      const existing = (await tx.healthMonitors.find({ pool_id: pool.id }))[0];
      const record = buildHealthMonitor(input, { id: this.deps.ids.uuid(), now, pool, existing });
      await tx.healthMonitors.insert(record);
      // Members of a monitored pool are OFFLINE until the first checks report (spec §3.2).
      for (const m of await tx.members.find({ pool_id: pool.id })) {
        if (m.operating_status === 'NO_MONITOR')
          await tx.members.update({ ...m, operating_status: 'OFFLINE' });
      }
      return record;
    });
    this.deps.notifier.notify(hm.load_balancer_id);
    return hm;
  }

  get(ctx: AuthContext, id: string): Promise<HealthMonitorRecord> {
    return this.deps.store.read((tx) => healthMonitorFor(tx, ctx, id, 'read'));
  }

  list(ctx: AuthContext, requestedProject: string | undefined): Promise<HealthMonitorRecord[]> {
    const project = listScope(ctx, requestedProject);
    return this.deps.store.read((tx) =>
      tx.healthMonitors.find(project === undefined ? {} : { project_id: project }),
    );
  }

  async update(ctx: AuthContext, id: string, patch: HealthMonitorUpdateInput): Promise<HealthMonitorRecord> {
    const updated = await this.deps.store.write(async (tx) => {
      const stored = await healthMonitorFor(tx, ctx, id, 'write');
      const pool = await this.poolOf(tx, stored);
      const now = this.deps.clock.nowIso();
      await lockPoolChange(tx, pool, now);
      const next = applyHealthMonitorUpdate(stored, patch, { now });
      const record: HealthMonitorRecord = { ...next, provisioning_status: 'PENDING_UPDATE' };
      await tx.healthMonitors.update(record);
      return record;
    });
    this.deps.notifier.notify(updated.load_balancer_id);
    return updated;
  }

  async delete(ctx: AuthContext, id: string): Promise<void> {
    const lbId = await this.deps.store.write(async (tx) => {
      const stored = await healthMonitorFor(tx, ctx, id, 'write');
      const pool = await this.poolOf(tx, stored);
      const now = this.deps.clock.nowIso();
      await lockPoolChange(tx, pool, now);
      await tx.healthMonitors.update({ ...stored, provisioning_status: 'PENDING_DELETE', updated_at: now });
      return stored.load_balancer_id;
    });
    this.deps.notifier.notify(lbId);
  }

  private async poolOf(tx: StoreTx, hm: HealthMonitorRecord): Promise<PoolRecord> {
    const pool = await tx.pools.get(hm.pool_id);
    if (!pool) throw notFound('Pool', hm.pool_id);
    return pool;
  }
}
