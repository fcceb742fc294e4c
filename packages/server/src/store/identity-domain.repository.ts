import type { Kysely } from 'kysely';
import type { DomainRecord, DomainRepository } from '../services/identity-ports.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

const TABLE = 'identity_domains';

function decode(row: StoreRow): DomainRecord {
  return {
    id: String(row['id']),
    name: String(row['name']),
    description: String(row['description'] ?? ''),
    enabled: Number(row['enabled']) === 1,
    created_at: String(row['created_at']),
  };
}

/** Keystone domains, bound to one transaction. */
export function createIdentityDomainRepository(db: Kysely<StoreDatabase>): DomainRepository {
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
    async insert(d) {
      await db
        .insertInto(TABLE)
        .values({ ...d, enabled: d.enabled ? 1 : 0 })
        .execute();
    },
  };
}
