import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from '../../services/auth-context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin for every request. */
    auth: AuthContext;
  }
}

/** Resolves the caller of a request; undefined when the request carries no valid credentials. */
export type Authenticator = (request: FastifyRequest) => Promise<AuthContext | undefined>;

/** The caller of an open request that carries no credentials: no project, no roles. */
export const ANONYMOUS: AuthContext = Object.freeze({ projectId: '', roles: [] });

/** How unauthenticated requests are handled (Keystone auth; noauth always authenticates). */
export interface UnauthenticatedPolicy {
  /** True for requests that are answered without credentials (they get ANONYMOUS). */
  isOpen(request: FastifyRequest): boolean;
  /** Sends the 401 of any other request. */
  reject(request: FastifyRequest, reply: FastifyReply): FastifyReply;
}

/**
 * Octavia's `noauth` strategy: the project comes from `X-Project-Id` (else the default project), the roles
 * from `X-Roles` (comma separated). Without `X-Roles` every caller is admin, as under Octavia's noauth.
 */
export function noauthAuthenticator(defaultProjectId: string): Authenticator {
  return async (request) => {
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

/** Installs an authenticator as a request hook; requests it cannot authenticate go to `unauthenticated`. */
export function registerAuth(
  app: FastifyInstance,
  authenticate: Authenticator,
  unauthenticated?: UnauthenticatedPolicy,
): void {
  app.decorateRequest('auth', null as unknown as AuthContext);
  app.addHook('onRequest', async (request, reply) => {
    let ctx: AuthContext | undefined;
    try {
      ctx = await authenticate(request);
    } catch (err) {
      // The token could not be checked (an external Keystone is down): open requests still answer.
      if (unauthenticated === undefined || !unauthenticated.isOpen(request)) throw err;
    }
    if (ctx !== undefined) {
      request.auth = ctx;
      return;
    }
    if (unauthenticated === undefined || unauthenticated.isOpen(request)) {
      request.auth = ANONYMOUS;
      return;
    }
    return unauthenticated.reject(request, reply);
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === '' ? undefined : s.trim();
}
