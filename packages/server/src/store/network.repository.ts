import type { Kysely } from 'kysely';
import type { NetworkRecord } from '@lbaas/core';
import type { NetworkRepository } from '../services/ports.js';
import { hybridRepository, type HybridCodec } from './hybrid.repository.js';
import type { StoreDatabase } from './store-database.js';

/** Networks of the built-in network model. */
export const networkCodec: HybridCodec<NetworkRecord> = {
  table: 'networks',
  columns: ['project_id', 'name'],
};

/** The network repository bound to one transaction. */
export function createNetworkRepository(db: Kysely<StoreDatabase>): NetworkRepository {
  return hybridRepository(db, networkCodec);
}
