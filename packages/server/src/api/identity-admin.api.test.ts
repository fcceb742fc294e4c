import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ADMIN_PASSWORD,
  ID,
  keystoneError,
  login,
  makeMember,
  tok,
  withKeystone,
} from './identity-fixtures.js';

const UNAUTHORIZED = keystoneError(401, 'Unauthorized', 'The request you have made requires authentication.');
const LBS = '/load-balancer/v2.0/lbaas/loadbalancers';

test('identity CRUD: projects, users, roles, domains with Keystone bodies and errors', () =>
  withKeystone(async (s) => {
    const h = tok((await login(s, 'admin', ADMIN_PASSWORD, 'admin')).token);
    const p = await s.json(
      'POST',
      `${ID}/projects`,
      { project: { name: 'p2', description: null, enabled: true, domain_id: 'default', is_domain: false } },
      h,
    );
    assert.equal(p.status, 201);
    const project = p.body['project'] as Record<string, unknown>;
    assert.deepEqual(
      { ...project, id: 'X', links: null },
      {
        id: 'X',
        name: 'p2',
        domain_id: 'default',
        description: '',
        enabled: true,
        parent_id: 'default',
        is_domain: false,
        tags: [],
        options: {},
        links: null,
      },
    );
    const dup = await s.json('POST', `${ID}/projects`, { project: { name: 'p2' } }, h);
    assert.deepEqual(dup, {
      status: 409,
      body: keystoneError(
        409,
        'Conflict',
        'Conflict occurred attempting to store project - Duplicate entry.',
      ),
    });
    assert.deepEqual(await s.json('GET', `${ID}/projects/nope`, undefined, h), {
      status: 404,
      body: keystoneError(404, 'Not Found', 'Could not find project: nope.'),
    });
    const byName = await s.json('GET', `${ID}/projects?name=p2&domain_id=default`, undefined, h);
    assert.deepEqual(
      (byName.body['projects'] as { id: string }[]).map((x) => x.id),
      [project['id']],
    );

    const u = await s.json(
      'POST',
      `${ID}/users`,
      { user: { name: 'u2', password: 'pw-u2', default_project_id: project['id'], enabled: true } },
      h,
    );
    assert.equal(u.status, 201);
    const user = u.body['user'] as Record<string, unknown>;
    assert.equal(user['domain_id'], 'default');
    assert.equal(user['default_project_id'], project['id']);
    assert.equal('password' in user, false);
    const users = await s.request('GET', `${ID}/users`, undefined, h);
    assert.doesNotMatch(users.body, /pw-u2|scrypt|password_hash/);
    assert.deepEqual(
      (JSON.parse(users.body) as { users: { name: string }[] }).users.map((x) => x.name),
      ['admin', 'lbaas-agent', 'u2'],
    );
    assert.equal(
      (await s.json('PATCH', `${ID}/users/${String(user['id'])}`, { user: { password: 'new-pw' } }, h))
        .status,
      200,
    );

    const roles = await s.json('GET', `${ID}/roles`, undefined, h);
    assert.deepEqual(
      (roles.body['roles'] as { name: string }[]).map((r) => r.name),
      [
        'admin',
        'load-balancer_admin',
        'load-balancer_global_observer',
        'load-balancer_member',
        'load-balancer_observer',
        'load-balancer_quota_admin',
        'member',
        'reader',
        'service',
      ],
    );
    const r = await s.json('POST', `${ID}/roles`, { role: { name: 'custom' } }, h);
    assert.equal(r.status, 201);
    const role = r.body['role'] as { id: string };
    assert.deepEqual(
      (await s.json('GET', `${ID}/roles/${role.id}`, undefined, h)).body['role'],
      r.body['role'],
    );
    assert.equal((await s.request('DELETE', `${ID}/roles/${role.id}`, undefined, h)).statusCode, 204);

    const domains = await s.json('GET', `${ID}/domains`, undefined, h);
    assert.deepEqual(
      (domains.body['domains'] as { id: string; name: string }[]).map((d) => [d.id, d.name]),
      [['default', 'Default']],
    );
    assert.equal((await s.json('GET', `${ID}/domains/default`, undefined, h)).status, 200);

    assert.equal(
      (await s.request('DELETE', `${ID}/projects/${String(project['id'])}`, undefined, h)).statusCode,
      204,
    );
    assert.equal((await s.json('GET', `${ID}/projects/${String(project['id'])}`, undefined, h)).status, 404);
    assert.deepEqual(await s.json('GET', `${ID}/projects`), { status: 401, body: UNAUTHORIZED });
  }));

