/*
 * Initial schema, written once with Kysely's schema builder for both SQLite and PostgreSQL.
 *
 * Why hybrid rows: every record kind gets its own table, but only the fields the store must search,
 * constrain or update atomically are real columns (id, the filter columns of services/ports.ts, created_at,
 * updated_at, the load balancer's revisions and pending_since, a member's address/port). Everything else is
 * one JSON `doc` TEXT column. The API grows fields often; keeping them in `doc` means no migration per
 * Octavia field, and the columns stay the single source of truth for what they hold (they are stripped from
 * `doc`). Booleans live only in `doc`, so the two dialects' boolean handling never differs.
 *
 * Why TEXT timestamps: callers pass ISO-8601 strings, which sort correctly as text on both dialects.
 * Why INTEGER (not BIGINT): pg returns int8 as a string; int4 comes back as a JS number.
 * Why no foreign keys: services delete children explicitly and in a known order; FKs would only add
 * dialect-specific cascade behaviour.
 * Why port_ips with PRIMARY KEY (subnet_id, ip_address): the database, not the allocator, guarantees that
 * two API servers sharing one PostgreSQL can never hand out the same address.
 */
import type { CreateTableBuilder, Kysely, Migration } from 'kysely';

/** The columns every record table shares. */
function recordTable<T extends string>(db: Kysely<unknown>, table: T): CreateTableBuilder<T, 'id'> {
  return db.schema
    .createTable(table)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text')
    .addColumn('doc', 'text', (c) => c.notNull());
}

/** Columns of the load-balancer object kinds (listener, pool, member, health monitor). */
function trackedColumns<T extends string>(builder: CreateTableBuilder<T, 'id'>): CreateTableBuilder<T, 'id'> {
  return builder
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('provisioning_status', 'text', (c) => c.notNull());
}

async function index(db: Kysely<unknown>, table: string, column: string): Promise<void> {
  await db.schema.createIndex(`${table}_${column}_idx`).on(table).column(column).execute();
}

/** Creates the record tables, port_ips, the unique constraints and the lookup indexes. */
export const initialMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await trackedColumns(recordTable(db, 'load_balancers'))
      .addColumn('desired_revision', 'integer', (c) => c.notNull())
      .addColumn('applied_revision', 'integer', (c) => c.notNull())
      .addColumn('pending_since', 'text')
      .execute();
    await trackedColumns(recordTable(db, 'listeners'))
      .addColumn('load_balancer_id', 'text', (c) => c.notNull())
      .addColumn('default_pool_id', 'text')
      .execute();
    await trackedColumns(recordTable(db, 'pools'))
      .addColumn('load_balancer_id', 'text', (c) => c.notNull())
      .execute();
    await trackedColumns(recordTable(db, 'members'))
      .addColumn('load_balancer_id', 'text', (c) => c.notNull())
      .addColumn('pool_id', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('protocol_port', 'integer', (c) => c.notNull())
      .addUniqueConstraint('members_pool_address_port_key', ['pool_id', 'address', 'protocol_port'])
      .execute();
    await trackedColumns(recordTable(db, 'health_monitors'))
      .addColumn('load_balancer_id', 'text', (c) => c.notNull())
      .addColumn('pool_id', 'text', (c) => c.notNull().unique())
      .execute();
    await recordTable(db, 'networks')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await recordTable(db, 'subnets')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('network_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await recordTable(db, 'ports')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('network_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('port_ips')
      .addColumn('port_id', 'text', (c) => c.notNull())
      .addColumn('subnet_id', 'text', (c) => c.notNull())
      .addColumn('ip_address', 'text', (c) => c.notNull())
      // Sorts like the numeric address (core ipSortKey): the highest allocation is one index probe away.
      .addColumn('ip_order', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('port_ips_pkey', ['subnet_id', 'ip_address'])
      .execute();

    // health_monitors.pool_id and members' (pool_id, …) are already indexed by their unique constraints.
    const indexes: [string, string[]][] = [
      ['load_balancers', ['project_id', 'provisioning_status']],
      ['listeners', ['project_id', 'load_balancer_id', 'default_pool_id']],
      ['pools', ['project_id', 'load_balancer_id']],
      ['members', ['project_id', 'load_balancer_id']],
      ['health_monitors', ['project_id', 'load_balancer_id']],
      ['networks', ['project_id', 'name']],
      ['subnets', ['project_id', 'network_id', 'name']],
      ['ports', ['project_id', 'network_id', 'device_id']],
      ['port_ips', ['port_id']],
    ];
    for (const [table, columns] of indexes) {
      for (const column of columns) await index(db, table, column);
    }
    // Composite indexes for the two hot paths: the next free VIP address and a project's list in
    // Octavia's default order.
    await db.schema
      .createIndex('port_ips_subnet_id_ip_order_idx')
      .on('port_ips')
      .columns(['subnet_id', 'ip_order'])
      .execute();
    await db.schema
      .createIndex('load_balancers_project_id_created_at_id_idx')
      .on('load_balancers')
      .columns(['project_id', 'created_at', 'id'])
      .execute();
  },
};
