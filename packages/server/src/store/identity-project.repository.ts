import type { Kysely } from 'kysely';
import type { ProjectRecord, ProjectRepository } from '../services/identity-ports.js';
import { identityTable } from './identity-table.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

function decode(row: StoreRow): ProjectRecord {
  return {
    id: String(row['id']),
    name: String(row['name']),
    domain_id: String(row['domain_id']),
    description: String(row['description'] ?? ''),
    enabled: Number(row['enabled']) === 1,
    created_at: String(row['created_at']),
  };
}

/** Keystone projects, bound to one transaction. */
export function createIdentityProjectRepository(db: Kysely<StoreDatabase>): ProjectRepository {
  return identityTable(db, {
    table: 'identity_projects',
    filters: ['name', 'domain_id'],
    decode,
    encode: (p) => ({ ...p, enabled: p.enabled ? 1 : 0 }),
  });
}
