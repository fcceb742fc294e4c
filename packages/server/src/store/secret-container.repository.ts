import type { Kysely } from 'kysely';
import type { SecretContainerRecord, SecretContainerRepository } from '../services/key-manager-ports.js';
import { decodeRecord, encodeRecord, type HybridCodec } from './hybrid.repository.js';
import { projectPage } from './secret-page.js';
import type { StoreDatabase } from './store-database.js';

const codec: HybridCodec<SecretContainerRecord> = {
  table: 'secret_containers',
  columns: ['project_id', 'name'],
};

/** Secret containers (named references to secrets), bound to one transaction. */
export function createSecretContainerRepository(db: Kysely<StoreDatabase>): SecretContainerRepository {
  return {
    async get(id) {
      const row = await db.selectFrom(codec.table).selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : decodeRecord(codec, row);
    },
    async list(projectId, opts) {
      const page = await projectPage(db, codec.table, projectId, opts);
      return { total: page.total, items: page.items.map((row) => decodeRecord(codec, row)) };
    },
    async insert(record) {
      await db.insertInto(codec.table).values(encodeRecord(codec, record)).execute();
    },
    async remove(id) {
      const r = await db.deleteFrom(codec.table).where('id', '=', id).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
  };
}
