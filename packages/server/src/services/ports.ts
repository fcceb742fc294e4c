import type {
  AvailabilityZoneProfileRecord,
  AvailabilityZoneRecord,
  FlavorProfileRecord,
  FlavorRecord,
  FloatingIpRecord,
  HealthMonitorRecord,
  L7PolicyRecord,
  L7RuleRecord,
  ListenerRecord,
  LoadBalancerRecord,
  MemberRecord,
  NetworkRecord,
  OperatingStatus,
  PoolRecord,
  PortRecord,
  ProvisioningStatus,
  QuotaRecord,
  QuotaResource,
  QuotaUsage,
  SubnetRecord,
} from '@lbaas/core';
import type { AgentNetworkPlan } from '@lbaas/contract';
import type { IdentityRepositories } from './identity-ports.js';
import type { SecretContainerRepository, SecretRepository } from './key-manager-ports.js';

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

export type LoadBalancerRepository = Repository<
  LoadBalancerRecord,
  'project_id' | 'provisioning_status' | 'flavor_id' | 'availability_zone'
> & {
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
export type L7PolicyRepository = Repository<
  L7PolicyRecord,
  'project_id' | 'load_balancer_id' | 'listener_id' | 'redirect_pool_id'
>;
export type L7RuleRepository = Repository<L7RuleRecord, 'project_id' | 'load_balancer_id' | 'l7policy_id'>;
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

export type FloatingIpRepository = Repository<
  FloatingIpRecord,
  'project_id' | 'floating_network_id' | 'port_id' | 'floating_ip_address'
>;

/** A registered agent (one per data-plane host). */
export interface AgentRecord {
  id: string;
  host: string;
  /** Absolute directory under which the agent keeps one folder per load balancer. */
  base_dir: string;
  maxconn: number;
  version: string;
  /** Bumped on every change of the agent's assignments (what long-polls wait on). */
  generation: number;
  /** Full ISO-8601 timestamp (with milliseconds) of the last heartbeat. */
  last_seen: string;
  created_at: string;
  /** The operator's switch: false = no new load balancers are placed on it (the placed ones stay). */
  admin_state_up: boolean;
}

/** Agents; `generation` is only ever changed atomically by bumpGeneration. */
export interface AgentRepository {
  get(id: string): Promise<AgentRecord | undefined>;
  list(): Promise<AgentRecord[]>;
  /**
   * Inserts or refreshes an agent (host, base_dir, maxconn, version, last_seen); keeps its generation and
   * admin_state_up (a new agent starts enabled).
   */
  upsert(
    agent: Omit<AgentRecord, 'generation' | 'created_at' | 'admin_state_up'>,
    now: string,
  ): Promise<AgentRecord>;
  /** Stamps a heartbeat; false for an unknown agent. */
  touch(id: string, lastSeen: string): Promise<boolean>;
  /** generation += 1 in one UPDATE; returns the new generation (undefined for an unknown agent). */
  bumpGeneration(id: string): Promise<number | undefined>;
  /** Sets admin_state_up; returns the updated agent (undefined for an unknown agent). */
  setAdminState(id: string, up: boolean): Promise<AgentRecord | undefined>;
}

/** Where a load balancer runs and the config it should run there. */
export interface PlacementRecord {
  load_balancer_id: string;
  agent_id: string;
  revision: number;
  /** sha256 (hex) of haproxy_cfg. */
  hash: string;
  haproxy_cfg: string;
  /** The agent must remove it; the row goes once the agent reports it removed. */
  deleted: boolean;
  applied_revision: number | null;
  applied_hash: string | null;
  /** The agent's error for (revision, hash); null while applying or once applied. */
  last_error: string | null;
  /** Where the VIP lives and which floating IPs reach it; part of `hash` (null: placed before 0007). */
  network: AgentNetworkPlan | null;
  /** The files haproxy.cfg names (certificates, keys, CAs, CRLs), sealed at rest; null = none. */
  tls_files: SealedFiles | null;
}

/** Rendered files sealed with the key manager's key, and the sha256 of their plaintext (part of `hash`). */
export interface SealedFiles {
  digest: string;
  sealed: string;
}

export interface PlacementRepository {
  get(loadBalancerId: string): Promise<PlacementRecord | undefined>;
  byAgent(agentId: string): Promise<PlacementRecord[]>;
  /** Number of placements (deleted ones excluded) per agent id. */
  countByAgent(): Promise<Map<string, number>>;
  /** Insert or replace the whole row. */
  put(placement: PlacementRecord): Promise<void>;
  remove(loadBalancerId: string): Promise<boolean>;
}

/** Accumulated counters of one listener (monotonic across HAProxy reloads and restarts). */
export interface ListenerStatsRecord {
  listener_id: string;
  load_balancer_id: string;
  bytes_in: number;
  bytes_out: number;
  /** A gauge: the last reported value. */
  active_connections: number;
  total_connections: number;
  request_errors: number;
  /** The last raw counters HAProxy reported, to detect a counter reset. */
  raw: { bin: number; bout: number; stot: number; ereq: number };
  updated_at: string;
}

export interface ListenerStatsRepository {
  get(listenerId: string): Promise<ListenerStatsRecord | undefined>;
  byLoadBalancer(loadBalancerId: string): Promise<ListenerStatsRecord[]>;
  put(stats: ListenerStatsRecord): Promise<void>;
  /** Deletes every row of the load balancer, or only those whose listener is not in `keep`. */
  removeByLoadBalancer(loadBalancerId: string, keep?: readonly string[]): Promise<number>;
}

/** One operating-status change that an agent's report implies. */
export interface OperatingStatusChange {
  kind: 'loadBalancers' | 'listeners' | 'pools' | 'members';
  id: string;
  /** The status the change was derived from; the write is skipped if it changed meanwhile. */
  from: OperatingStatus;
  to: OperatingStatus;
}

/**
 * Writes operating_status alone: never provisioning_status, and a record changed concurrently (by the
 * reconciler or an API call) is skipped rather than overwritten — the next report retries.
 */
export interface OperatingStatusWriter {
  /** Returns how many records were changed. */
  apply(changes: readonly OperatingStatusChange[]): Promise<number>;
}

/** Per-project quota records (null limit = deployment default). */
export interface QuotaRepository {
  get(projectId: string): Promise<QuotaRecord | undefined>;
  /** Stored records ordered by project id, optionally only one project's. */
  list(projectId?: string): Promise<QuotaRecord[]>;
  /** Inserts or replaces the whole record. */
  put(record: QuotaRecord): Promise<void>;
  /**
   * Creates the project's all-null record if it has none and locks it until the transaction ends (the
   * quota check of a create runs under this lock, so concurrent creates of one project serialise).
   */
  lock(projectId: string): Promise<QuotaRecord>;
  /** How many objects of each kind the project has that are not DELETED. */
  usage(projectId: string, resources: readonly QuotaResource[]): Promise<QuotaUsage>;
}

/** Flavors, flavor profiles, availability zones and their profiles: small admin-managed catalogs. */
export interface CatalogRepository<T, W extends keyof T> {
  /** By primary key (`id`; an availability zone's `name`). */
  get(key: string): Promise<T | undefined>;
  /** Like get, but also takes the row lock until the transaction ends (refs and deletes serialise). */
  lock(key: string): Promise<T | undefined>;
  /** Equality match; ordered by primary key. */
  find(where: Partial<Pick<T, W>>): Promise<T[]>;
  insert(record: T): Promise<void>;
  update(record: T): Promise<boolean>;
  remove(key: string): Promise<boolean>;
}
export type FlavorRepository = CatalogRepository<FlavorRecord, 'name' | 'flavor_profile_id'>;
export type FlavorProfileRepository = CatalogRepository<FlavorProfileRecord, 'name' | 'provider_name'>;
export type AvailabilityZoneRepository = CatalogRepository<
  AvailabilityZoneRecord,
  'availability_zone_profile_id'
>;
export type AvailabilityZoneProfileRepository = CatalogRepository<
  AvailabilityZoneProfileRecord,
  'name' | 'provider_name'
>;

/** The repositories bound to one transaction. */
export interface StoreTx {
  loadBalancers: LoadBalancerRepository;
  listeners: ListenerRepository;
  pools: PoolRepository;
  members: MemberRepository;
  healthMonitors: HealthMonitorRepository;
  l7Policies: L7PolicyRepository;
  l7Rules: L7RuleRepository;
  networks: NetworkRepository;
  subnets: SubnetRepository;
  ports: PortRepository;
  floatingIps: FloatingIpRepository;
  agents: AgentRepository;
  placements: PlacementRepository;
  listenerStats: ListenerStatsRepository;
  operatingStatuses: OperatingStatusWriter;
  flavors: FlavorRepository;
  flavorProfiles: FlavorProfileRepository;
  availabilityZones: AvailabilityZoneRepository;
  availabilityZoneProfiles: AvailabilityZoneProfileRepository;
  quotas: QuotaRepository;
  /** Keystone v3 subset: domains, projects, users, roles, assignments, tokens. */
  identity: IdentityRepositories;
  /** Key manager (Barbican subset): secrets and secret containers. */
  secrets: SecretRepository;
  secretContainers: SecretContainerRepository;
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
