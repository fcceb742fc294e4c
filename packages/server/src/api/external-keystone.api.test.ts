// Keystone auth against an EXTERNAL Keystone: server 1 (built-in identity, listening on a loopback port)
// is that Keystone; server 2 (`keystone: { url }`) validates every token at server 1 with a service token.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import type { ExternalKeystoneConfig } from '../config/keystone-config.js';
import type { IdentityService } from '../identity/identity.service.js';
import { TestServer } from '../test-support/test-server.js';
import { API, arr, expectFault, expectStatus, obj, str } from './api-fixtures.js';
import {
  ADMIN_PASSWORD,
  AGENT_PASSWORD,
  ID,
  keystoneError,
  login,
  makeMember,
  tok,
} from './identity-fixtures.js';

const SVC_USER = 'lbaas-svc';
const SVC_PASSWORD = 'svc-secret-pw';
const UNAUTHORIZED = keystoneError(401, 'Unauthorized', 'The request you have made requires authentication.');
const UNAVAILABLE = 'The Keystone service is temporarily unavailable.';

let s1: TestServer;
let s1Url: string;
let s1Closed = false;
/** Server 2 with a 1 s cache (revocation), and one with a long cache (counting validations). */
let s2: TestServer;
let s2Cached: TestServer;
let adminToken: string;
let alice: { projectId: string; userId: string };
let bob: { projectId: string; userId: string };
/** Validations at server 1 per subject token (the service token's own checks are not counted). */
const validations = new Map<string, number>();
/** Logins of the service user at server 1. */
let serviceLogins = 0;

function keystoneConfig(over: Partial<ExternalKeystoneConfig> = {}): ExternalKeystoneConfig {
  return {
    url: `${s1Url}/identity/v3`,
    username: SVC_USER,
    password: SVC_PASSWORD,
    projectName: 'service',
    userDomainName: 'Default',
    projectDomainName: 'Default',
    cacheTtlS: 1,
    ...over,
  };
}

/** Counts what server 1's identity service is asked, by wrapping the instance's methods. */
function countCalls(identity: IdentityService): void {
  const validate = identity.validate.bind(identity);
  identity.validate = async (token) => {
    validations.set(token, (validations.get(token) ?? 0) + 1);
    return validate(token);
  };
  const issue = identity.issue.bind(identity);
  identity.issue = async (body) => {
    if (body.auth.identity.password?.user.name === SVC_USER) serviceLogins += 1;
    return issue(body);
  };
}

before(async () => {
  s1 = await TestServer.start({
    config: { auth: 'keystone', adminPassword: ADMIN_PASSWORD, agentPassword: AGENT_PASSWORD },
  });
  s1Url = await s1.handle.app.listen({ host: '127.0.0.1', port: 0 });
  const identity = s1.handle.identity?.service;
  assert.ok(identity);
  countCalls(identity);
  adminToken = (await login(s1, 'admin', ADMIN_PASSWORD, 'admin')).token;
  // The service user: role `service` on project service (what keystonemiddleware's user needs).
  const h = tok(adminToken);
  const service = await s1.json('GET', `${ID}/projects?name=service`, undefined, h);
  const serviceProject = str(arr(expectStatus(service, 200), 'projects')[0] ?? {}, 'id');
  const user = await s1.json(
    'POST',
    `${ID}/users`,
    { user: { name: SVC_USER, password: SVC_PASSWORD, default_project_id: serviceProject } },
    h,
  );
  const svcUserId = str(obj(expectStatus(user, 201), 'user'), 'id');
  const roles = await s1.json('GET', `${ID}/roles?name=service`, undefined, h);
  const roleId = str(arr(expectStatus(roles, 200), 'roles')[0] ?? {}, 'id');
  const grant = await s1.request(
    'PUT',
    `${ID}/projects/${serviceProject}/users/${svcUserId}/roles/${roleId}`,
    undefined,
    h,
  );
  assert.equal(grant.statusCode, 204, grant.body);
  alice = await makeMember(s1, adminToken, 'alice');
  bob = await makeMember(s1, adminToken, 'bob');
  s2 = await TestServer.start({ config: { auth: 'keystone', keystone: keystoneConfig() } });
  s2Cached = await TestServer.start({
    config: { auth: 'keystone', keystone: keystoneConfig({ cacheTtlS: 300 }) },
  });
});

