import type {
  HealthMonitorRecord,
  ListenerRecord,
  LoadBalancerRecord,
  MemberRecord,
  NetworkRecord,
  PoolRecord,
  PortRecord,
  ProvisioningStatus,
  SubnetRecord,
} from '@lbaas/core';

/**
 * What the services need from storage. The Kysely store (store/) implements it for SQLite and
 * PostgreSQL; every method runs inside the transaction it was handed.
 */

/** Row-level access to one kind of record. `where` matches on the indexed columns only. */
export interface Repository<T extends { id: string }, W extends keyof T> {
  get(id: string): Promise<T | undefined>;
  /** Equality match on indexed columns; `undefined` values are ignored. Ordered by created_at, id. */
  find(where: Partial<Pick<T, W>>): Promise<T[]>;
  insert(record: T): Promise<void>;
  /** Replaces the whole record (matched by id). Returns false when no row matched. */
  update(record: T): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

export type LoadBalancerRepository = Repository<LoadBalancerRecord, 'project_id' | 'provisioning_status'> & {
  /**
   * Atomic test-and-set of the load balancer's provisioning status (Octavia's "LB lock"): succeeds only
   * when the current status is in `allowed`; then sets `to`, bumps desired_revision, stamps pending_since
   * and updated_at. Returns the updated record, or undefined when the lock was not taken.
   */
  lock(
    id: string,
    allowed: readonly ProvisioningStatus[],
    to: ProvisioningStatus,
    now: string,
  ): Promise<LoadBalancerRecord | undefined>;
  /** Ids of load balancers whose provisioning_status is PENDING_*. */
  pendingIds(): Promise<string[]>;
};
export type ListenerRepository = Repository<
  ListenerRecord,
  'project_id' | 'load_balancer_id' | 'default_pool_id'
>;
export type PoolRepository = Repository<PoolRecord, 'project_id' | 'load_balancer_id'>;
export type MemberRepository = Repository<MemberRecord, 'project_id' | 'load_balancer_id' | 'pool_id'>;
export type HealthMonitorRepository = Repository<
  HealthMonitorRecord,
  'project_id' | 'load_balancer_id' | 'pool_id'
>;
export type NetworkRepository = Repository<NetworkRecord, 'project_id' | 'name'>;
export type SubnetRepository = Repository<SubnetRecord, 'project_id' | 'network_id' | 'name'>;
export type PortRepository = Repository<PortRecord, 'project_id' | 'network_id' | 'device_id'> & {
  /** Addresses already allocated in a subnet. */
  allocatedAddresses(subnetId: string): Promise<string[]>;
  /** Whether one address of a subnet is taken (a primary-key probe). */
  isAllocated(subnetId: string, ipAddress: string): Promise<boolean>;
  /** The numerically highest address allocated in a subnet (one index probe). */
  highestAllocated(subnetId: string): Promise<string | undefined>;
};

/** The repositories bound to one transaction. */
export interface StoreTx {
  loadBalancers: LoadBalancerRepository;
  listeners: ListenerRepository;
  pools: PoolRepository;
  members: MemberRepository;
  healthMonitors: HealthMonitorRepository;
  networks: NetworkRepository;
  subnets: SubnetRepository;
  ports: PortRepository;
}

/** Transactional storage. A unique-constraint violation inside `write` rejects with a ConflictError. */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Wall clock and id source, faked in tests. */
export interface Clock {
  /** ISO-8601 UTC without zone and without fraction, as Octavia renders timestamps. */
  nowIso(): string;
  nowMs(): number;
}
export interface IdGenerator {
  uuid(): string;
}

/** Tells the provisioning machinery that a load balancer has a new desired revision (an edge nudge; a periodic resync is the safety net). */
export interface ProvisioningNotifier {
  notify(loadBalancerId: string): void;
}
