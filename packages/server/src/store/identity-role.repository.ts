import type { Kysely } from 'kysely';
import type { RoleRecord, RoleRepository } from '../services/identity-ports.js';
import { identityTable, nullableText } from './identity-table.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

function decode(row: StoreRow): RoleRecord {
  return {
    id: String(row['id']),
    name: String(row['name']),
    description: nullableText(row['description']),
    created_at: String(row['created_at']),
  };
}

/** Global roles, bound to one transaction; an update changes only name and description. */
export function createIdentityRoleRepository(db: Kysely<StoreDatabase>): RoleRepository {
  return identityTable(db, {
    table: 'identity_roles',
    filters: ['name'],
    decode,
    encode: (r) => ({ ...r }),
    updateColumns: (r) => ({ name: r.name, description: r.description }),
  });
}
