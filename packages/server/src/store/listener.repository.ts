import type { Kysely } from 'kysely';
import type { ListenerRecord } from '@lbaas/core';
import type { ListenerRepository } from '../services/ports.js';
import { hybridRepository, type HybridCodec } from './hybrid.repository.js';
import type { StoreDatabase } from './store-database.js';

/** Listeners: filter columns as real columns, the rest (protocol, TLS, timeouts…) in doc. */
export const listenerCodec: HybridCodec<ListenerRecord> = {
  table: 'listeners',
  columns: ['project_id', 'load_balancer_id', 'default_pool_id', 'name', 'provisioning_status'],
};

/** The listener repository bound to one transaction. */
export function createListenerRepository(db: Kysely<StoreDatabase>): ListenerRepository {
  return hybridRepository(db, listenerCodec);
}
