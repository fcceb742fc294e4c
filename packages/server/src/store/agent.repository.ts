import { sql, type Kysely } from 'kysely';
import type { AgentRecord, AgentRepository } from '../services/ports.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

const TABLE = 'agents';

function decodeAgent(row: StoreRow): AgentRecord {
  return {
    id: String(row['id']),
    host: String(row['host']),
    base_dir: String(row['base_dir']),
    maxconn: Number(row['maxconn']),
    version: String(row['version']),
    generation: Number(row['generation']),
    last_seen: String(row['last_seen']),
    created_at: String(row['created_at']),
    admin_state_up: Number(row['admin_state_up']) === 1,
  };
}

/** The agent repository bound to one transaction. */
export function createAgentRepository(db: Kysely<StoreDatabase>): AgentRepository {
  return {
    async get(id) {
      const row = await db.selectFrom(TABLE).selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : decodeAgent(row);
    },

    async list() {
      const rows = await db.selectFrom(TABLE).selectAll().orderBy('id').execute();
      return rows.map(decodeAgent);
    },

    async upsert(agent, now) {
      const fields = {
        host: agent.host,
        base_dir: agent.base_dir,
        maxconn: agent.maxconn,
        version: agent.version,
        last_seen: agent.last_seen,
      };
      // One statement, so two servers registering the same agent at once cannot collide on the key.
      const row = await db
        .insertInto(TABLE)
        .values({ id: agent.id, ...fields, generation: 0, created_at: now, admin_state_up: 1 })
        .onConflict((oc) => oc.column('id').doUpdateSet(fields))
        .returningAll()
        .executeTakeFirstOrThrow();
      return decodeAgent(row);
    },

    async touch(id, lastSeen) {
      const result = await db
        .updateTable(TABLE)
        .set({ last_seen: lastSeen })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async bumpGeneration(id) {
      const row = await db
        .updateTable(TABLE)
        .set({ generation: sql<number>`generation + 1` })
        .where('id', '=', id)
        .returning('generation')
        .executeTakeFirst();
      return row === undefined ? undefined : Number(row['generation']);
    },

    async setAdminState(id, up) {
      const row = await db
        .updateTable(TABLE)
        .set({ admin_state_up: up ? 1 : 0 })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : decodeAgent(row);
    },
  };
}
