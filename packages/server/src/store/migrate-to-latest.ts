import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { agentsMigration } from './002-agents.migration.js';
import { identityMigration } from './003-identity.migration.js';
import { quotasMigration } from './004-quotas.migration.js';
import { flavorsMigration } from './005-flavors.migration.js';
import { floatingIpsMigration } from './006-floating-ips.migration.js';
import { placementNetworkMigration } from './007-placement-network.migration.js';
import { l7Migration } from './008-l7.migration.js';
import { secretsMigration } from './009-secrets.migration.js';
import { placementTlsFilesMigration } from './010-placement-tls-files.migration.js';
import { agentAdminStateMigration } from './011-agent-admin-state.migration.js';
import { initialMigration } from './initial.migration.js';

/** Every migration, in order of name. Append new ones; never edit an applied one. */
const migrations: Readonly<Record<string, Migration>> = {
  '0001_initial': initialMigration,
  '0002_agents': agentsMigration,
  '0003_identity': identityMigration,
  '0004_quotas': quotasMigration,
  '0005_flavors': flavorsMigration,
  '0006_floating_ips': floatingIpsMigration,
  '0007_placement_network': placementNetworkMigration,
  '0008_l7': l7Migration,
  '0009_secrets': secretsMigration,
  '0010_placement_tls_files': placementTlsFilesMigration,
  '0011_agent_admin_state': agentAdminStateMigration,
};

/** The migrations are compiled into the program, so no files are read at runtime. */
const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...migrations }) };

/**
 * Applies every pending migration (a no-op when the schema is current); throws when one fails.
 * `schema` (PostgreSQL) must name the schema the tables live in: without it Kysely's migrator mistakes
 * another schema's kysely_migration tables for ours.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) {
    throw error instanceof Error ? error : new Error(`migration failed: ${String(error)}`);
  }
}
