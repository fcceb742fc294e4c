import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { CliError } from '../cli-error.js';
import { ApiError } from './api-error.js';
import type { CloudConfig } from './cloud-config.js';
import { createClient } from './create-client.js';
import { HttpApiClient } from './http-api-client.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}
type Reply = { status: number; headers?: Record<string, string>; body?: unknown };

/** A fake cloud: Keystone at /identity, Octavia at /load-balancer, Neutron at /network. */
let server: Server;
let base: string;
let seen: Seen[];
let validTokens: Set<string>;
let logins: number;
let expiresInMs: number;
let routes: Map<string, Reply>;

function catalogEntry(type: string, path: string): unknown {
  return {
    type,
    endpoints: [
      { interface: 'public', region: 'RegionOne', url: `${base}/${path}` },
      { interface: 'public', region: 'RegionTwo', url: `${base}/two/${path}` },
      { interface: 'internal', region: 'RegionOne', url: `${base}/internal/${path}` },
    ],
  };
}

function handle(req: IncomingMessage, text: string): Reply {
  const body: unknown = text === '' ? undefined : JSON.parse(text);
  seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
  const url = req.url ?? '';
  if (req.method === 'POST' && url === '/identity/v3/auth/tokens') {
    const password = (body as { auth: { identity: { password: { user: { password: string } } } } }).auth
      .identity.password.user.password;
    if (password !== 'secret') {
      return {
        status: 401,
        headers: { 'x-openstack-request-id': 'req-login' },
        body: {
          error: {
            code: 401,
            title: 'Unauthorized',
            message: 'The request you have made requires authentication.',
          },
        },
      };
    }
    logins++;
    const token = `tok-${logins}`;
    validTokens.add(token);
    return {
      status: 201,
      headers: { 'X-Subject-Token': token },
      body: {
        token: {
          expires_at: new Date(Date.now() + expiresInMs).toISOString(),
          project: { id: 'p-1' },
          user: { id: 'u-1' },
          catalog: [catalogEntry('load-balancer', 'load-balancer'), catalogEntry('network', 'network')],
        },
      },
    };
  }
  const token = req.headers['x-auth-token'];
  const route = routes.get(url.split('?')[0] ?? '');
  if (route) return route;
  if (typeof token !== 'string' || (!validTokens.has(token) && token !== 'fixed' && token !== 'notused')) {
    return {
      status: 401,
      body: { error: { message: 'The request you have made requires authentication.' } },
    };
  }
  return { status: 200, body: { path: url } };
}

before(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const reply = handle(req, text);
      res.writeHead(reply.status, {
        ...(reply.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...reply.headers,
      });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  seen = [];
  validTokens = new Set();
  logins = 0;
  expiresInMs = 3600_000;
  routes = new Map();
});

function passwordCfg(over: Partial<CloudConfig> = {}): CloudConfig {
  return {
    authMode: 'password',
    authUrl: `${base}/identity`,
    username: 'admin',
    password: 'secret',
    projectName: 'admin',
    userDomainName: 'Default',
    projectDomainName: 'Default',
    interface: 'public',
    ...over,
  };
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'lbaas-client-'));

function client(cfg: CloudConfig, cacheDir = tmp(), debug?: { write(s: string): unknown }): HttpApiClient {
  return new HttpApiClient(cfg, { tokenCacheDir: cacheDir, debug });
}

/** assert.rejects matcher: a CliError (or subclass) with exactly this message. */
const withMessage =
  (message: string) =>
  (err: unknown): boolean => {
    assert.ok(err instanceof CliError);
    assert.equal(err.message, message);
    return true;
  };

const paths = (): string[] => seen.map((s) => `${s.method} ${s.url}`);

