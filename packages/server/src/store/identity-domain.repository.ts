import type { Kysely } from 'kysely';
import type { DomainRecord, DomainRepository } from '../services/identity-ports.js';
import { identityTable } from './identity-table.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

function decode(row: StoreRow): DomainRecord {
  return {
    id: String(row['id']),
    name: String(row['name']),
    description: String(row['description'] ?? ''),
    enabled: Number(row['enabled']) === 1,
    created_at: String(row['created_at']),
  };
}

/** Keystone domains, bound to one transaction (no update or delete: domains are bootstrap-only). */
export function createIdentityDomainRepository(db: Kysely<StoreDatabase>): DomainRepository {
  const { get, list, insert } = identityTable(db, {
    table: 'identity_domains',
    filters: ['name'],
    decode,
    encode: (d) => ({ ...d, enabled: d.enabled ? 1 : 0 }),
  });
  return { get, list, insert };
}
