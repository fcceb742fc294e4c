import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ADMIN_PASSWORD,
  ID,
  keystoneError,
  login,
  passwordAuth,
  tok,
  withKeystone,
} from './identity-fixtures.js';

const HOST = 'http://localhost:80';
const VERSION = {
  id: 'v3.14',
  status: 'stable',
  updated: '2020-04-07T00:00:00Z',
  links: [{ rel: 'self', href: `${HOST}/identity/v3/` }],
  'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
};
const UNAUTHORIZED = keystoneError(401, 'Unauthorized', 'The request you have made requires authentication.');

test('identity: version documents (300 list at /identity, 200 at /identity/v3 and /identity/v3/)', () =>
  withKeystone(async (s) => {
    assert.deepEqual(await s.json('GET', '/identity'), {
      status: 300,
      body: { versions: { values: [VERSION] } },
    });
    assert.deepEqual(await s.json('GET', '/identity/'), {
      status: 300,
      body: { versions: { values: [VERSION] } },
    });
    assert.deepEqual(await s.json('GET', '/identity/v3'), { status: 200, body: { version: VERSION } });
    assert.deepEqual(await s.json('GET', '/identity/v3/'), { status: 200, body: { version: VERSION } });
  }));

test('identity: LBAAS_PUBLIC_URL replaces the Host-derived URL in links and the catalog', () =>
  withKeystone(
    async (s) => {
      const v = await s.json('GET', '/identity/v3');
      assert.deepEqual((v.body['version'] as { links: unknown }).links, [
        { rel: 'self', href: 'https://lb.example.com/identity/v3/' },
      ]);
      const { body } = await login(s, 'admin', ADMIN_PASSWORD, 'admin');
      const catalog = (body['token'] as { catalog: { endpoints: { url: string; region: string }[] }[] })
        .catalog;
      assert.equal(catalog[0]?.endpoints[0]?.url, 'https://lb.example.com/identity');
      assert.equal(catalog[0]?.endpoints[0]?.region, 'RegionTwo');
    },
    { publicUrl: 'https://lb.example.com/', region: 'RegionTwo' },
  ));

test('identity: password token (by name + domain name) → 201, X-Subject-Token, full body with catalog', () =>
  withKeystone(async (s) => {
    const res = await s.request('POST', `${ID}/auth/tokens`, passwordAuth('admin', ADMIN_PASSWORD, 'admin'));
    assert.equal(res.statusCode, 201);
    const token = res.headers['x-subject-token'] as string;
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const body = JSON.parse(res.body) as { token: Record<string, unknown> };
    const t = body.token;
    assert.match(t['expires_at'] as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    assert.match(t['issued_at'] as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const ttl = Date.parse(t['expires_at'] as string) - Date.parse(t['issued_at'] as string);
    assert.equal(ttl, 3600_000);
    assert.deepEqual(t['methods'], ['password']);
    const user = t['user'] as Record<string, unknown>;
    assert.equal(user['name'], 'admin');
    assert.deepEqual(user['domain'], { id: 'default', name: 'Default' });
    const project = t['project'] as Record<string, unknown>;
    assert.equal(project['name'], 'admin');
    assert.deepEqual(project['domain'], { id: 'default', name: 'Default' });
    assert.deepEqual((t['roles'] as { name: string }[]).map((r) => r.name).sort(), [
      'admin',
      'member',
      'reader',
    ]);
    const catalog = t['catalog'] as {
      type: string;
      endpoints: { interface: string; url: string; region: string }[];
    }[];
    assert.deepEqual(
      catalog.map((c) => [c.type, c.endpoints.map((e) => `${e.interface} ${e.region} ${e.url}`)]),
      [
        ['identity', 'public internal admin'.split(' ').map((i) => `${i} RegionOne ${HOST}/identity`)],
        [
          'load-balancer',
          'public internal admin'.split(' ').map((i) => `${i} RegionOne ${HOST}/load-balancer`),
        ],
        ['network', 'public internal admin'.split(' ').map((i) => `${i} RegionOne ${HOST}/network`)],
        ['key-manager', 'public internal admin'.split(' ').map((i) => `${i} RegionOne ${HOST}/key-manager`)],
      ],
    );
    assert.doesNotMatch(res.body, /secret|scrypt/);
  }));

test('identity: scoping by ids (user id, project id) and by domain id works too', () =>
  withKeystone(async (s) => {
    const { body } = await login(s, 'admin', ADMIN_PASSWORD, 'admin');
    const t = body['token'] as { user: { id: string }; project: { id: string } };
    const byId = await s.request('POST', `${ID}/auth/tokens`, {
      auth: {
        identity: { methods: ['password'], password: { user: { id: t.user.id, password: ADMIN_PASSWORD } } },
        scope: { project: { id: t.project.id } },
      },
    });
    assert.equal(byId.statusCode, 201, byId.body);
    const byDomainId = await s.request('POST', `${ID}/auth/tokens`, {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'admin', domain: { id: 'default' }, password: ADMIN_PASSWORD } },
        },
        scope: { project: { name: 'admin', domain: { id: 'default' } } },
      },
    });
    assert.equal(byDomainId.statusCode, 201, byDomainId.body);
    // Unscoped: the user's default project (admin's is `admin`).
    const unscoped = await s.request('POST', `${ID}/auth/tokens`, {
      auth: {
        identity: { methods: ['password'], password: { user: { id: t.user.id, password: ADMIN_PASSWORD } } },
      },
    });
    assert.equal(unscoped.statusCode, 201, unscoped.body);
  }));

