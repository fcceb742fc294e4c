import type { Kysely } from 'kysely';
import type { UserRecord, UserRepository } from '../services/identity-ports.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

const TABLE = 'identity_users';

const nullableText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function decode(row: StoreRow): UserRecord {
  return {
    id: String(row['id']),
    name: String(row['name']),
    domain_id: String(row['domain_id']),
    password_hash: nullableText(row['password_hash']),
    enabled: Number(row['enabled']) === 1,
    default_project_id: nullableText(row['default_project_id']),
    description: nullableText(row['description']),
    email: nullableText(row['email']),
    created_at: String(row['created_at']),
  };
}

function encode(u: UserRecord): StoreRow {
  return { ...u, enabled: u.enabled ? 1 : 0 };
}

/** Local users, bound to one transaction. */
export function createIdentityUserRepository(db: Kysely<StoreDatabase>): UserRepository {
  return {
    async get(id) {
      const row = await db.selectFrom(TABLE).selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : decode(row);
    },
    async list(filter = {}) {
      let q = db.selectFrom(TABLE).selectAll();
      if (filter.name !== undefined) q = q.where('name', '=', filter.name);
      if (filter.domain_id !== undefined) q = q.where('domain_id', '=', filter.domain_id);
      return (await q.orderBy('name').orderBy('id').execute()).map(decode);
    },
    async insert(u) {
      await db.insertInto(TABLE).values(encode(u)).execute();
    },
    async update(u) {
      const { id, ...rest } = encode(u);
      const r = await db
        .updateTable(TABLE)
        .set(rest)
        .where('id', '=', id ?? '')
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async remove(id) {
      const r = await db.deleteFrom(TABLE).where('id', '=', id).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
  };
}
