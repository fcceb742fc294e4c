import type { AuthTokensBody } from '@lbaas/contract';
import { createHash, randomBytes } from 'node:crypto';
import type { AuthContext } from '../services/auth-context.js';
import type {
  DomainRecord,
  IdentityRepositories,
  ProjectRecord,
  RoleRecord,
  UserRecord,
} from '../services/identity-ports.js';
import type { Clock, Store } from '../services/ports.js';
import { IdentityError, unauthorized } from './identity-error.js';
import { hashPassword, verifyPassword } from './password-hash.js';

/** A token that validated against the CURRENT users, projects and role assignments. */
export interface ValidToken {
  user: UserRecord;
  userDomain: DomainRecord;
  project: ProjectRecord;
  projectDomain: DomainRecord;
  /** Assigned roles plus the ones they imply (admin ⊃ member ⊃ reader). */
  roles: RoleRecord[];
  issuedAtMs: number;
  expiresAtMs: number;
}

/** Settings of token issuance. */
export interface IdentitySettings {
  tokenTtlS: number;
}

/** Keystone's implied roles: holding the key implies holding the values. */
const IMPLIES: Readonly<Record<string, readonly string[]>> = {
  admin: ['member', 'reader'],
  member: ['reader'],
};

/** sha256 (hex) of a token: what the store keeps instead of the token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

type PasswordUser = NonNullable<AuthTokensBody['auth']['identity']['password']>['user'];
type DomainRef = PasswordUser['domain'];

/**
 * Tokens: password authentication, validation, revocation. A token is 32 random bytes (base64url); only
 * its sha256 is stored. Roles are computed at validation time from the current assignments, so revoking a
 * role, or deleting the user or project, takes a token's power away at once.
 */
export class IdentityService {
  #dummyHash: Promise<string> | undefined;

  constructor(private readonly deps: { store: Store; clock: Clock; settings: IdentitySettings }) {}

  /** `POST /v3/auth/tokens` with the password method. Every failure is the same 401. */
  async issue(body: AuthTokensBody): Promise<{ token: string; valid: ValidToken }> {
    const { identity, scope } = body.auth;
    if (!identity.methods.includes('password') || identity.password === undefined) throw unauthorized();
    const login = identity.password.user;
    const found = await this.deps.store.read(async (tx) => {
      const user = await findUser(tx.identity, login);
      const projectId =
        typeof scope === 'object' && scope.project !== undefined
          ? (await findProject(tx.identity, scope.project))?.id
          : scope === undefined
            ? (user?.default_project_id ?? undefined)
            : undefined;
      return { user, projectId };
    });
    // Always run scrypt, so an unknown user name takes as long as a wrong password.
    const hash = found.user?.password_hash ?? (await this.dummyHash());
    const ok = await verifyPassword(login.password, hash);
    if (!ok || !found.user?.password_hash || found.projectId === undefined) throw unauthorized();
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.clock.nowMs();
    const record = {
      hash: tokenHash(token),
      user_id: found.user.id,
      project_id: found.projectId,
      issued_at_ms: now,
      expires_at_ms: now + this.deps.settings.tokenTtlS * 1000,
    };
    const valid = await this.deps.store.write(async (tx) => {
      await tx.identity.tokens.purgeExpired(now);
      const v = await this.check(tx.identity, record);
      if (v) await tx.identity.tokens.insert(record);
      return v;
    });
    if (!valid) throw unauthorized();
    return { token, valid };
  }

