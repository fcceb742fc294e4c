import type {
  ProjectCreateBody,
  ProjectUpdateBody,
  RoleCreateBody,
  RoleUpdateBody,
  UserCreateBody,
  UserUpdateBody,
} from '@lbaas/contract';
import type { AuthContext } from '../services/auth-context.js';
import type {
  DomainRecord,
  IdentityRepositories,
  NameFilter,
  ProjectRecord,
  RoleAssignmentRecord,
  RoleRecord,
  UserRecord,
} from '../services/identity-ports.js';
import type { Clock, IdGenerator, Store } from '../services/ports.js';
import { StoreConflictError } from '../services/store-conflict-error.js';
import { duplicate, forbiddenAction, IdentityError, notFound, unauthorized } from './identity-error.js';
import { hashPassword } from './password-hash.js';

/** One role assignment with the records it names (for `include_names`). */
export interface AssignmentDetail {
  assignment: RoleAssignmentRecord;
  role: RoleRecord | undefined;
  user: UserRecord | undefined;
  userDomain: DomainRecord | undefined;
  project: ProjectRecord | undefined;
  projectDomain: DomainRecord | undefined;
}

/** Keystone's admin check: the `admin` role in the token's project (Keystone's default policy). */
export function isIdentityAdmin(ctx: AuthContext): boolean {
  return ctx.roles.includes('admin');
}

/**
 * Projects, users, roles, domains and role assignments (the Keystone v3 CRUD subset). Writes need the
 * `admin` role; reads are allowed to admins and to a caller reading its own user or project; roles and
 * domains are readable by every authenticated caller. Lookup precedes authorization (404 before 403).
 */
export class IdentityAdminService {
  constructor(private readonly deps: { store: Store; clock: Clock; ids: IdGenerator }) {}

  private newId(): string {
    return this.deps.ids.uuid().replace(/-/g, '');
  }

  private caller(ctx: AuthContext): string {
    if (ctx.userId === undefined) throw unauthorized();
    return ctx.userId;
  }

  private requireAdmin(ctx: AuthContext, action: string): void {
    this.caller(ctx);
    if (!isIdentityAdmin(ctx)) throw forbiddenAction(action);
  }

