import type { Kysely } from 'kysely';
import type { FloatingIpRecord } from '@lbaas/core';
import type { FloatingIpRepository } from '../services/ports.js';
import { hybridRepository, type HybridCodec } from './hybrid.repository.js';
import type { StoreDatabase } from './store-database.js';

/** Floating IPs; the association (port_id) and the address are columns, the rest is doc. */
export const floatingIpCodec: HybridCodec<FloatingIpRecord> = {
  table: 'floating_ips',
  columns: ['project_id', 'floating_network_id', 'port_id', 'floating_ip_address'],
};

/** The floating IP repository bound to one transaction. */
export function createFloatingIpRepository(db: Kysely<StoreDatabase>): FloatingIpRepository {
  return hybridRepository(db, floatingIpCodec);
}
