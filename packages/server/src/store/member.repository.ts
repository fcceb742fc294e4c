import type { Kysely } from 'kysely';
import type { MemberRecord } from '@lbaas/core';
import type { MemberRepository } from '../services/ports.js';
import { hybridRepository, type HybridCodec } from './hybrid.repository.js';
import type { StoreDatabase } from './store-database.js';

/** Members: address and protocol_port are columns too, for the (pool_id, address, protocol_port) unique key. */
export const memberCodec: HybridCodec<MemberRecord> = {
  table: 'members',
  columns: [
    'project_id',
    'load_balancer_id',
    'pool_id',
    'name',
    'provisioning_status',
    'address',
    'protocol_port',
  ],
};

/** The member repository bound to one transaction. */
export function createMemberRepository(db: Kysely<StoreDatabase>): MemberRepository {
  return hybridRepository(db, memberCodec);
}
