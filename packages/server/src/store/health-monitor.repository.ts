import type { Kysely } from 'kysely';
import type { HealthMonitorRecord } from '@lbaas/core';
import type { HealthMonitorRepository } from '../services/ports.js';
import { hybridRepository, type HybridCodec } from './hybrid.repository.js';
import type { StoreDatabase } from './store-database.js';

/** Health monitors: pool_id is a unique column (one monitor per pool). */
export const healthMonitorCodec: HybridCodec<HealthMonitorRecord> = {
  table: 'health_monitors',
  columns: ['project_id', 'load_balancer_id', 'pool_id', 'name', 'provisioning_status'],
};

/** The health monitor repository bound to one transaction. */
export function createHealthMonitorRepository(db: Kysely<StoreDatabase>): HealthMonitorRepository {
  return hybridRepository(db, healthMonitorCodec);
}