after(async () => {
  await s2?.close();
  await s2Cached?.close();
  if (!s1Closed) await s1?.close();
});

async function subnetId(s: TestServer, token: string): Promise<string> {
  const res = await s.json('GET', '/network/v2.0/subnets?name=lbaas-loopback-subnet', undefined, tok(token));
  return str(arr(expectStatus(res, 200), 'subnets')[0] ?? {}, 'id');
}

async function pollStatus(fn: () => Promise<number>, want: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const status = await fn();
    if (status === want) return;
    if (Date.now() > deadline) assert.fail(`still ${status}, wanted ${want}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('external keystone: a member token of server 1 creates and lists load balancers on server 2, scoped to its project; another project → 403', async () => {
  const a = (await login(s1, 'alice', 'alice-pw', 'p-alice')).token;
  const b = (await login(s1, 'bob', 'bob-pw', 'p-bob')).token;
  const created = await s2.json(
    'POST',
    `${API}/loadbalancers`,
    { loadbalancer: { name: 'lb-a', vip_subnet_id: await subnetId(s2, a) } },
    tok(a),
  );
  const lb = obj(expectStatus(created, 201), 'loadbalancer');
  assert.equal(lb['project_id'], alice.projectId);
  const listed = arr(
    expectStatus(await s2.json('GET', `${API}/loadbalancers`, undefined, tok(a)), 200),
    'loadbalancers',
  );
  assert.deepEqual(
    listed.map((l) => l['name']),
    ['lb-a'],
  );
  const other = arr(
    expectStatus(await s2.json('GET', `${API}/loadbalancers`, undefined, tok(b)), 200),
    'loadbalancers',
  );
  assert.deepEqual(other, []);
  expectFault(
    await s2.json('GET', `${API}/loadbalancers/${str(lb, 'id')}`, undefined, tok(b)),
    403,
    'Policy does not allow this request to be performed.',
  );
  const bobs = await s2.json('GET', `${API}/loadbalancers?project_id=${alice.projectId}`, undefined, tok(b));
  assert.equal(bobs.status, 403);
  assert.notEqual(bob.projectId, alice.projectId);
});

test('external keystone: garbage or missing token → 401 with keystonemiddleware body and WWW-Authenticate at server 1', async () => {
  for (const headers of [tok('garbage-token'), {}]) {
    const res = await s2.request('GET', `${API}/loadbalancers`, undefined, headers);
    assert.equal(res.statusCode, 401);
    assert.deepEqual(JSON.parse(res.body), UNAUTHORIZED);
    assert.equal(res.headers['www-authenticate'], `Keystone uri="${s1Url}/identity"`);
  }
  // Open requests stay open, with or without a token.
  assert.equal((await s2.request('GET', '/healthz', undefined, tok('garbage-token'))).statusCode, 200);
  assert.equal((await s2.request('GET', '/load-balancer/')).statusCode, 200);
});

test('external keystone: server 2 serves no identity API (404) and bootstrapped nothing', async () => {
  for (const [method, url] of [
    ['GET', '/identity'],
    ['GET', '/identity/v3'],
    ['POST', '/identity/v3/auth/tokens'],
  ] as const) {
    const res = await s2.request(method, url, method === 'POST' ? {} : undefined);
    assert.equal(res.statusCode, 404, `${method} ${url}`);
  }
  assert.equal(s2.handle.identity, undefined);
  assert.equal(s2.handle.externalKeystone?.url, `${s1Url}/identity/v3`);
  const users = await s2.handle.store.read((tx) => tx.identity.users.list({}));
  assert.deepEqual(users, []);
});

test('external keystone: one validation per token within the cache TTL (concurrent and sequential requests)', async () => {
  const a = (await login(s1, 'alice', 'alice-pw', 'p-alice')).token;
  const statuses = await Promise.all(
    Array.from({ length: 5 }, () => s2Cached.request('GET', `${API}/loadbalancers`, undefined, tok(a))),
  );
  for (let i = 0; i < 5; i++) {
    const res = await s2Cached.request('GET', `${API}/loadbalancers`, undefined, tok(a));
    statuses.push(res);
  }
  assert.deepEqual(
    statuses.map((r) => r.statusCode),
    Array.from({ length: 10 }, () => 200),
  );
  assert.equal(validations.get(a), 1);
  // Invalid results are cached too.
  for (let i = 0; i < 3; i++)
    assert.equal(
      (await s2Cached.request('GET', `${API}/loadbalancers`, undefined, tok('nope-1'))).statusCode,
      401,
    );
  assert.equal(validations.get('nope-1'), 1);
});

test('external keystone: a token revoked on server 1 stops working on server 2 within the cache TTL', async () => {
  const a = (await login(s1, 'alice', 'alice-pw', 'p-alice')).token;
  const get = async (): Promise<number> =>
    (await s2.request('GET', `${API}/loadbalancers`, undefined, tok(a))).statusCode;
  assert.equal(await get(), 200);
  const revoke = await s1.request('DELETE', `${ID}/auth/tokens`, undefined, {
    ...tok(a),
    'x-subject-token': a,
  });
  assert.equal(revoke.statusCode, 204, revoke.body);
  await pollStatus(get, 401);
});

test('external keystone: the service token is acquired again after server 1 revokes it', async () => {
  const before = serviceLogins;
  await s1.handle.store.write(async (tx) => {
    const user = (await tx.identity.users.list({ name: SVC_USER }))[0];
    assert.ok(user);
    await tx.identity.tokens.removeWhere({ user_id: user.id });
  });
  const a = (await login(s1, 'alice', 'alice-pw', 'p-alice')).token;
  const res = await s2.request('GET', `${API}/loadbalancers`, undefined, tok(a));
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(serviceLogins, before + 1);
});

test('external keystone: wrong service credentials → 503 fault, never 500, never let through', async () => {
  const bad = await TestServer.start({
    config: { auth: 'keystone', keystone: keystoneConfig({ password: 'wrong' }) },
  });
  try {
    const a = (await login(s1, 'alice', 'alice-pw', 'p-alice')).token;
    expectFault(await bad.json('GET', `${API}/loadbalancers`, undefined, tok(a)), 503, UNAVAILABLE);
  } finally {
    await bad.close();
  }
});

test('external keystone: nothing listening at the Keystone URL → 503 fault; open requests still answer', async () => {
  const port = await new Promise<number>((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
  const down = await TestServer.start({
    config: { auth: 'keystone', keystone: keystoneConfig({ url: `http://127.0.0.1:${port}/v3` }) },
  });
  try {
    const res = await down.json('GET', `${API}/loadbalancers`, undefined, tok('any-token'));
    assert.deepEqual(res, {
      status: 503,
      body: { faultcode: 'Server', faultstring: UNAVAILABLE, debuginfo: null },
    });
    assert.equal((await down.request('GET', '/healthz', undefined, tok('any-token'))).statusCode, 200);
    // No token at all needs no Keystone: still the 401.
    assert.equal((await down.request('GET', `${API}/loadbalancers`)).statusCode, 401);
  } finally {
    await down.close();
  }
});

test('external keystone: server 1 stopped → server 2 answers 503 with an Octavia fault (last: stops server 1)', async () => {
  const a = (await login(s1, 'alice', 'alice-pw', 'p-alice')).token;
  s1Closed = true;
  await s1.close();
  const res = await s2.json('GET', `${API}/loadbalancers`, undefined, tok(a));
  assert.deepEqual(res, {
    status: 503,
    body: { faultcode: 'Server', faultstring: UNAVAILABLE, debuginfo: null },
  });
});
