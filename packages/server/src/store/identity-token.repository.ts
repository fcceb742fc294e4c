import type { Kysely } from 'kysely';
import type { TokenRecord, TokenRepository } from '../services/identity-ports.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

const TABLE = 'identity_tokens';

function decode(row: StoreRow): TokenRecord {
  return {
    hash: String(row['hash']),
    user_id: String(row['user_id']),
    project_id: String(row['project_id']),
    issued_at_ms: Number(row['issued_at_ms']),
    expires_at_ms: Number(row['expires_at_ms']),
  };
}

/** Token rows (sha256 of the token only), bound to one transaction. */
export function createIdentityTokenRepository(db: Kysely<StoreDatabase>): TokenRepository {
  return {
    async get(hash) {
      const row = await db.selectFrom(TABLE).selectAll().where('hash', '=', hash).executeTakeFirst();
      return row === undefined ? undefined : decode(row);
    },
    async insert(t) {
      await db
        .insertInto(TABLE)
        .values({ ...t })
        .execute();
    },
    async remove(hash) {
      const r = await db.deleteFrom(TABLE).where('hash', '=', hash).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async removeWhere(filter) {
      if (filter.user_id === undefined && filter.project_id === undefined) {
        throw new Error('removeWhere needs a filter');
      }
      let q = db.deleteFrom(TABLE);
      if (filter.user_id !== undefined) q = q.where('user_id', '=', filter.user_id);
      if (filter.project_id !== undefined) q = q.where('project_id', '=', filter.project_id);
      return Number((await q.executeTakeFirst()).numDeletedRows);
    },
    async purgeExpired(nowMs) {
      const r = await db.deleteFrom(TABLE).where('expires_at_ms', '<', nowMs).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
