import type { Kysely } from 'kysely';
import type { L7PolicyRecord } from '@lbaas/core';
import type { L7PolicyRepository } from '../services/ports.js';
import { hybridRepository, type HybridCodec } from './hybrid.repository.js';
import type { StoreDatabase } from './store-database.js';

/** L7 policies: listener and redirect pool are columns (renumbering, pool-in-use checks). */
export const l7PolicyCodec: HybridCodec<L7PolicyRecord> = {
  table: 'l7policies',
  columns: [
    'project_id',
    'load_balancer_id',
    'listener_id',
    'redirect_pool_id',
    'name',
    'provisioning_status',
  ],
};

/** The L7 policy repository bound to one transaction. */
export function createL7PolicyRepository(db: Kysely<StoreDatabase>): L7PolicyRepository {
  return hybridRepository(db, l7PolicyCodec);
}
