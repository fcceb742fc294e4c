import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthContext } from '../../services/auth-context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin for every request. */
    auth: AuthContext;
  }
}

/** Resolves the caller of a request; Keystone tokens will slot in as another implementation. */
export type Authenticator = (request: FastifyRequest) => AuthContext;

/**
 * Octavia's `noauth` strategy: the project comes from `X-Project-Id` (else the default project), the roles
 * from `X-Roles` (comma separated). Without `X-Roles` every caller is admin, as under Octavia's noauth.
 */
export function noauthAuthenticator(defaultProjectId: string): Authenticator {
  return (request) => {
    const project = header(request, 'x-project-id') ?? header(request, 'x-tenant-id') ?? defaultProjectId;
    const rolesHeader = header(request, 'x-roles');
    const roles =
      rolesHeader === undefined
        ? ['admin', 'member', 'reader']
        : rolesHeader
            .split(',')
            .map((r) => r.trim())
            .filter(Boolean);
    return { projectId: project, roles };
  };
}

/** Installs an authenticator as a request hook. */
export function registerAuth(app: FastifyInstance, authenticate: Authenticator): void {
  app.decorateRequest('auth', null as unknown as AuthContext);
  app.addHook('onRequest', async (request) => {
    request.auth = authenticate(request);
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === '' ? undefined : s.trim();
}
