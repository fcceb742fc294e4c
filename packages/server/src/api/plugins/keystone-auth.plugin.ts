import type { FastifyRequest } from 'fastify';
import type { IdentityService } from '../../identity/identity.service.js';
import type { Authenticator } from './noauth.plugin.js';

/** Keystone token authentication: `X-Auth-Token` → a validated token → the caller's project and roles. */
export function keystoneAuthenticator(identity: IdentityService): Authenticator {
  return async (request) => {
    const raw = request.headers['x-auth-token'];
    const token = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    return token ? identity.authenticate(token) : undefined;
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
  return path === '/healthz' || path === '/load-balancer' || path === '/network' || path === '';
}
