/*
 * Agents, load-balancer placements and listener statistics, written once for SQLite and PostgreSQL.
 *
 * Why plain columns (no hybrid `doc`): these rows are owned by the control plane, not the Octavia API, so
 * their shape is fixed and every field is read or compared by the store.
 * Why INTEGER for generation / revisions / flags (0/1) but BIGINT for byte and connection counters: pg
 * returns int8 as a string (the repository converts), and only the counters can pass 2^31.
 * Why TEXT timestamps: as in 0001, ISO-8601 sorts correctly as text on both dialects.
 */
import type { Kysely, Migration } from 'kysely';

/** Creates agents, lb_placements and listener_stats. */
export const agentsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('agents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('base_dir', 'text', (c) => c.notNull())
      .addColumn('maxconn', 'integer', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_seen', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('lb_placements')
      .addColumn('load_balancer_id', 'text', (c) => c.primaryKey())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('haproxy_cfg', 'text', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('applied_revision', 'integer')
      .addColumn('applied_hash', 'text')
      .addColumn('last_error', 'text')
      .execute();
    await db.schema
      .createIndex('lb_placements_agent_id_idx')
      .on('lb_placements')
      .column('agent_id')
      .execute();
    await db.schema
      .createTable('listener_stats')
      .addColumn('listener_id', 'text', (c) => c.primaryKey())
      .addColumn('load_balancer_id', 'text', (c) => c.notNull())
      .addColumn('bytes_in', 'bigint', (c) => c.notNull())
      .addColumn('bytes_out', 'bigint', (c) => c.notNull())
      .addColumn('active_connections', 'bigint', (c) => c.notNull())
      .addColumn('total_connections', 'bigint', (c) => c.notNull())
      .addColumn('request_errors', 'bigint', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('listener_stats_load_balancer_id_idx')
      .on('listener_stats')
      .column('load_balancer_id')
      .execute();
  },
};