test('identity: role add/list/check/remove; removing the role makes the token 401 at once', () =>
  withKeystone(async (s) => {
    const h = tok((await login(s, 'admin', ADMIN_PASSWORD, 'admin')).token);
    const m = await makeMember(s, (await login(s, 'admin', ADMIN_PASSWORD, 'admin')).token, 'u2');
    const { token } = await login(s, 'u2', 'u2-pw', 'p-u2');
    assert.equal((await s.json('GET', LBS, undefined, tok(token))).status, 200);

    const one = `${ID}/projects/${m.projectId}/users/${m.userId}/roles/${m.roleId}`;
    assert.equal((await s.request('HEAD', one, undefined, h)).statusCode, 204);
    assert.equal((await s.request('GET', one, undefined, h)).statusCode, 204);
    const grants = await s.json('GET', `${ID}/projects/${m.projectId}/users/${m.userId}/roles`, undefined, h);
    assert.deepEqual(
      (grants.body['roles'] as { name: string }[]).map((x) => x.name),
      ['load-balancer_member'],
    );
    const plain = await s.json(
      'GET',
      `${ID}/role_assignments?user.id=${m.userId}&scope.project.id=${m.projectId}`,
      undefined,
      h,
    );
    assert.deepEqual(plain.body['role_assignments'], [
      {
        role: { id: m.roleId },
        user: { id: m.userId },
        scope: { project: { id: m.projectId } },
        links: { assignment: `http://localhost:80${one}` },
      },
    ]);
    const named = await s.json(
      'GET',
      `${ID}/role_assignments?user.id=${m.userId}&include_names=True&effective`,
      undefined,
      h,
    );
    assert.deepEqual(named.body['role_assignments'], [
      {
        role: { id: m.roleId, name: 'load-balancer_member' },
        user: { id: m.userId, name: 'u2', domain: { id: 'default', name: 'Default' } },
        scope: { project: { id: m.projectId, name: 'p-u2', domain: { id: 'default', name: 'Default' } } },
        links: { assignment: `http://localhost:80${one}` },
      },
    ]);
    // A member may list its own assignments, not everyone's.
    assert.equal(
      (await s.json('GET', `${ID}/role_assignments?user.id=${m.userId}`, undefined, tok(token))).status,
      200,
    );
    assert.equal((await s.json('GET', `${ID}/role_assignments`, undefined, tok(token))).status, 403);

    assert.equal((await s.request('DELETE', one, undefined, h)).statusCode, 204);
    assert.equal((await s.json('GET', LBS, undefined, tok(token))).status, 401);
    assert.deepEqual(await s.json('DELETE', one, undefined, h), {
      status: 404,
      body: keystoneError(
        404,
        'Not Found',
        `Could not find role assignment with role: ${m.roleId}, user or group: ${m.userId}, project, domain, or system: ${m.projectId}.`,
      ),
    });
  }));

test('identity: deleting a user invalidates its tokens at once', () =>
  withKeystone(async (s) => {
    const admin = (await login(s, 'admin', ADMIN_PASSWORD, 'admin')).token;
    const m = await makeMember(s, admin, 'u3');
    const { token } = await login(s, 'u3', 'u3-pw', 'p-u3');
    assert.equal((await s.json('GET', LBS, undefined, tok(token))).status, 200);
    assert.equal(
      (await s.request('DELETE', `${ID}/users/${m.userId}`, undefined, tok(admin))).statusCode,
      204,
    );
    assert.equal((await s.json('GET', LBS, undefined, tok(token))).status, 401);
  }));