test('password login: /v3 appended, scoped by name + domain, catalog endpoint of the interface and region', async () => {
  const c = client(passwordCfg({ regionName: 'RegionTwo' }));
  const body = await c.request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers', {
    query: [
      ['tags', 'a'],
      ['tags', 'b'],
    ],
  });
  assert.deepEqual(body, { path: '/two/load-balancer/v2.0/lbaas/loadbalancers?tags=a&tags=b' });
  assert.deepEqual(seen[0]?.body, {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: 'admin', domain: { name: 'Default' }, password: 'secret' } },
      },
      scope: { project: { name: 'admin', domain: { name: 'Default' } } },
    },
  });
  assert.equal(seen[0]?.url, '/identity/v3/auth/tokens');
  assert.equal(seen[1]?.headers['x-auth-token'], 'tok-1');
  assert.equal(seen[1]?.headers['accept'], 'application/json');
  assert.equal(seen[1]?.headers['user-agent'], 'lbaas-cli/0.1.0');
  assert.equal(await c.projectId(), 'p-1');
  await c.request('network', 'GET', '/v2.0/networks');
  assert.equal(seen.at(-1)?.url, '/two/network/v2.0/networks');
  assert.equal(logins, 1);
});

test('interface internal picks the internal endpoint; overrides beat the catalog; agent is the server root', async () => {
  const c = client(
    passwordCfg({
      authUrl: `${base}/identity/v3/`,
      interface: 'internal',
      networkEndpointOverride: `${base}/net/v2.0/`,
    }),
  );
  await c.request('load-balancer', 'POST', '/v2.0/lbaas/loadbalancers', { body: { loadbalancer: {} } });
  assert.equal(seen[0]?.url, '/identity/v3/auth/tokens');
  assert.equal(seen[1]?.url, '/internal/load-balancer/v2.0/lbaas/loadbalancers');
  assert.equal(seen[1]?.headers['content-type'], 'application/json');
  assert.equal(await c.serviceRoot('network'), `${base}/net`);
  assert.equal(await c.serviceRoot('agent'), `${base}/internal/agent/v1`);
  assert.equal(await c.serviceRoot('identity'), `${base}/identity/v3`);
});

test('a missing catalog entry is keystoneauth EndpointNotFound', async () => {
  const c = client(passwordCfg({ regionName: 'RegionNine' }));
  await assert.rejects(
    c.request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers'),
    withMessage('public endpoint for load-balancer service in RegionNine region not found'),
  );
});

test('the token is cached (0700 dir, 0600 file, no password) and reused by the next client', async () => {
  const dir = join(tmp(), 'tokens');
  await client(passwordCfg(), dir).request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers');
  const files = readdirSync(dir);
  assert.equal(files.length, 1);
  const file = join(dir, files[0] ?? '');
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const text = readFileSync(file, 'utf8');
  assert.ok(!text.includes('secret'));
  assert.deepEqual(Object.keys(JSON.parse(text) as object).sort(), [
    'catalog',
    'expires_at',
    'project_id',
    'token',
  ]);
  seen = [];
  const second = client(passwordCfg(), dir);
  await second.request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers');
  assert.deepEqual(paths(), ['GET /load-balancer/v2.0/lbaas/loadbalancers']);
  assert.equal(seen[0]?.headers['x-auth-token'], 'tok-1');
  assert.equal(await second.projectId(), 'p-1');
  // another user has another cache entry
  await client(passwordCfg({ username: 'other' }), dir).request(
    'load-balancer',
    'GET',
    '/v2.0/lbaas/loadbalancers',
  );
  assert.equal(logins, 2);
  assert.equal(readdirSync(dir).length, 2);
});

test('a token expiring within 30 s is not reused', async () => {
  const dir = tmp();
  expiresInMs = 20_000;
  await client(passwordCfg(), dir).request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers');
  await client(passwordCfg(), dir).request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers');
  assert.equal(logins, 2);
});

test('a 401 on a cached token drops it, logs in again once and retries', async () => {
  const dir = tmp();
  await client(passwordCfg(), dir).request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers');
  validTokens.clear(); // the server forgot its tokens (restarted)
  seen = [];
  const body = await client(passwordCfg(), dir).request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers');
  assert.deepEqual(body, { path: '/load-balancer/v2.0/lbaas/loadbalancers' });
  assert.deepEqual(paths(), [
    'GET /load-balancer/v2.0/lbaas/loadbalancers',
    'POST /identity/v3/auth/tokens',
    'GET /load-balancer/v2.0/lbaas/loadbalancers',
  ]);
  assert.equal(seen[2]?.headers['x-auth-token'], 'tok-2');
  const cached = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0] ?? ''), 'utf8')) as { token: string };
  assert.equal(cached.token, 'tok-2');
});

