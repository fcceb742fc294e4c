import type { Kysely } from 'kysely';
import type { PoolRecord } from '@lbaas/core';
import type { PoolRepository } from '../services/ports.js';
import { hybridRepository, type HybridCodec } from './hybrid.repository.js';
import type { StoreDatabase } from './store-database.js';

/** Pools: filter columns as real columns, the rest (protocol, algorithm, persistence, TLS…) in doc. */
export const poolCodec: HybridCodec<PoolRecord> = {
  table: 'pools',
  columns: ['project_id', 'load_balancer_id', 'name', 'provisioning_status'],
};

/** The pool repository bound to one transaction. */
export function createPoolRepository(db: Kysely<StoreDatabase>): PoolRepository {
  return hybridRepository(db, poolCodec);
}
