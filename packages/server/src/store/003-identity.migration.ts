/*
 * The Keystone v3 subset: domains, projects, users, roles, role assignments and tokens, written once for
 * SQLite and PostgreSQL.
 *
 * Why plain columns (no hybrid `doc`): every identity field is either matched (names, ids) or small and
 * fixed. Why unique (domain_id, name) on projects and users: Keystone's rule, and what makes a concurrent
 * bootstrap on two servers safe. Why token expiry as BIGINT epoch milliseconds: it is compared on every
 * request and purged by range; pg returns int8 as a string (the repository converts).
 * Booleans are INTEGER 0/1 as in 0002.
 */
import type { Kysely, Migration } from 'kysely';

/** Creates the identity_* tables. */
export const identityMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('identity_domains')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    for (const table of ['identity_projects', 'identity_users'] as const) {
      let builder = db.schema
        .createTable(table)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('domain_id', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull());
      if (table === 'identity_users') {
        builder = builder
          .addColumn('password_hash', 'text')
          .addColumn('default_project_id', 'text')
          .addColumn('email', 'text');
      }
      await builder.addUniqueConstraint(`${table}_domain_name_key`, ['domain_id', 'name']).execute();
    }
    await db.schema
      .createTable('identity_roles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('identity_role_assignments')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('role_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('identity_role_assignments_pkey', ['user_id', 'project_id', 'role_id'])
      .execute();
    await db.schema
      .createIndex('identity_role_assignments_project_idx')
      .on('identity_role_assignments')
      .column('project_id')
      .execute();
    await db.schema
      .createTable('identity_tokens')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('issued_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('identity_tokens_user_idx').on('identity_tokens').column('user_id').execute();
    await db.schema
      .createIndex('identity_tokens_expires_idx')
      .on('identity_tokens')
      .column('expires_at_ms')
      .execute();
  },
};
