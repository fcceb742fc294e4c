import { AuthTokensBody, compileKeystoneValidator } from '@lbaas/contract';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isIdentityAdmin, type IdentityAdminService } from '../../identity/identity-admin.service.js';
import { IdentityError, unauthorized } from '../../identity/identity-error.js';
import type { IdentityService } from '../../identity/identity.service.js';
import { KeystoneViews, versionV3 } from '../../identity/keystone-views.js';
import { tokenCatalog } from '../../identity/token-catalog.js';
import { registerKeystoneErrors } from '../plugins/keystone-error.js';
import type { PublicUrlOf } from '../public-url.js';
import { identityAdminRoutes } from './identity-admin.routes.js';

/** What the /identity routes need. */
export interface IdentityRouteDeps {
  identity: IdentityService;
  admin: IdentityAdminService;
  publicUrl: PublicUrlOf;
  region: string;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s === undefined || s === '' ? undefined : s;
}

/**
 * The Keystone v3 subset under /identity (register with that prefix): version documents, tokens and the
 * CRUD of identity-admin.routes.ts. Keystone's own error body and jsonschema-like validation apply here.
 */
export function identityRoutes(app: FastifyInstance, deps: IdentityRouteDeps): void {
  registerKeystoneErrors(app);
  app.setValidatorCompiler(({ schema }) => {
    const validate = compileKeystoneValidator(schema as TSchema);
    return (data: unknown) => {
      const r = validate(data);
      return r.ok ? { value: r.value } : { error: new IdentityError('invalid', r.message) };
    };
  });
  const views = (request: FastifyRequest): KeystoneViews =>
    new KeystoneViews(deps.publicUrl(request), deps.region);

  app.get('/', async (request, reply) =>
    reply.status(300).send({ versions: { values: [versionV3(deps.publicUrl(request))] } }),
  );
  app.get('/v3', async (request) => ({ version: versionV3(deps.publicUrl(request)) }));

  app.post('/v3/auth/tokens', { schema: { body: AuthTokensBody } }, async (request, reply) => {
    const { token, valid } = await deps.identity.issue(request.body as AuthTokensBody);
    return reply.status(201).header('x-subject-token', token).send(views(request).token(valid));
  });
  app.get('/v3/auth/tokens', async (request, reply) => {
    const caller = request.auth;
    if (caller.userId === undefined) throw unauthorized();
    const subject = header(request, 'x-subject-token');
    const valid = subject === undefined ? undefined : await deps.identity.validate(subject);
    if (subject === undefined || valid === undefined)
      throw new IdentityError('not_found', 'Failed to validate token');
    const privileged = isIdentityAdmin(caller) || caller.roles.includes('service');
    if (!privileged && valid.user.id !== caller.userId) throw unauthorized();
    return reply.header('x-subject-token', subject).send(views(request).token(valid));
  });
  app.delete('/v3/auth/tokens', async (request, reply) => {
    const caller = request.auth;
    if (caller.userId === undefined) throw unauthorized();
    const subject = header(request, 'x-subject-token');
    if (subject === undefined) throw new IdentityError('not_found', 'Failed to validate token');
    await deps.identity.revoke(caller, subject, isIdentityAdmin(caller));
    return reply.status(204).send();
  });
  app.get('/v3/auth/catalog', async (request) => {
    if (request.auth.userId === undefined) throw unauthorized();
    const base = deps.publicUrl(request);
    return { catalog: tokenCatalog(base, deps.region), links: { self: `${base}/identity/v3/auth/catalog` } };
  });
  app.get('/v3/auth/projects', async (request) => {
    const userId = request.auth.userId;
    if (userId === undefined) throw unauthorized();
    const v = views(request);
    const projects = await deps.admin.listUserProjects(request.auth, userId);
    return { projects: projects.map((p) => v.project(p)), links: v.listLinks('auth/projects') };
  });
  identityAdminRoutes(app, deps.admin, views);
}
