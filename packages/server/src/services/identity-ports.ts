/**
 * What the identity service (Keystone v3 subset) needs from storage; exposed on StoreTx next to the
 * load-balancer repositories and implemented by store/identity-*.repository.ts.
 */

/** A Keystone domain. */
export interface DomainRecord {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  created_at: string;
}

/** A Keystone project (always directly under its domain: no project hierarchy). */
export interface ProjectRecord {
  id: string;
  name: string;
  domain_id: string;
  description: string;
  enabled: boolean;
  created_at: string;
}

/** A local user. `password_hash` is a self-describing scrypt string (identity/password-hash.ts). */
export interface UserRecord {
  id: string;
  name: string;
  domain_id: string;
  password_hash: string | null;
  enabled: boolean;
  default_project_id: string | null;
  description: string | null;
  email: string | null;
  created_at: string;
}

/** A global role (no domain-specific roles). */
export interface RoleRecord {
  id: string;
  name: string;
  description: string | null;
  created_at: string;
}

/** One grant: `user` holds `role` on `project`. */
export interface RoleAssignmentRecord {
  user_id: string;
  project_id: string;
  role_id: string;
}

/** An issued token; only its sha256 is stored, never the token itself. */
export interface TokenRecord {
  /** sha256 (hex) of the token string. */
  hash: string;
  user_id: string;
  project_id: string;
  /** Epoch milliseconds. */
  issued_at_ms: number;
  expires_at_ms: number;
}

/** Filters of the identity lists (equality; undefined = no filter). */
export interface NameFilter {
  name?: string | undefined;
  domain_id?: string | undefined;
}

export interface DomainRepository {
  get(id: string): Promise<DomainRecord | undefined>;
  list(filter?: { name?: string | undefined }): Promise<DomainRecord[]>;
  insert(domain: DomainRecord): Promise<void>;
}

export interface ProjectRepository {
  get(id: string): Promise<ProjectRecord | undefined>;
  list(filter?: NameFilter): Promise<ProjectRecord[]>;
  insert(project: ProjectRecord): Promise<void>;
  update(project: ProjectRecord): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

export interface UserRepository {
  get(id: string): Promise<UserRecord | undefined>;
  list(filter?: NameFilter): Promise<UserRecord[]>;
  insert(user: UserRecord): Promise<void>;
  update(user: UserRecord): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

export interface RoleRepository {
  get(id: string): Promise<RoleRecord | undefined>;
  list(filter?: { name?: string | undefined }): Promise<RoleRecord[]>;
  insert(role: RoleRecord): Promise<void>;
  update(role: RoleRecord): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

export interface RoleAssignmentRepository {
  /** Idempotent: granting an existing assignment is a no-op. */
  add(assignment: RoleAssignmentRecord): Promise<void>;
  remove(assignment: RoleAssignmentRecord): Promise<boolean>;
  list(filter?: Partial<RoleAssignmentRecord>): Promise<RoleAssignmentRecord[]>;
  /** Removes every assignment of a user, a project or a role. */
  removeWhere(filter: Partial<RoleAssignmentRecord>): Promise<number>;
}

export interface TokenRepository {
  get(hash: string): Promise<TokenRecord | undefined>;
  insert(token: TokenRecord): Promise<void>;
  remove(hash: string): Promise<boolean>;
  /** Removes every token of a user or of a project. */
  removeWhere(filter: { user_id?: string; project_id?: string }): Promise<number>;
  /** Deletes tokens that expired before `nowMs`; returns how many. */
  purgeExpired(nowMs: number): Promise<number>;
}

/** The identity repositories bound to one transaction. */
export interface IdentityRepositories {
  domains: DomainRepository;
  projects: ProjectRepository;
  users: UserRepository;
  roles: RoleRepository;
  roleAssignments: RoleAssignmentRepository;
  tokens: TokenRepository;
}
