import type { Kysely } from 'kysely';
import type { ProjectRecord, ProjectRepository } from '../services/identity-ports.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

const TABLE = 'identity_projects';

function decode(row: StoreRow): ProjectRecord {
  return {
    id: String(row['id']),
    name: String(row['name']),
    domain_id: String(row['domain_id']),
    description: String(row['description'] ?? ''),
    enabled: Number(row['enabled']) === 1,
    created_at: String(row['created_at']),
  };
}

function encode(p: ProjectRecord): StoreRow {
  return { ...p, enabled: p.enabled ? 1 : 0 };
}

/** Keystone projects, bound to one transaction. */
export function createIdentityProjectRepository(db: Kysely<StoreDatabase>): ProjectRepository {
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
    async insert(p) {
      await db.insertInto(TABLE).values(encode(p)).execute();
    },
    async update(p) {
      const { id, ...rest } = encode(p);
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
