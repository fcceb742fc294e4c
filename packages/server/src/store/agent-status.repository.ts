import type { Kysely } from 'kysely';
import type { OperatingStatusChange, OperatingStatusWriter } from '../services/ports.js';
import type { StoreDatabase } from './store-database.js';

/** Tables of the record kinds whose operating_status agents' reports drive. */
const TABLES: Readonly<Record<OperatingStatusChange['kind'], string>> = {
  loadBalancers: 'load_balancers',
  listeners: 'listeners',
  pools: 'pools',
  members: 'members',
};

/**
 * Writes operating_status (which lives in the JSON `doc`) with a compare-and-swap on the whole doc: only
 * `doc` is set, so provisioning_status (a column) can never be reverted, and a doc that changed since it
 * was read (the reconciler's completion, an API update) makes the write a no-op instead of a lost update.
 */
export function createAgentStatusRepository(db: Kysely<StoreDatabase>): OperatingStatusWriter {
  return {
    async apply(changes) {
      let changed = 0;
      for (const change of changes) {
        const table = TABLES[change.kind];
        const row = await db.selectFrom(table).select('doc').where('id', '=', change.id).executeTakeFirst();
        const doc = row?.['doc'];
        if (typeof doc !== 'string') continue;
        const record = JSON.parse(doc) as Record<string, unknown>;
        if (record['operating_status'] !== change.from) continue;
        record['operating_status'] = change.to;
        const result = await db
          .updateTable(table)
          .set({ doc: JSON.stringify(record) })
          .where('id', '=', change.id)
          .where('doc', '=', doc)
          .executeTakeFirst();
        if (result.numUpdatedRows > 0n) changed++;
      }
      return changed;
    },
  };
}
