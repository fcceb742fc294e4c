import type { Kysely } from 'kysely';
import type { Store, StoreTx } from '../services/ports.js';
import { createAgentRepository } from './agent.repository.js';
import { createAgentPlacementRepository } from './agent-placement.repository.js';
import { createAgentStatusRepository } from './agent-status.repository.js';
import {
  createAvailabilityZoneProfileRepository,
  createAvailabilityZoneRepository,
} from './availability-zone.repository.js';
import { createFloatingIpRepository } from './floating-ip.repository.js';
import { createFlavorProfileRepository, createFlavorRepository } from './flavor.repository.js';
import { createHealthMonitorRepository } from './health-monitor.repository.js';
import { createIdentityRepositories } from './identity-repositories.js';
import { createL7PolicyRepository } from './l7-policy.repository.js';
import { createL7RuleRepository } from './l7-rule.repository.js';
import { createListenerStatsRepository } from './listener-stats.repository.js';
import { createListenerRepository } from './listener.repository.js';
import { createLoadBalancerRepository } from './load-balancer.repository.js';
import { createMemberRepository } from './member.repository.js';
import { createNetworkRepository } from './network.repository.js';
import { createPoolRepository } from './pool.repository.js';
import { createPortRepository } from './port.repository.js';
import { createQuotaRepository } from './quota.repository.js';
import { createSecretContainerRepository } from './secret-container.repository.js';
import { createSecretRepository } from './secret.repository.js';
import { toStoreConflict } from './store-conflict-error.js';
import type { StoreDatabase } from './store-database.js';
import { createSubnetRepository } from './subnet.repository.js';

/** The repositories of every record kind, bound to one transaction. */
function bindRepositories(db: Kysely<StoreDatabase>, dialect: 'sqlite' | 'postgres'): StoreTx {
  return {
    loadBalancers: createLoadBalancerRepository(db),
    listeners: createListenerRepository(db),
    pools: createPoolRepository(db),
    members: createMemberRepository(db),
    healthMonitors: createHealthMonitorRepository(db),
    l7Policies: createL7PolicyRepository(db),
    l7Rules: createL7RuleRepository(db),
    networks: createNetworkRepository(db),
    subnets: createSubnetRepository(db),
    ports: createPortRepository(db),
    floatingIps: createFloatingIpRepository(db),
    agents: createAgentRepository(db),
    placements: createAgentPlacementRepository(db),
    listenerStats: createListenerStatsRepository(db),
    operatingStatuses: createAgentStatusRepository(db),
    flavors: createFlavorRepository(db),
    flavorProfiles: createFlavorProfileRepository(db),
    availabilityZones: createAvailabilityZoneRepository(db),
    availabilityZoneProfiles: createAvailabilityZoneProfileRepository(db),
    quotas: createQuotaRepository(db, dialect),
    identity: createIdentityRepositories(db),
    secrets: createSecretRepository(db),
    secretContainers: createSecretContainerRepository(db),
  };
}

/** The Store over an open, migrated Kysely instance of either dialect. */
export class KyselyStore implements Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly #db: Kysely<StoreDatabase>;

  constructor(db: Kysely<StoreDatabase>, dialect: 'sqlite' | 'postgres') {
    this.#db = db;
    this.dialect = dialect;
  }

  /**
   * Runs `fn` in a transaction too: on SQLite that gives it one consistent snapshot, on PostgreSQL it
   * keeps all its queries on one pooled connection.
   */
  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.#db.transaction().execute((trx) => fn(bindRepositories(trx, this.dialect)));
  }

  /** Commits when `fn` resolves, rolls back when it rejects; unique violations become StoreConflictError. */
  async write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    try {
      return await this.#db.transaction().execute((trx) => fn(bindRepositories(trx, this.dialect)));
    } catch (error) {
      throw toStoreConflict(error) ?? error;
    }
  }

  /** Closes the SQLite handle or ends the PostgreSQL pool. */
  close(): Promise<void> {
    return this.#db.destroy();
  }
}
