import type { Kysely } from 'kysely';
import type { IdentityRepositories } from '../services/identity-ports.js';
import { createIdentityDomainRepository } from './identity-domain.repository.js';
import { createIdentityProjectRepository } from './identity-project.repository.js';
import { createIdentityRoleAssignmentRepository } from './identity-role-assignment.repository.js';
import { createIdentityRoleRepository } from './identity-role.repository.js';
import { createIdentityTokenRepository } from './identity-token.repository.js';
import { createIdentityUserRepository } from './identity-user.repository.js';
import type { StoreDatabase } from './store-database.js';

/** Every identity repository, bound to one transaction (StoreTx.identity). */
export function createIdentityRepositories(db: Kysely<StoreDatabase>): IdentityRepositories {
  return {
    domains: createIdentityDomainRepository(db),
    projects: createIdentityProjectRepository(db),
    users: createIdentityUserRepository(db),
    roles: createIdentityRoleRepository(db),
    roleAssignments: createIdentityRoleAssignmentRepository(db),
    tokens: createIdentityTokenRepository(db),
  };
}