test('identity: wrong password, unknown user, unknown project, no role on project → the same 401', () =>
  withKeystone(async (s) => {
    for (const body of [
      passwordAuth('admin', 'wrong', 'admin'),
      passwordAuth('nobody', ADMIN_PASSWORD, 'admin'),
      passwordAuth('admin', ADMIN_PASSWORD, 'no-such-project'),
      passwordAuth('admin', ADMIN_PASSWORD, 'service'),
    ]) {
      const res = await s.json('POST', `${ID}/auth/tokens`, body);
      assert.deepEqual(res, { status: 401, body: UNAUTHORIZED });
    }
  }));

test('identity: malformed auth body → Keystone 400 that never echoes the password', () =>
  withKeystone(async (s) => {
    const res = await s.json('POST', `${ID}/auth/tokens`, {
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'admin', password: 12345678 } } },
      },
    });
    assert.equal(res.status, 400);
    const error = res.body['error'] as { code: number; title: string; message: string };
    assert.equal(error.code, 400);
    assert.equal(error.title, 'Bad Request');
    assert.match(error.message, /auth\.identity\.password\.user\.password/);
    assert.doesNotMatch(error.message, /12345678/);
  }));

test('identity: validate (GET + HEAD) and revoke (DELETE) a token; a revoked token is 401 on the LB API', () =>
  withKeystone(async (s) => {
    const admin = await login(s, 'admin', ADMIN_PASSWORD, 'admin');
    const other = await login(s, 'admin', ADMIN_PASSWORD, 'admin');
    const check = await s.request('GET', `${ID}/auth/tokens`, undefined, {
      ...tok(admin.token),
      'x-subject-token': other.token,
    });
    assert.equal(check.statusCode, 200);
    assert.equal(check.headers['x-subject-token'], other.token);
    assert.deepEqual(
      (JSON.parse(check.body) as { token: { user: unknown } }).token.user,
      (other.body['token'] as { user: unknown }).user,
    );
    const head = await s.request('HEAD', `${ID}/auth/tokens`, undefined, {
      ...tok(admin.token),
      'x-subject-token': other.token,
    });
    assert.equal(head.statusCode, 200);
    const bogus = await s.json('GET', `${ID}/auth/tokens`, undefined, {
      ...tok(admin.token),
      'x-subject-token': 'nope',
    });
    assert.deepEqual(bogus, {
      status: 404,
      body: keystoneError(404, 'Not Found', 'Failed to validate token'),
    });
    const noCaller = await s.json('GET', `${ID}/auth/tokens`, undefined, { 'x-subject-token': other.token });
    assert.deepEqual(noCaller, { status: 401, body: UNAUTHORIZED });

    assert.equal(
      (await s.json('GET', '/load-balancer/v2.0/lbaas/loadbalancers', undefined, tok(other.token))).status,
      200,
    );
    const del = await s.request('DELETE', `${ID}/auth/tokens`, undefined, {
      ...tok(admin.token),
      'x-subject-token': other.token,
    });
    assert.equal(del.statusCode, 204);
    assert.deepEqual(
      await s.json('GET', '/load-balancer/v2.0/lbaas/loadbalancers', undefined, tok(other.token)),
      {
        status: 401,
        body: UNAUTHORIZED,
      },
    );
    const again = await s.json('GET', `${ID}/auth/tokens`, undefined, {
      ...tok(admin.token),
      'x-subject-token': other.token,
    });
    assert.equal(again.status, 404);
  }));

test('identity: an expired token is refused', () =>
  withKeystone(async (s) => {
    const { token } = await login(s, 'admin', ADMIN_PASSWORD, 'admin');
    // Expire it by rewriting its row: the store keeps only the hash, so go through the repository.
    await s.handle.store.write(async (tx) => {
      const { tokenHash } = await import('../identity/identity.service.js');
      const row = await tx.identity.tokens.get(tokenHash(token));
      assert.ok(row);
      await tx.identity.tokens.remove(row.hash);
      await tx.identity.tokens.insert({ ...row, expires_at_ms: Date.now() - 1 });
    });
    assert.equal(
      (await s.json('GET', '/load-balancer/v2.0/lbaas/loadbalancers', undefined, tok(token))).status,
      401,
    );
  }));
