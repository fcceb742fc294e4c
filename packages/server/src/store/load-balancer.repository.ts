import { sql, type Kysely } from 'kysely';
import type { LoadBalancerRecord } from '@lbaas/core';
import type { LoadBalancerRepository } from '../services/ports.js';
import { decodeRecord, hybridRepository, type HybridCodec } from './hybrid.repository.js';
import type { StoreDatabase } from './store-database.js';

/** Load balancers: the revisions and pending_since are columns so lock() can change them in one UPDATE. */
export const loadBalancerCodec: HybridCodec<LoadBalancerRecord> = {
  table: 'load_balancers',
  columns: [
    'project_id',
    'name',
    'provisioning_status',
    'desired_revision',
    'applied_revision',
    'pending_since',
    'flavor_id',
    'availability_zone',
  ],
};

/** The load-balancer repository bound to one transaction, with Octavia's atomic "LB lock". */
export function createLoadBalancerRepository(db: Kysely<StoreDatabase>): LoadBalancerRepository {
  const { table } = loadBalancerCodec;
  return {
    ...hybridRepository<
      LoadBalancerRecord,
      'project_id' | 'provisioning_status' | 'flavor_id' | 'availability_zone'
    >(db, loadBalancerCodec),

    async lock(id, allowed, to, now) {
      if (allowed.length === 0) return undefined;
      // One conditional UPDATE is the whole lock: on PostgreSQL a competing writer blocks on the row and,
      // under READ COMMITTED, re-checks the status after the winner commits, so exactly one succeeds.
      const row = await db
        .updateTable(table)
        .set({
          provisioning_status: to,
          desired_revision: sql<number>`desired_revision + 1`,
          pending_since: now,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('provisioning_status', 'in', [...allowed])
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : decodeRecord(loadBalancerCodec, row);
    },

    async pendingIds() {
      const rows = await db
        .selectFrom(table)
        .select('id')
        .where('provisioning_status', 'like', 'PENDING_%')
        .orderBy('id')
        .execute();
      return rows.map((row) => String(row.id));
    },
  };
}
