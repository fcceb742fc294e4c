/*
 * Per-project quota records, written once for SQLite and PostgreSQL.
 *
 * Why plain columns (no hybrid `doc`): the record is a fixed set of nullable integers, and project_id is
 * the key the enforcement path locks (INSERT … ON CONFLICT DO NOTHING, then SELECT … FOR UPDATE on
 * PostgreSQL). NULL means "the deployment default"; the columns carry the canonical API names.
 * Why no in-use counters: usage is counted from the object tables inside the same transaction, so it can
 * never drift from the rows.
 */
import type { Kysely, Migration } from 'kysely';

// Spelled out (not imported) so that this migration never changes once applied.
const LIMIT_COLUMNS = [
  'loadbalancer',
  'listener',
  'pool',
  'healthmonitor',
  'member',
  'l7policy',
  'l7rule',
] as const;

/** Creates `quotas`. */
export const quotasMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    let table = db.schema.createTable('quotas').addColumn('project_id', 'text', (c) => c.primaryKey());
    for (const column of LIMIT_COLUMNS) table = table.addColumn(column, 'integer');
    await table.execute();
  },
};
