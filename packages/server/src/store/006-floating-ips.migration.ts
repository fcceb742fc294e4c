/*
 * Floating IPs (Neutron subset), written once for SQLite and PostgreSQL.
 *
 * A hybrid table like ports: the columns are what the services look floating IPs up by (a project's
 * list, the floating IPs of one external network, of one port, of one address); the rest is `doc`.
 * Why no UNIQUE on the address: the address is held by an internal port on the external network, so
 * port_ips' primary key (subnet_id, ip_address) already makes a double allocation fail the write.
 */
import type { Kysely, Migration } from 'kysely';

/** Creates floating_ips and its lookup indexes. */
export const floatingIpsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('floating_ips')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text')
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('floating_network_id', 'text', (c) => c.notNull())
      .addColumn('port_id', 'text')
      .addColumn('floating_ip_address', 'text', (c) => c.notNull())
      .execute();
    for (const column of ['project_id', 'floating_network_id', 'port_id', 'floating_ip_address']) {
      await db.schema.createIndex(`floating_ips_${column}_idx`).on('floating_ips').column(column).execute();
    }
  },
};
