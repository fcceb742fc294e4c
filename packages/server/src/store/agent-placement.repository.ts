import type { AgentNetworkPlan } from '@lbaas/contract';
import type { Kysely } from 'kysely';
import type { PlacementRecord, PlacementRepository, SealedFiles } from '../services/ports.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

const TABLE = 'lb_placements';

function decodePlacement(row: StoreRow): PlacementRecord {
  const nullableNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  const nullableString = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  return {
    load_balancer_id: String(row['load_balancer_id']),
    agent_id: String(row['agent_id']),
    revision: Number(row['revision']),
    hash: String(row['hash']),
    haproxy_cfg: String(row['haproxy_cfg']),
    deleted: Number(row['deleted']) === 1,
    applied_revision: nullableNumber(row['applied_revision']),
    applied_hash: nullableString(row['applied_hash']),
    last_error: nullableString(row['last_error']),
    network: decodeNetwork(row['network_plan']),
    tls_files: decodeFiles(row['tls_files']),
  };
}

function decodeFiles(value: unknown): SealedFiles | null {
  if (typeof value !== 'string' || value === '') return null;
  return JSON.parse(value) as SealedFiles;
}

function decodeNetwork(value: unknown): AgentNetworkPlan | null {
  if (typeof value !== 'string' || value === '') return null;
  return JSON.parse(value) as AgentNetworkPlan;
}

function encodePlacement(p: PlacementRecord): StoreRow {
  const { network, tls_files, ...rest } = p;
  return {
    ...rest,
    deleted: p.deleted ? 1 : 0,
    network_plan: network === null ? null : JSON.stringify(network),
    tls_files: tls_files === null ? null : JSON.stringify(tls_files),
  };
}

/** Load-balancer placements (which agent runs which revision) bound to one transaction. */
export function createAgentPlacementRepository(db: Kysely<StoreDatabase>): PlacementRepository {
  return {
    async get(loadBalancerId) {
      const row = await db
        .selectFrom(TABLE)
        .selectAll()
        .where('load_balancer_id', '=', loadBalancerId)
        .executeTakeFirst();
      return row === undefined ? undefined : decodePlacement(row);
    },

    async byAgent(agentId) {
      const rows = await db
        .selectFrom(TABLE)
        .selectAll()
        .where('agent_id', '=', agentId)
        .orderBy('load_balancer_id')
        .execute();
      return rows.map(decodePlacement);
    },

    async countByAgent() {
      const rows = await db
        .selectFrom(TABLE)
        .select((eb) => ['agent_id', eb.fn.countAll<number>().as('n')])
        .where('deleted', '=', 0)
        .groupBy('agent_id')
        .execute();
      return new Map(rows.map((r) => [String(r['agent_id']), Number(r['n'])]));
    },

    async put(placement) {
      const row = encodePlacement(placement);
      const { load_balancer_id: _key, ...rest } = row;
      await db
        .insertInto(TABLE)
        .values(row)
        .onConflict((oc) => oc.column('load_balancer_id').doUpdateSet(rest))
        .execute();
    },

    async remove(loadBalancerId) {
      const result = await db
        .deleteFrom(TABLE)
        .where('load_balancer_id', '=', loadBalancerId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