test('a 401 on a fresh token is an error (no loop)', async () => {
  routes.set('/load-balancer/v2.0/lbaas/loadbalancers', {
    status: 401,
    body: { error: { message: 'The request you have made requires authentication.' } },
  });
  await assert.rejects(
    client(passwordCfg()).request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers'),
    (err: unknown) => err instanceof ApiError && err.status === 401,
  );
  assert.equal(logins, 1);
});

test('a corrupt cache file is ignored and replaced', async () => {
  const dir = tmp();
  const c = client(passwordCfg(), dir);
  await c.request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers');
  const file = join(dir, readdirSync(dir)[0] ?? '');
  writeFileSync(file, '{not json');
  await client(passwordCfg(), dir).request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers');
  assert.equal(logins, 2);
  assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { token: string }).token, 'tok-2');
});

test('a wrong password is Keystone 401 text with the request id', async () => {
  await assert.rejects(
    client(passwordCfg({ password: 'wrong' })).request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers'),
    withMessage('The request you have made requires authentication. (HTTP 401) (Request-ID: req-login)'),
  );
});

test('token mode sends the token to --os-endpoint; network falls back to it; no Keystone call', async () => {
  const c = client({
    authMode: 'token',
    token: 'fixed',
    endpoint: `${base}/load-balancer/`,
    interface: 'public',
  });
  await c.request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers');
  await c.request('network', 'GET', '/v2.0/subnets');
  await c.request('agent', 'GET', '/agents');
  assert.deepEqual(paths(), [
    'GET /load-balancer/v2.0/lbaas/loadbalancers',
    'GET /load-balancer/v2.0/subnets',
    'GET /agent/v1/agents',
  ]);
  assert.ok(seen.every((s) => s.headers['x-auth-token'] === 'fixed'));
  assert.equal(await c.projectId(), undefined);
  await assert.rejects(c.request('identity', 'GET', '/projects'), /No identity service/);
});

test('none mode sends osc "notused"; network_endpoint_override is honoured', async () => {
  routes.set('/load-balancer/v2.0/lbaas/loadbalancers', { status: 200, body: { loadbalancers: [] } });
  routes.set('/network/v2.0/networks', { status: 200, body: { networks: [] } });
  const c = client({
    authMode: 'none',
    endpoint: `${base}/load-balancer/v2.0`,
    networkEndpointOverride: `${base}/network`,
    interface: 'public',
  });
  assert.deepEqual(await c.request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers'), {
    loadbalancers: [],
  });
  assert.deepEqual(await c.request('network', 'GET', '/v2.0/networks'), { networks: [] });
  assert.deepEqual(
    seen.map((s) => [s.url, s.headers['x-auth-token']]),
    [
      ['/load-balancer/v2.0/lbaas/loadbalancers', 'notused'],
      ['/network/v2.0/networks', 'notused'],
    ],
  );
});

test('faults: Octavia faultstring, NeutronError message, default texts, requestOptional 404', async () => {
  routes.set('/load-balancer/v2.0/lbaas/loadbalancers/x', {
    status: 404,
    headers: { 'x-openstack-request-id': 'req-1' },
    body: { faultcode: 'Client', faultstring: 'Load Balancer x not found.', debuginfo: null },
  });
  routes.set('/load-balancer/v2.0/subnets/x', {
    status: 404,
    body: { NeutronError: { type: 'SubnetNotFound', message: 'Subnet x could not be found.', detail: '' } },
  });
  routes.set('/load-balancer/v2.0/lbaas/conflict', { status: 409 });
  routes.set('/load-balancer/v2.0/lbaas/limit', { status: 413, body: { code: 413, title: 'Too large' } });
  routes.set('/load-balancer/v2.0/lbaas/teapot', { status: 418 });
  routes.set('/load-balancer/v2.0/lbaas/empty', { status: 204 });
  const c = client({ authMode: 'none', endpoint: `${base}/load-balancer`, interface: 'public' });
  await assert.rejects(
    c.request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers/x'),
    (err: unknown) =>
      err instanceof ApiError &&
      err.message === 'Load Balancer x not found. (HTTP 404) (Request-ID: req-1)' &&
      err.detail === 'Load Balancer x not found.' &&
      err.status === 404,
  );
  assert.equal(await c.requestOptional('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers/x'), undefined);
  await assert.rejects(
    c.request('network', 'GET', '/v2.0/subnets/x'),
    withMessage('Subnet x could not be found. (HTTP 404)'),
  );
  await assert.rejects(
    c.request('load-balancer', 'PUT', '/v2.0/lbaas/conflict'),
    withMessage('Conflict (HTTP 409)'),
  );
  await assert.rejects(
    c.request('load-balancer', 'PUT', '/v2.0/lbaas/limit'),
    withMessage('Over Limit (HTTP 413)'),
  );
  await assert.rejects(
    c.requestOptional('load-balancer', 'GET', '/v2.0/lbaas/teapot'),
    withMessage('Unknown Error (HTTP 418)'),
  );
  assert.equal(await c.request('load-balancer', 'DELETE', '/v2.0/lbaas/empty'), undefined);
});