  private async write<T>(
    what: 'project' | 'user' | 'role',
    fn: (r: IdentityRepositories) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.deps.store.write((tx) => fn(tx.identity));
    } catch (err) {
      if (err instanceof StoreConflictError) throw duplicate(what);
      throw err;
    }
  }

  private read<T>(fn: (r: IdentityRepositories) => Promise<T>): Promise<T> {
    return this.deps.store.read((tx) => fn(tx.identity));
  }

  // ---- domains ----
  async listDomains(ctx: AuthContext, filter: { name?: string | undefined }): Promise<DomainRecord[]> {
    this.caller(ctx);
    return this.read((r) => r.domains.list(filter));
  }

  async getDomain(ctx: AuthContext, id: string): Promise<DomainRecord> {
    this.caller(ctx);
    const d = await this.read((r) => r.domains.get(id));
    if (!d) throw notFound('domain', id);
    return d;
  }

  // ---- projects ----
  async listProjects(ctx: AuthContext, filter: NameFilter): Promise<ProjectRecord[]> {
    this.requireAdmin(ctx, 'list_projects');
    return this.read((r) => r.projects.list(filter));
  }

  async getProject(ctx: AuthContext, id: string): Promise<ProjectRecord> {
    this.caller(ctx);
    const p = await this.read((r) => r.projects.get(id));
    if (!p) throw notFound('project', id);
    if (!isIdentityAdmin(ctx) && ctx.projectId !== id) throw forbiddenAction('get_project');
    return p;
  }

  async createProject(ctx: AuthContext, body: ProjectCreateBody['project']): Promise<ProjectRecord> {
    this.requireAdmin(ctx, 'create_project');
    const domainId = body.domain_id ?? 'default';
    return this.write('project', async (r) => {
      if (!(await r.domains.get(domainId))) throw notFound('domain', domainId);
      const project: ProjectRecord = {
        id: this.newId(),
        name: body.name,
        domain_id: domainId,
        description: body.description ?? '',
        enabled: body.enabled ?? true,
        created_at: this.deps.clock.nowIso(),
      };
      await r.projects.insert(project);
      return project;
    });
  }

  async updateProject(
    ctx: AuthContext,
    id: string,
    body: ProjectUpdateBody['project'],
  ): Promise<ProjectRecord> {
    this.requireAdmin(ctx, 'update_project');
    return this.write('project', async (r) => {
      const p = await r.projects.get(id);
      if (!p) throw notFound('project', id);
      const next: ProjectRecord = {
        ...p,
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description ?? '' } : {}),
        ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      };
      await r.projects.update(next);
      return next;
    });
  }

  /** Deletes a project with its role assignments and tokens (its load balancers stay). */
  async deleteProject(ctx: AuthContext, id: string): Promise<void> {
    this.requireAdmin(ctx, 'delete_project');
    await this.write('project', async (r) => {
      if (!(await r.projects.remove(id))) throw notFound('project', id);
      await r.roleAssignments.removeWhere({ project_id: id });
      await r.tokens.removeWhere({ project_id: id });
    });
  }

  // ---- users ----
  async listUsers(ctx: AuthContext, filter: NameFilter): Promise<UserRecord[]> {
    this.requireAdmin(ctx, 'list_users');
    return this.read((r) => r.users.list(filter));
  }

  async getUser(ctx: AuthContext, id: string): Promise<UserRecord> {
    const self = this.caller(ctx);
    const u = await this.read((r) => r.users.get(id));
    if (!u) throw notFound('user', id);
    if (!isIdentityAdmin(ctx) && self !== id) throw forbiddenAction('get_user');
    return u;
  }

  async createUser(ctx: AuthContext, body: UserCreateBody['user']): Promise<UserRecord> {
    this.requireAdmin(ctx, 'create_user');
    const domainId = body.domain_id ?? 'default';
    const passwordHash = typeof body.password === 'string' ? await hashPassword(body.password) : null;
    return this.write('user', async (r) => {
      if (!(await r.domains.get(domainId))) throw notFound('domain', domainId);
      if (body.default_project_id && !(await r.projects.get(body.default_project_id))) {
        throw notFound('project', body.default_project_id);
      }
      const user: UserRecord = {
        id: this.newId(),
        name: body.name,
        domain_id: domainId,
        password_hash: passwordHash,
        enabled: body.enabled ?? true,
        default_project_id: body.default_project_id ?? null,
        description: body.description ?? null,
        email: body.email ?? null,
        created_at: this.deps.clock.nowIso(),
      };
      await r.users.insert(user);
      return user;
    });
  }

  /** Updates a user; a new password or disabling the user revokes its tokens. */
  async updateUser(ctx: AuthContext, id: string, body: UserUpdateBody['user']): Promise<UserRecord> {
    this.requireAdmin(ctx, 'update_user');
    const passwordHash =
      body.password === undefined
        ? undefined
        : body.password === null
          ? null
          : await hashPassword(body.password);
    return this.write('user', async (r) => {
      const u = await r.users.get(id);
      if (!u) throw notFound('user', id);
      if (body.default_project_id && !(await r.projects.get(body.default_project_id))) {
        throw notFound('project', body.default_project_id);
      }
      const next: UserRecord = { ...u };
      if (body.name !== undefined) next.name = body.name;
      if (passwordHash !== undefined) next.password_hash = passwordHash;
      if (body.enabled !== undefined) next.enabled = body.enabled;
      if (body.default_project_id !== undefined) next.default_project_id = body.default_project_id;
      if (body.description !== undefined) next.description = body.description;
      if (body.email !== undefined) next.email = body.email;
      await r.users.update(next);
      if (passwordHash !== undefined || body.enabled === false) await r.tokens.removeWhere({ user_id: id });
      return next;
    });
  }

  async deleteUser(ctx: AuthContext, id: string): Promise<void> {
    this.requireAdmin(ctx, 'delete_user');
    await this.write('user', async (r) => {
      if (!(await r.users.remove(id))) throw notFound('user', id);
      await r.roleAssignments.removeWhere({ user_id: id });
      await r.tokens.removeWhere({ user_id: id });
    });
  }

  /** Projects the user holds a role on (`GET /v3/users/{id}/projects`). */
  async listUserProjects(ctx: AuthContext, userId: string): Promise<ProjectRecord[]> {
    const self = this.caller(ctx);
    return this.read(async (r) => {
      if (!(await r.users.get(userId))) throw notFound('user', userId);
      if (!isIdentityAdmin(ctx) && self !== userId) throw forbiddenAction('list_user_projects');
      const ids = new Set((await r.roleAssignments.list({ user_id: userId })).map((a) => a.project_id));
      return (await r.projects.list()).filter((p) => ids.has(p.id));
    });
  }

  // ---- roles ----
  async listRoles(ctx: AuthContext, filter: { name?: string | undefined }): Promise<RoleRecord[]> {
    this.caller(ctx);
    return this.read((r) => r.roles.list(filter));
  }

  async getRole(ctx: AuthContext, id: string): Promise<RoleRecord> {
    this.caller(ctx);
    const role = await this.read((r) => r.roles.get(id));
    if (!role) throw notFound('role', id);
    return role;
  }

  async createRole(ctx: AuthContext, body: RoleCreateBody['role']): Promise<RoleRecord> {
    this.requireAdmin(ctx, 'create_role');
    return this.write('role', async (r) => {
      const role: RoleRecord = {
        id: this.newId(),
        name: body.name,
        description: body.description ?? null,
        created_at: this.deps.clock.nowIso(),
      };
      await r.roles.insert(role);
      return role;
    });
  }

  async updateRole(ctx: AuthContext, id: string, body: RoleUpdateBody['role']): Promise<RoleRecord> {
    this.requireAdmin(ctx, 'update_role');
    return this.write('role', async (r) => {
      const role = await r.roles.get(id);
      if (!role) throw notFound('role', id);
      const next = {
        ...role,
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
      };
      await r.roles.update(next);
      return next;
    });
  }

  async deleteRole(ctx: AuthContext, id: string): Promise<void> {
    this.requireAdmin(ctx, 'delete_role');
    await this.write('role', async (r) => {
      if (!(await r.roles.remove(id))) throw notFound('role', id);
      await r.roleAssignments.removeWhere({ role_id: id });
    });
  }

  // ---- grants ----
  private async requireGrantTargets(r: IdentityRepositories, a: RoleAssignmentRecord): Promise<void> {
    if (!(await r.projects.get(a.project_id))) throw notFound('project', a.project_id);
    if (!(await r.users.get(a.user_id))) throw notFound('user', a.user_id);
    if (!(await r.roles.get(a.role_id))) throw notFound('role', a.role_id);
  }

  async grant(ctx: AuthContext, a: RoleAssignmentRecord): Promise<void> {
    this.requireAdmin(ctx, 'create_grant');
    await this.write('role', async (r) => {
      await this.requireGrantTargets(r, a);
      await r.roleAssignments.add(a);
    });
  }

  /** Throws RoleAssignmentNotFound unless the grant exists (HEAD/GET of one grant). */
  async checkGrant(ctx: AuthContext, a: RoleAssignmentRecord): Promise<void> {
    const self = this.caller(ctx);
    await this.read(async (r) => {
      await this.requireGrantTargets(r, a);
      if (!isIdentityAdmin(ctx) && self !== a.user_id) throw forbiddenAction('check_grant');
      if ((await r.roleAssignments.list(a)).length === 0) throw assignmentNotFound(a);
    });
  }

  /** Removing a grant takes effect at once: tokens are re-checked against assignments on every use. */
  async revokeGrant(ctx: AuthContext, a: RoleAssignmentRecord): Promise<void> {
    this.requireAdmin(ctx, 'revoke_grant');
    await this.write('role', async (r) => {
      await this.requireGrantTargets(r, a);
      if (!(await r.roleAssignments.remove(a))) throw assignmentNotFound(a);
    });
  }

  /** Roles of a user on a project (`GET /v3/projects/{p}/users/{u}/roles`). */
  async listGrants(ctx: AuthContext, projectId: string, userId: string): Promise<RoleRecord[]> {
    const self = this.caller(ctx);
    return this.read(async (r) => {
      if (!(await r.projects.get(projectId))) throw notFound('project', projectId);
      if (!(await r.users.get(userId))) throw notFound('user', userId);
      if (!isIdentityAdmin(ctx) && self !== userId) throw forbiddenAction('list_grants');
      const ids = new Set(
        (await r.roleAssignments.list({ project_id: projectId, user_id: userId })).map((a) => a.role_id),
      );
      return (await r.roles.list()).filter((role) => ids.has(role.id));
    });
  }

  /** `GET /v3/role_assignments`: admins see all; others only their own (`user.id` = themselves). */
  async listAssignments(
    ctx: AuthContext,
    filter: Partial<RoleAssignmentRecord>,
  ): Promise<AssignmentDetail[]> {
    const self = this.caller(ctx);
    if (!isIdentityAdmin(ctx) && filter.user_id !== self) throw forbiddenAction('list_role_assignments');
    return this.read(async (r) => {
      const rows = await r.roleAssignments.list(filter);
      const roles = new Map((await r.roles.list()).map((x) => [x.id, x]));
      const domains = new Map((await r.domains.list()).map((x) => [x.id, x]));
      const out: AssignmentDetail[] = [];
      for (const a of rows) {
        const user = await r.users.get(a.user_id);
        const project = await r.projects.get(a.project_id);
        out.push({
          assignment: a,
          role: roles.get(a.role_id),
          user,
          userDomain: user ? domains.get(user.domain_id) : undefined,
          project,
          projectDomain: project ? domains.get(project.domain_id) : undefined,
        });
      }
      return out;
    });
  }
}

function assignmentNotFound(a: RoleAssignmentRecord): IdentityError {
  return new IdentityError(
    'not_found',
    `Could not find role assignment with role: ${a.role_id}, user or group: ${a.user_id}, project, domain, or system: ${a.project_id}.`,
  );
}
