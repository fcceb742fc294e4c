import type { Kysely } from 'kysely';
import type { RoleRecord, RoleRepository } from '../services/identity-ports.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

const TABLE = 'identity_roles';

function decode(row: StoreRow): RoleRecord {
  const description = row['description'];
  return {
    id: String(row['id']),
    name: String(row['name']),
    description: description === null || description === undefined ? null : String(description),
    created_at: String(row['created_at']),
  };
}

/** Global roles, bound to one transaction. */
export function createIdentityRoleRepository(db: Kysely<StoreDatabase>): RoleRepository {
  return {
    async get(id) {
      const row = await db.selectFrom(TABLE).selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : decode(row);
    },
    async list(filter = {}) {
      let q = db.selectFrom(TABLE).selectAll();
      if (filter.name !== undefined) q = q.where('name', '=', filter.name);
      return (await q.orderBy('name').orderBy('id').execute()).map(decode);
    },
    async insert(r) {
      await db
        .insertInto(TABLE)
        .values({ ...r })
        .execute();
    },
    async update(r) {
      const res = await db
        .updateTable(TABLE)
        .set({ name: r.name, description: r.description })
        .where('id', '=', r.id)
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },
    async remove(id) {
      const res = await db.deleteFrom(TABLE).where('id', '=', id).executeTakeFirst();
      return res.numDeletedRows > 0n;
    },
  };
}
