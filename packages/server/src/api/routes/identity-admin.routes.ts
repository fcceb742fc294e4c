import {
  ProjectCreateBody,
  ProjectUpdateBody,
  RoleCreateBody,
  RoleUpdateBody,
  UserCreateBody,
  UserUpdateBody,
} from '@lbaas/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IdentityAdminService } from '../../identity/identity-admin.service.js';
import type { KeystoneViews } from '../../identity/keystone-views.js';
import type { RoleAssignmentRecord } from '../../services/identity-ports.js';

type Params = Record<string, string>;

/** One query parameter as a string (the first when repeated). */
function q(request: FastifyRequest, name: string): string | undefined {
  const v = (request.query as Record<string, string | string[] | undefined>)[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined ? undefined : s;
}

/** Keystone's query_filter_is_true: present and not 0/false. */
function flag(request: FastifyRequest, name: string): boolean {
  const v = q(request, name);
  return v !== undefined && !['0', 'false'].includes(v.toLowerCase());
}

/** Projects, users, roles, domains, grants and role_assignments of the Keystone v3 subset. */
export function identityAdminRoutes(
  app: FastifyInstance,
  admin: IdentityAdminService,
  views: (request: FastifyRequest) => KeystoneViews,
): void {
  // ---- domains ----
  app.get('/v3/domains', async (request) => {
    const v = views(request);
    const list = await admin.listDomains(request.auth, { name: q(request, 'name') });
    return { domains: list.map((d) => v.domain(d)), links: v.listLinks('domains') };
  });
  app.get('/v3/domains/:id', async (request) => ({
    domain: views(request).domain(
      await admin.getDomain(request.auth, (request.params as Params)['id'] ?? ''),
    ),
  }));

  // ---- projects ----
  app.get('/v3/projects', async (request) => {
    const v = views(request);
    const list = await admin.listProjects(request.auth, {
      name: q(request, 'name'),
      domain_id: q(request, 'domain_id'),
    });
    return { projects: list.map((p) => v.project(p)), links: v.listLinks('projects') };
  });
  app.post('/v3/projects', { schema: { body: ProjectCreateBody } }, async (request, reply) => {
    const p = await admin.createProject(request.auth, (request.body as ProjectCreateBody).project);
    return reply.status(201).send({ project: views(request).project(p) });
  });
  app.get('/v3/projects/:id', async (request) => ({
    project: views(request).project(
      await admin.getProject(request.auth, (request.params as Params)['id'] ?? ''),
    ),
  }));
  app.patch('/v3/projects/:id', { schema: { body: ProjectUpdateBody } }, async (request) => {
    const id = (request.params as Params)['id'] ?? '';
    const p = await admin.updateProject(request.auth, id, (request.body as ProjectUpdateBody).project);
    return { project: views(request).project(p) };
  });
  app.delete('/v3/projects/:id', async (request, reply) => {
    await admin.deleteProject(request.auth, (request.params as Params)['id'] ?? '');
    return reply.status(204).send();
  });

  // ---- users ----
  app.get('/v3/users', async (request) => {
    const v = views(request);
    const list = await admin.listUsers(request.auth, {
      name: q(request, 'name'),
      domain_id: q(request, 'domain_id'),
    });
    return { users: list.map((u) => v.user(u)), links: v.listLinks('users') };
  });
  app.post('/v3/users', { schema: { body: UserCreateBody } }, async (request, reply) => {
    const u = await admin.createUser(request.auth, (request.body as UserCreateBody).user);
    return reply.status(201).send({ user: views(request).user(u) });
  });
  app.get('/v3/users/:id', async (request) => ({
    user: views(request).user(await admin.getUser(request.auth, (request.params as Params)['id'] ?? '')),
  }));
  app.patch('/v3/users/:id', { schema: { body: UserUpdateBody } }, async (request) => {
    const id = (request.params as Params)['id'] ?? '';
    const u = await admin.updateUser(request.auth, id, (request.body as UserUpdateBody).user);
    return { user: views(request).user(u) };
  });
  app.delete('/v3/users/:id', async (request, reply) => {
    await admin.deleteUser(request.auth, (request.params as Params)['id'] ?? '');
    return reply.status(204).send();
  });
  app.get('/v3/users/:id/projects', async (request) => {
    const v = views(request);
    const list = await admin.listUserProjects(request.auth, (request.params as Params)['id'] ?? '');
    return { projects: list.map((p) => v.project(p)), links: v.listLinks('projects') };
  });

  // ---- roles ----
  app.get('/v3/roles', async (request) => {
    const v = views(request);
    const list = await admin.listRoles(request.auth, { name: q(request, 'name') });
    return { roles: list.map((r) => v.role(r)), links: v.listLinks('roles') };
  });
  app.post('/v3/roles', { schema: { body: RoleCreateBody } }, async (request, reply) => {
    const r = await admin.createRole(request.auth, (request.body as RoleCreateBody).role);
    return reply.status(201).send({ role: views(request).role(r) });
  });
  app.get('/v3/roles/:id', async (request) => ({
    role: views(request).role(await admin.getRole(request.auth, (request.params as Params)['id'] ?? '')),
  }));
  app.patch('/v3/roles/:id', { schema: { body: RoleUpdateBody } }, async (request) => {
    const id = (request.params as Params)['id'] ?? '';
    return {
      role: views(request).role(
        await admin.updateRole(request.auth, id, (request.body as RoleUpdateBody).role),
      ),
    };
  });
  app.delete('/v3/roles/:id', async (request, reply) => {
    await admin.deleteRole(request.auth, (request.params as Params)['id'] ?? '');
    return reply.status(204).send();
  });

  // ---- grants ----
  const grant = (request: FastifyRequest) => {
    const p = request.params as Params;
    return { project_id: p['project_id'] ?? '', user_id: p['user_id'] ?? '', role_id: p['role_id'] ?? '' };
  };
  const one = '/v3/projects/:project_id/users/:user_id/roles/:role_id';
  app.put(one, async (request, reply) => {
    await admin.grant(request.auth, grant(request));
    return reply.status(204).send();
  });
  app.get(one, async (request, reply) => {
    await admin.checkGrant(request.auth, grant(request));
    return reply.status(204).send();
  });
  app.delete(one, async (request, reply) => {
    await admin.revokeGrant(request.auth, grant(request));
    return reply.status(204).send();
  });
  app.get('/v3/projects/:project_id/users/:user_id/roles', async (request) => {
    const { project_id, user_id } = grant(request);
    const v = views(request);
    const roles = await admin.listGrants(request.auth, project_id, user_id);
    return {
      roles: roles.map((r) => v.role(r)),
      links: v.listLinks(`projects/${project_id}/users/${user_id}/roles`),
    };
  });

  app.get('/v3/role_assignments', async (request) => {
    const v = views(request);
    const filter: Partial<RoleAssignmentRecord> = {};
    const userId = q(request, 'user.id');
    const projectId = q(request, 'scope.project.id') ?? q(request, 'project.id');
    const roleId = q(request, 'role.id');
    if (userId !== undefined) filter.user_id = userId;
    if (projectId !== undefined) filter.project_id = projectId;
    if (roleId !== undefined) filter.role_id = roleId;
    const list = await admin.listAssignments(request.auth, filter);
    const names = flag(request, 'include_names');
    return {
      role_assignments: list.map((d) => v.assignment(d, names)),
      links: v.listLinks('role_assignments'),
    };
  });
}
