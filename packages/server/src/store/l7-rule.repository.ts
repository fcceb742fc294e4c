import type { Kysely } from 'kysely';
import type { L7RuleRecord } from '@lbaas/core';
import type { L7RuleRepository } from '../services/ports.js';
import { hybridRepository, type HybridCodec } from './hybrid.repository.js';
import type { StoreDatabase } from './store-database.js';

/**
 * L7 rules: the table's `name` column stays null (rules have no name) so the shared tracked-column
 * layout holds.
 */
export const l7RuleCodec: HybridCodec<L7RuleRecord> = {
  table: 'l7rules',
  columns: ['project_id', 'load_balancer_id', 'l7policy_id', 'provisioning_status'],
};

/** The L7 rule repository bound to one transaction. */
export function createL7RuleRepository(db: Kysely<StoreDatabase>): L7RuleRepository {
  return hybridRepository(db, l7RuleCodec);
}
