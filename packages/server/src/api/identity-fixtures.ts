import assert from 'node:assert/strict';
import type { ServerConfig } from '../config/server-config.js';
import { TestServer } from '../test-support/test-server.js';

/** Shared helpers of the keystone-auth API tests. */

export const ADMIN_PASSWORD = 'admin-secret-pw';
export const AGENT_PASSWORD = 'agent-secret-pw';
export const ID = '/identity/v3';

/** Runs `fn` against an in-process server with keystone auth and known bootstrap passwords. */
export async function withKeystone(
  fn: (s: TestServer) => Promise<void>,
  config: Partial<ServerConfig> = {},
): Promise<void> {
  const s = await TestServer.start({
    config: { auth: 'keystone', adminPassword: ADMIN_PASSWORD, agentPassword: AGENT_PASSWORD, ...config },
  });
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

/** A password-auth body: user and project by name in domain Default (what OSC sends). */
export function passwordAuth(user: string, password: string, project: string): unknown {
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: user, domain: { name: 'Default' }, password } },
      },
      scope: { project: { name: project, domain: { name: 'Default' } } },
    },
  };
}

/** Issues a token (asserting 201) and returns it with the token body. */
export async function login(
  s: TestServer,
  user: string,
  password: string,
  project: string,
): Promise<{ token: string; body: Record<string, unknown> }> {
  const res = await s.request('POST', `${ID}/auth/tokens`, passwordAuth(user, password, project));
  assert.equal(res.statusCode, 201, res.body);
  const token = res.headers['x-subject-token'];
  assert.equal(typeof token, 'string');
  return { token: token as string, body: JSON.parse(res.body) as Record<string, unknown> };
}

/** `X-Auth-Token` header. */
export const tok = (token: string): Record<string, string> => ({ 'x-auth-token': token });

/** The Keystone error body. */
export function keystoneError(code: number, title: string, message: string): unknown {
  return { error: { code, title, message } };
}

/** Creates project + user with one role on it (as admin); returns their ids. */
export async function makeMember(
  s: TestServer,
  adminToken: string,
  name: string,
  role = 'load-balancer_member',
): Promise<{ projectId: string; userId: string; roleId: string }> {
  const h = tok(adminToken);
  const p = await s.json(
    'POST',
    `${ID}/projects`,
    { project: { name: `p-${name}`, domain_id: 'default' } },
    h,
  );
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const projectId = (p.body['project'] as { id: string }).id;
  const u = await s.json(
    'POST',
    `${ID}/users`,
    { user: { name, password: `${name}-pw`, default_project_id: projectId } },
    h,
  );
  assert.equal(u.status, 201, JSON.stringify(u.body));
  const userId = (u.body['user'] as { id: string }).id;
  const roles = await s.json('GET', `${ID}/roles?name=${role}`, undefined, h);
  const roleId = (roles.body['roles'] as { id: string }[])[0]?.id ?? '';
  const g = await s.request(
    'PUT',
    `${ID}/projects/${projectId}/users/${userId}/roles/${roleId}`,
    undefined,
    h,
  );
  assert.equal(g.statusCode, 204, g.body);
  return { projectId, userId, roleId };
}
