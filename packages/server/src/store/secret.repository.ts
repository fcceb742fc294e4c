import type { Kysely } from 'kysely';
import type { SecretRecord, SecretRepository } from '../services/key-manager-ports.js';
import { decodeRecord, encodeRecord, type HybridCodec } from './hybrid.repository.js';
import { projectPage } from './secret-page.js';
import type { StoreDatabase } from './store-database.js';

const codec: HybridCodec<SecretRecord> = {
  table: 'secrets',
  columns: ['project_id', 'name', 'content_type', 'encrypted_payload'],
};

/** Secrets (payloads as AES-GCM envelopes only), bound to one transaction. */
export function createSecretRepository(db: Kysely<StoreDatabase>): SecretRepository {
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
    async setPayload(id, contentType, encrypted, now) {
      const current = await this.get(id);
      if (current === undefined || current.encrypted_payload !== null) return false;
      const row = encodeRecord(codec, {
        ...current,
        content_type: contentType,
        encrypted_payload: encrypted,
        updated_at: now,
      });
      const r = await db
        .updateTable(codec.table)
        .set(row)
        .where('id', '=', id)
        .where('encrypted_payload', 'is', null)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async remove(id) {
      const r = await db.deleteFrom(codec.table).where('id', '=', id).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
  };
}
