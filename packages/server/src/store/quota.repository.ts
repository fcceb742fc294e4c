import { QUOTA_RESOURCES, type QuotaRecord, type QuotaResource } from '@lbaas/core';
import type { Kysely } from 'kysely';
import type { QuotaRepository } from '../services/ports.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

const TABLE = 'quotas';

/** The object table counted for each quota resource. */
const COUNTED_TABLES: Partial<Record<QuotaResource, string>> = {
  loadbalancer: 'load_balancers',
  listener: 'listeners',
  pool: 'pools',
  healthmonitor: 'health_monitors',
  member: 'members',
  l7policy: 'l7policies',
  l7rule: 'l7rules',
};

function limit(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function decodeQuota(row: StoreRow): QuotaRecord {
  return {
    project_id: String(row['project_id']),
    loadbalancer: limit(row['loadbalancer']),
    listener: limit(row['listener']),
    pool: limit(row['pool']),
    healthmonitor: limit(row['healthmonitor']),
    member: limit(row['member']),
    l7policy: limit(row['l7policy']),
    l7rule: limit(row['l7rule']),
  };
}

function limits(record: QuotaRecord): StoreRow {
  const row: StoreRow = {};
  for (const resource of QUOTA_RESOURCES) row[resource] = record[resource];
  return row;
}

/** The quota repository bound to one transaction; `dialect` decides whether rows can be locked. */
export function createQuotaRepository(
  db: Kysely<StoreDatabase>,
  dialect: 'sqlite' | 'postgres',
): QuotaRepository {
  return {
    async get(projectId) {
      const row = await db
        .selectFrom(TABLE)
        .selectAll()
        .where('project_id', '=', projectId)
        .executeTakeFirst();
      return row === undefined ? undefined : decodeQuota(row);
    },

    async list(projectId) {
      let query = db.selectFrom(TABLE).selectAll();
      if (projectId !== undefined) query = query.where('project_id', '=', projectId);
      const rows = await query.orderBy('project_id').execute();
      return rows.map(decodeQuota);
    },

    async put(record) {
      const values = limits(record);
      // One statement, so two concurrent PUTs of a new project cannot collide on the key.
      await db
        .insertInto(TABLE)
        .values({ project_id: record.project_id, ...values })
        .onConflict((oc) => oc.column('project_id').doUpdateSet(values))
        .execute();
    },

    async lock(projectId) {
      await db
        .insertInto(TABLE)
        .values({ project_id: projectId })
        .onConflict((oc) => oc.column('project_id').doNothing())
        .execute();
      // PostgreSQL: the row lock serialises every quota-checked create of the project until commit (a
      // concurrent creator blocks here, then counts what the winner inserted). SQLite has no row locks and
      // needs none: its writers are serialised for the whole transaction (see docs/architecture.md).
      const row = await db
        .selectFrom(TABLE)
        .selectAll()
        .where('project_id', '=', projectId)
        .$if(dialect === 'postgres', (q) => q.forUpdate())
        .executeTakeFirstOrThrow();
      return decodeQuota(row);
    },

    async usage(projectId, resources) {
      const out: Partial<Record<QuotaResource, number>> = {};
      for (const resource of new Set(resources)) {
        const table = COUNTED_TABLES[resource];
        if (table === undefined) {
          out[resource] = 0;
          continue;
        }
        const row = await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('project_id', '=', projectId)
          .where('provisioning_status', '<>', 'DELETED')
          .executeTakeFirst();
        // pg returns count(*) (int8) as a string.
        out[resource] = Number(row?.['n'] ?? 0);
      }
      return out;
    },
  };
}
