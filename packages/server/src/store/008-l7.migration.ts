/*
 * L7 policies and rules, hybrid tables like the other load-balancer objects (filter columns as real
 * columns, the rest as JSON in `doc`), written once for SQLite and PostgreSQL.
 *
 * Why listener_id / redirect_pool_id / l7policy_id are columns: the services look policies up by
 * listener (position renumbering, listener delete) and by redirect pool (pool delete's 409, pool.listeners).
 */
import type { Kysely, Migration } from 'kysely';

function trackedTable(db: Kysely<unknown>, table: string) {
  return db.schema
    .createTable(table)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text')
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('provisioning_status', 'text', (c) => c.notNull())
    .addColumn('load_balancer_id', 'text', (c) => c.notNull());
}

/** Creates `l7policies` and `l7rules` with their lookup indexes. */
export const l7Migration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await trackedTable(db, 'l7policies')
      .addColumn('listener_id', 'text', (c) => c.notNull())
      .addColumn('redirect_pool_id', 'text')
      .execute();
    await trackedTable(db, 'l7rules')
      .addColumn('l7policy_id', 'text', (c) => c.notNull())
      .execute();
    const indexes: [string, string[]][] = [
      ['l7policies', ['project_id', 'load_balancer_id', 'listener_id', 'redirect_pool_id']],
      ['l7rules', ['project_id', 'load_balancer_id', 'l7policy_id']],
    ];
    for (const [table, columns] of indexes) {
      for (const column of columns) {
        await db.schema.createIndex(`${table}_${column}_idx`).on(table).column(column).execute();
      }
    }
  },
};