  /** Mints a token without a password (the embedded agent of `lbaas up`, tests). */
  async mint(userId: string, projectId: string): Promise<{ token: string; valid: ValidToken }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.clock.nowMs();
    const record = {
      hash: tokenHash(token),
      user_id: userId,
      project_id: projectId,
      issued_at_ms: now,
      expires_at_ms: now + this.deps.settings.tokenTtlS * 1000,
    };
    const valid = await this.deps.store.write(async (tx) => {
      const v = await this.check(tx.identity, record);
      if (v) await tx.identity.tokens.insert(record);
      return v;
    });
    if (!valid) throw unauthorized();
    return { token, valid };
  }

  /** The token's current meaning, or undefined when it is unknown, expired, revoked or powerless. */
  async validate(token: string): Promise<ValidToken | undefined> {
    if (token === '' || token.length > 256) return undefined;
    return this.deps.store.read(async (tx) => {
      const row = await tx.identity.tokens.get(tokenHash(token));
      return row === undefined ? undefined : this.check(tx.identity, row);
    });
  }

  /** The AuthContext of a request's X-Auth-Token (undefined when the token is not valid). */
  async authenticate(token: string | undefined): Promise<AuthContext | undefined> {
    if (token === undefined) return undefined;
    const valid = await this.validate(token);
    if (!valid) return undefined;
    return { projectId: valid.project.id, roles: valid.roles.map((r) => r.name), userId: valid.user.id };
  }

  /** `DELETE /v3/auth/tokens`: the caller may revoke its own user's tokens; admins any token. */
  async revoke(caller: AuthContext, subject: string, isAdmin: boolean): Promise<void> {
    const valid = await this.validate(subject);
    if (!valid) throw new IdentityError('not_found', 'Failed to validate token');
    if (!isAdmin && valid.user.id !== caller.userId) throw unauthorized();
    await this.deps.store.write((tx) => tx.identity.tokens.remove(tokenHash(subject)));
  }

  private async check(
    repos: IdentityRepositories,
    row: { user_id: string; project_id: string; issued_at_ms: number; expires_at_ms: number },
  ): Promise<ValidToken | undefined> {
    if (row.expires_at_ms <= this.deps.clock.nowMs()) return undefined;
    const user = await repos.users.get(row.user_id);
    const project = await repos.projects.get(row.project_id);
    if (!user?.enabled || !project?.enabled) return undefined;
    const userDomain = await repos.domains.get(user.domain_id);
    const projectDomain = await repos.domains.get(project.domain_id);
    if (!userDomain?.enabled || !projectDomain?.enabled) return undefined;
    const assignments = await repos.roleAssignments.list({ user_id: user.id, project_id: project.id });
    if (assignments.length === 0) return undefined;
    const all = await repos.roles.list();
    const assigned = new Set(assignments.map((a) => a.role_id));
    const names = new Set(all.filter((r) => assigned.has(r.id)).map((r) => r.name));
    for (const name of [...names]) for (const implied of IMPLIES[name] ?? []) names.add(implied);
    const roles = all.filter((r) => names.has(r.name));
    if (roles.length === 0) return undefined;
    return {
      user,
      userDomain,
      project,
      projectDomain,
      roles,
      issuedAtMs: row.issued_at_ms,
      expiresAtMs: row.expires_at_ms,
    };
  }

  private dummyHash(): Promise<string> {
    this.#dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    return this.#dummyHash;
  }
}

async function findDomainId(repos: IdentityRepositories, ref: DomainRef): Promise<string | undefined> {
  if (ref === undefined) return undefined;
  if (ref.id !== undefined) return (await repos.domains.get(ref.id))?.id;
  if (ref.name !== undefined) return (await repos.domains.list({ name: ref.name }))[0]?.id;
  return undefined;
}

async function findUser(repos: IdentityRepositories, login: PasswordUser): Promise<UserRecord | undefined> {
  if (login.id !== undefined) return repos.users.get(login.id);
  if (login.name === undefined) return undefined;
  const domainId = await findDomainId(repos, login.domain);
  if (domainId === undefined) return undefined;
  return (await repos.users.list({ name: login.name, domain_id: domainId }))[0];
}

async function findProject(
  repos: IdentityRepositories,
  ref: { id?: string; name?: string; domain?: DomainRef },
): Promise<ProjectRecord | undefined> {
  if (ref.id !== undefined) return repos.projects.get(ref.id);
  if (ref.name === undefined) return undefined;
  const domainId = await findDomainId(repos, ref.domain);
  if (domainId === undefined) return undefined;
  return (await repos.projects.list({ name: ref.name, domain_id: domainId }))[0];
}