test('identity: writes need admin (member → 403); members read only their own user and project', () =>
  withKeystone(async (s) => {
    const admin = (await login(s, 'admin', ADMIN_PASSWORD, 'admin')).token;
    const m = await makeMember(s, admin, 'u4', 'member');
    const h = tok((await login(s, 'u4', 'u4-pw', 'p-u4')).token);
    assert.deepEqual(await s.json('POST', `${ID}/projects`, { project: { name: 'x' } }, h), {
      status: 403,
      body: keystoneError(
        403,
        'Forbidden',
        'You are not authorized to perform the requested action: identity:create_project.',
      ),
    });
    assert.equal((await s.json('POST', `${ID}/users`, { user: { name: 'x' } }, h)).status, 403);
    assert.equal((await s.json('POST', `${ID}/roles`, { role: { name: 'x' } }, h)).status, 403);
    assert.equal(
      (
        await s.request(
          'PUT',
          `${ID}/projects/${m.projectId}/users/${m.userId}/roles/${m.roleId}`,
          undefined,
          h,
        )
      ).statusCode,
      403,
    );
    assert.equal(
      (await s.json('PATCH', `${ID}/users/${m.userId}`, { user: { password: 'x' } }, h)).status,
      403,
    );
    assert.equal((await s.json('GET', `${ID}/projects`, undefined, h)).status, 403);
    assert.equal((await s.json('GET', `${ID}/users`, undefined, h)).status, 403);
    assert.equal((await s.json('GET', `${ID}/projects/${m.projectId}`, undefined, h)).status, 200);
    assert.equal((await s.json('GET', `${ID}/users/${m.userId}`, undefined, h)).status, 200);
    const adminUser = (await s.json('GET', `${ID}/users?name=admin`, undefined, tok(admin))).body[
      'users'
    ] as { id: string }[];
    assert.equal((await s.json('GET', `${ID}/users/${adminUser[0]?.id ?? ''}`, undefined, h)).status, 403);
    assert.equal((await s.json('GET', `${ID}/roles`, undefined, h)).status, 200);
  }));

test('LB API under keystone: no token → keystonemiddleware 401; member sees only its project; other LB → 403', () =>
  withKeystone(async (s) => {
    const noToken = await s.request('GET', LBS);
    assert.equal(noToken.statusCode, 401);
    assert.deepEqual(JSON.parse(noToken.body), UNAUTHORIZED);
    assert.equal(noToken.headers['www-authenticate'], 'Keystone uri="http://localhost:80/identity"');
    assert.equal((await s.json('GET', LBS, undefined, tok('garbage'))).status, 401);
    assert.equal((await s.json('GET', '/agent/v1/agents/x/assignments')).status, 401);
    assert.equal((await s.json('GET', '/network/v2.0/subnets')).status, 401);
    assert.equal((await s.json('GET', '/v2/lbaas/loadbalancers')).status, 401);
    for (const open of ['/healthz', '/load-balancer/', '/identity', '/identity/v3']) {
      assert.notEqual((await s.request('GET', open)).statusCode, 401, open);
    }
    // Octavia's noauth headers mean nothing under keystone.
    assert.equal(
      (await s.json('GET', LBS, undefined, { 'x-project-id': 'p', 'x-roles': 'admin' })).status,
      401,
    );

    const admin = (await login(s, 'admin', ADMIN_PASSWORD, 'admin')).token;
    const a = await makeMember(s, admin, 'ua');
    await makeMember(s, admin, 'ub');
    const ha = tok((await login(s, 'ua', 'ua-pw', 'p-ua')).token);
    const hb = tok((await login(s, 'ub', 'ub-pw', 'p-ub')).token);
    const subnets = await s.json('GET', '/network/v2.0/subnets?name=lbaas-loopback-subnet', undefined, ha);
    const subnetId = (subnets.body['subnets'] as { id: string }[])[0]?.id ?? '';
    const created = await s.json(
      'POST',
      LBS,
      { loadbalancer: { name: 'lb-a', vip_subnet_id: subnetId } },
      ha,
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const lb = created.body['loadbalancer'] as { id: string; project_id: string };
    assert.equal(lb.project_id, a.projectId);
    await s.settle();
    const listA = await s.json('GET', LBS, undefined, ha);
    assert.deepEqual(
      (listA.body['loadbalancers'] as { id: string }[]).map((x) => x.id),
      [lb.id],
    );
    const listB = await s.json('GET', LBS, undefined, hb);
    assert.deepEqual(listB.body['loadbalancers'], []);
    const other = await s.json('GET', `${LBS}/${lb.id}`, undefined, hb);
    assert.deepEqual(other, {
      status: 403,
      body: {
        faultcode: 'Client',
        faultstring: 'Policy does not allow this request to be performed.',
        debuginfo: null,
      },
    });
    const listAdmin = await s.json('GET', LBS, undefined, tok(admin));
    assert.deepEqual(
      (listAdmin.body['loadbalancers'] as { id: string }[]).map((x) => x.id),
      [lb.id],
    );
  }));