test('connection refused is keystoneauth "Unable to establish connection"', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const c = client({
    authMode: 'none',
    endpoint: `http://127.0.0.1:${port}/load-balancer`,
    interface: 'public',
  });
  await assert.rejects(
    c.request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers'),
    (err: unknown) =>
      err instanceof CliError &&
      err.message.startsWith(
        `Unable to establish connection to http://127.0.0.1:${port}/load-balancer/v2.0/lbaas/loadbalancers: `,
      ) &&
      err.message.includes('ECONNREFUSED'),
  );
});

test('--debug prints curl-style requests and responses with the password and tokens masked', async () => {
  let out = '';
  const c = client(passwordCfg(), tmp(), { write: (s: string) => (out += s) });
  await c.request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers', { query: [['name', 'lb1']] });
  const hash = (t: string): string => `{SHA256}${createHash('sha256').update(t).digest('hex')}`;
  assert.ok(!out.includes('secret'), out);
  assert.ok(!out.includes('tok-1'), out);
  assert.match(
    out,
    /REQ: curl -g -i -X POST http:\/\/127\.0\.0\.1:\d+\/identity\/v3\/auth\/tokens -H "Accept: application\/json"/,
  );
  assert.ok(out.includes('"user":{"name":"admin","domain":{"name":"Default"},"password":"***"}'), out);
  assert.ok(out.includes(`x-subject-token: ${hash('tok-1')}`));
  assert.ok(out.includes('"catalog":"<removed>"'));
  assert.ok(out.includes(`-X GET "${base}/load-balancer/v2.0/lbaas/loadbalancers?name=lb1"`));
  assert.ok(out.includes(`-H "X-Auth-Token: ${hash('tok-1')}"`));
  assert.match(out, /RESP: \[201\] /);
  assert.match(out, /RESP: \[200\] .*content-type: application\/json/);
  assert.ok(out.includes('RESP BODY: {"path":"/load-balancer/v2.0/lbaas/loadbalancers?name=lb1"}'));
});

test('createClient resolves the config, is lazy, and only logs with --debug', async () => {
  const home = tmp();
  let out = '';
  const io = { stderr: { write: (s: string) => (out += s) }, cwd: home };
  const env = { HOME: home, XDG_CACHE_HOME: join(home, 'cache') };
  const c = await createClient(
    { osAuthUrl: `${base}/identity/v3`, osUsername: 'admin', osPassword: 'secret', osProjectName: 'admin' },
    env,
    io,
  );
  assert.equal(seen.length, 0);
  await c.request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers');
  assert.equal(out, '');
  assert.ok(existsSync(join(home, 'cache', 'lbaas', 'tokens')));
  // osc's default domain ids
  assert.deepEqual((seen[0]?.body as { auth: { scope: unknown } }).auth.scope, {
    project: { name: 'admin', domain: { id: 'default' } },
  });
  const d = await createClient(
    { osAuthType: 'none', osEndpoint: `${base}/load-balancer`, debug: true },
    env,
    io,
  );
  await d.request('load-balancer', 'GET', '/v2.0/lbaas/loadbalancers');
  assert.match(out, /^REQ: curl/);
});
