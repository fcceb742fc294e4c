import type { Kysely } from 'kysely';
import type { UserRecord, UserRepository } from '../services/identity-ports.js';
import { identityTable, nullableText } from './identity-table.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

function decode(row: StoreRow): UserRecord {
  return {
    id: String(row['id']),
    name: String(row['name']),
    domain_id: String(row['domain_id']),
    password_hash: nullableText(row['password_hash']),
    enabled: Number(row['enabled']) === 1,
    default_project_id: nullableText(row['default_project_id']),
    description: nullableText(row['description']),
    email: nullableText(row['email']),
    created_at: String(row['created_at']),
  };
}

/** Local users, bound to one transaction. */
export function createIdentityUserRepository(db: Kysely<StoreDatabase>): UserRepository {
  return identityTable(db, {
    table: 'identity_users',
    filters: ['name', 'domain_id'],
    decode,
    encode: (u) => ({ ...u, enabled: u.enabled ? 1 : 0 }),
  });
}
