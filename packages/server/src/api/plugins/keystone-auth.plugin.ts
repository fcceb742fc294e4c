import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../../services/auth-context.js';
import { UNAUTHORIZED_BODY } from './keystone-error.js';
import type { Authenticator, UnauthenticatedPolicy } from './noauth.plugin.js';

/** What validates a token: the built-in IdentityService or an external Keystone. */
export interface TokenValidator {
  /** The caller of a token; undefined when it is not valid (throws a 503 DomainError when unsure). */
  authenticate(token: string | undefined): Promise<AuthContext | undefined>;
}

/** Keystone token authentication: `X-Auth-Token` → a validated token → the caller's project and roles. */
export function keystoneAuthenticator(identity: TokenValidator): Authenticator {
  return async (request) => {
    const raw = request.headers['x-auth-token'];
    const token = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    return token ? identity.authenticate(token) : undefined;
  };
}

/**
 * keystonemiddleware's answer to a request without a valid token: 401, its body, and
 * `WWW-Authenticate: Keystone uri="<where to get a token>"`; open requests pass as anonymous.
 */
export function keystoneUnauthenticated(
  identityUri: (request: FastifyRequest) => string,
): UnauthenticatedPolicy {
  return {
    isOpen: isOpenRequest,
    reject: (request, reply) =>
      reply
        .status(401)
        .header('www-authenticate', `Keystone uri="${identityUri(request)}"`)
        .send(UNAUTHORIZED_BODY),
  };
}

/**
 * What answers without a token under Keystone auth (as behind keystonemiddleware, whose pipelines leave
 * the version documents open): /healthz, the Octavia and Neutron version roots and the whole /identity
 * prefix, whose routes check the caller themselves (version documents and `POST /v3/auth/tokens` are open).
 */
export function isOpenRequest(request: FastifyRequest): boolean {
  const path = (request.url.split('?')[0] ?? '').replace(/\/+$/, '');
  if (path === '/identity' || path.startsWith('/identity/')) return true;
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  return (
    path === '/healthz' ||
    path === '/load-balancer' ||
    path === '/network' ||
    path === '/key-manager' ||
    path === ''
  );
}
