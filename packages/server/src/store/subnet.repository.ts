import type { Kysely } from 'kysely';
import type { SubnetRecord } from '@lbaas/core';
import type { SubnetRepository } from '../services/ports.js';
import { hybridRepository, type HybridCodec } from './hybrid.repository.js';
import type { StoreDatabase } from './store-database.js';

/** Subnets; cidr, gateway and allocation pools live in doc. */
export const subnetCodec: HybridCodec<SubnetRecord> = {
  table: 'subnets',
  columns: ['project_id', 'network_id', 'name'],
};

/** The subnet repository bound to one transaction. */
export function createSubnetRepository(db: Kysely<StoreDatabase>): SubnetRepository {
  return hybridRepository(db, subnetCodec);
}
