import type { Kysely } from 'kysely';
import type { ListenerStatsRecord, ListenerStatsRepository } from '../services/ports.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

const TABLE = 'listener_stats';

function decodeStats(row: StoreRow): ListenerStatsRecord {
  // BIGINT columns come back from pg as strings; Number is exact up to 2^53 bytes.
  const raw = JSON.parse(String(row['raw'])) as Partial<ListenerStatsRecord['raw']>;
  return {
    listener_id: String(row['listener_id']),
    load_balancer_id: String(row['load_balancer_id']),
    bytes_in: Number(row['bytes_in']),
    bytes_out: Number(row['bytes_out']),
    active_connections: Number(row['active_connections']),
    total_connections: Number(row['total_connections']),
    request_errors: Number(row['request_errors']),
    raw: { bin: raw.bin ?? 0, bout: raw.bout ?? 0, stot: raw.stot ?? 0, ereq: raw.ereq ?? 0 },
    updated_at: String(row['updated_at']),
  };
}

/** Accumulated listener counters bound to one transaction. */
export function createListenerStatsRepository(db: Kysely<StoreDatabase>): ListenerStatsRepository {
  return {
    async get(listenerId) {
      const row = await db
        .selectFrom(TABLE)
        .selectAll()
        .where('listener_id', '=', listenerId)
        .executeTakeFirst();
      return row === undefined ? undefined : decodeStats(row);
    },

    async byLoadBalancer(loadBalancerId) {
      const rows = await db
        .selectFrom(TABLE)
        .selectAll()
        .where('load_balancer_id', '=', loadBalancerId)
        .orderBy('listener_id')
        .execute();
      return rows.map(decodeStats);
    },

    async put(stats) {
      const row: StoreRow = { ...stats, raw: JSON.stringify(stats.raw) };
      const { listener_id: _key, ...rest } = row;
      await db
        .insertInto(TABLE)
        .values(row)
        .onConflict((oc) => oc.column('listener_id').doUpdateSet(rest))
        .execute();
    },

    async removeByLoadBalancer(loadBalancerId, keep) {
      let query = db.deleteFrom(TABLE).where('load_balancer_id', '=', loadBalancerId);
      if (keep !== undefined && keep.length > 0) query = query.where('listener_id', 'not in', [...keep]);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
