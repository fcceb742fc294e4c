/*
 * Flavors, flavor profiles, availability zones and AZ profiles, written once for SQLite and PostgreSQL.
 *
 * Why plain columns (no hybrid `doc`): Octavia fixes these shapes (no timestamps, no tags), and the
 * store compares or constrains nearly every field. `enabled` is INTEGER 0/1 so both dialects read it alike.
 * Why UNIQUE on flavors.name and availability_zones.name (its primary key): Octavia's duplicate-name 409s
 * must hold across API servers sharing one PostgreSQL.
 * Why load_balancers gains flavor_id / availability_zone columns: deleting a flavor or zone that a load
 * balancer uses is a 409, which needs an indexed lookup. Existing rows hold null in both (their `doc`
 * also says null, and the columns win on read).
 */
import type { Kysely, Migration } from 'kysely';

/** Creates the four catalog tables and the load balancers' reference columns. */
export const flavorsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('flavor_profiles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('provider_name', 'text', (c) => c.notNull())
      .addColumn('flavor_data', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('flavors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text')
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('flavor_profile_id', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('availability_zone_profiles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('provider_name', 'text', (c) => c.notNull())
      .addColumn('availability_zone_data', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('availability_zones')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('description', 'text')
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('availability_zone_profile_id', 'text', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('load_balancers').addColumn('flavor_id', 'text').execute();
    await db.schema.alterTable('load_balancers').addColumn('availability_zone', 'text').execute();
    const indexes: [string, string][] = [
      ['flavors', 'flavor_profile_id'],
      ['availability_zones', 'availability_zone_profile_id'],
      ['load_balancers', 'flavor_id'],
      ['load_balancers', 'availability_zone'],
    ];
    for (const [table, column] of indexes) {
      await db.schema.createIndex(`${table}_${column}_idx`).on(table).column(column).execute();
    }
  },
};
