/*
 * Key manager (Barbican subset), written once for SQLite and PostgreSQL: secrets and secret containers.
 *
 * Hybrid tables: columns for what is looked up or listed by (project, name) and for the payload envelope
 * (AES-256-GCM ciphertext as text, never the plaintext); the rest of a record is `doc`.
 */
import type { Kysely, Migration } from 'kysely';

/** Creates secrets and secret_containers with their project/name indexes. */
export const secretsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('secrets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text')
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('content_type', 'text')
      .addColumn('encrypted_payload', 'text')
      .execute();
    await db.schema
      .createTable('secret_containers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text')
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .execute();
    for (const table of ['secrets', 'secret_containers']) {
      await db.schema
        .createIndex(`${table}_project_id_idx`)
        .on(table)
        .columns(['project_id', 'created_at'])
        .execute();
    }
  },
};
