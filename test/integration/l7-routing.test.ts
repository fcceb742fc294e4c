import assert from 'node:assert/strict';
import { request } from 'node:http';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import {
  freePort,
  killRecordedMaster,
  realApplier,
  sha256,
  skipWithoutHaproxy,
  startBackend,
  tempDir,
} from '../../packages/agent/src/test-support/haproxy-test-kit.js';
import type { L7PolicyRecord, L7RuleRecord } from '../../packages/core/src/model/records.js';
import {
  LB,
  desired,
  lb,
  listener,
  member,
  policy,
  pool,
  rule,
  uuid,
} from '../../packages/core/src/render/render-fixtures.js';
import { renderHaproxyConfig } from '../../packages/core/src/render/render-haproxy-config.js';

// Real traffic through a real HAProxy 2.6 running the renderer's L7 output on 127.0.0.1: rules route to the
// right pools, redirects answer with their code and Location, REJECT is a 403, `invert` negates, hostile
// values match literally, and `position` decides between policies of different action kinds.

const skip = skipWithoutHaproxy();

interface Reply {
  status: number;
  location: string | undefined;
  body: string;
}

interface Fixture {
  apply(policies: L7PolicyRecord[], rules: L7RuleRecord[]): Promise<void>;
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
}

/** One request on a fresh connection (bounded by a timeout). */
function send(port: number, path: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false, timeout: 3_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** Backends a/b/c behind pools 1/2/3, listener 1 (default pool 1) on a free loopback port. */
async function fixture(t: TestContext): Promise<Fixture> {
  const base = await tempDir();
  const dir = join(base.path, LB);
  const backends = [await startBackend('a'), await startBackend('b'), await startBackend('c')];
  const port = await freePort();
  const applier = realApplier(base.path);
  t.after(async () => {
    await applier.remove(LB).catch(() => undefined);
    await killRecordedMaster(dir);
    await Promise.all(backends.map((b) => b.close()));
    await base.remove();
  });
  let revision = 0;
  return {
    async apply(policies, rules) {
      const state = desired({
        loadBalancer: lb({ vip_address: '127.0.0.1' }),
        listeners: [listener(1, { protocol_port: port })],
        pools: [pool(1), pool(2), pool(3)],
        members: backends.map((b, i) =>
          member(i + 1, { pool_id: uuid('p', i + 1), address: '127.0.0.1', protocol_port: b.port }),
        ),
        l7Policies: policies,
        l7Rules: rules,
      });
      const haproxyCfg = renderHaproxyConfig(state, { runDir: dir, maxconn: 1000 });
      revision++;
      await applier.apply({ loadBalancerId: LB, revision, hash: sha256(haproxyCfg), haproxyCfg });
    },
    get: (path, headers = {}) => send(port, path, { host: 'app.example.com', ...headers }),
  };
}

/** Polls (bounded) until `path` answers `expected` status: the freshly reloaded worker serves. */
async function settle(f: Fixture, path: string, expected: number, headers = {}): Promise<void> {
  let last: Reply | undefined;
  for (let i = 0; i < 50; i++) {
    last = await f.get(path, headers).catch(() => undefined);
    if (last?.status === expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${path} never answered ${expected}; last ${JSON.stringify(last)}`);
}

test('rules of every kind route, redirect and reject real requests', { skip }, async (t) => {
  const f = await fixture(t);
  await f.apply(
    [
      policy(1, { action: 'REJECT' }),
      policy(2, {
        action: 'REDIRECT_TO_URL',
        redirect_url: 'https://new.example/a%20b?x=$HOME',
        redirect_http_code: 301,
      }),
      policy(3, { action: 'REDIRECT_PREFIX', redirect_prefix: 'https://p.example', redirect_http_code: 308 }),
      policy(4, { action: 'REDIRECT_TO_POOL', redirect_pool_id: uuid('p', 2) }),
      policy(5, { action: 'REDIRECT_TO_POOL', redirect_pool_id: uuid('p', 3) }),
      policy(6, { action: 'REDIRECT_TO_POOL', redirect_pool_id: uuid('p', 2) }),
      policy(7, { action: 'REJECT' }),
      policy(8, { action: 'REDIRECT_TO_POOL', redirect_pool_id: uuid('p', 3) }),
      policy(9, { action: 'REDIRECT_TO_URL', redirect_url: 'https://hash.example/' }),
    ],
    [
      // 1: /admin without the admin cookie is rejected (invert).
      rule(1, 1, { type: 'PATH', compare_type: 'STARTS_WITH', value: '/admin' }),
      rule(2, 1, { type: 'COOKIE', compare_type: 'EQUAL_TO', key: 'role', value: 'adm#1$x', invert: true }),
      // 2: Host old.example.com (any case) → redirect 301 to a URL with a percent-escape.
      rule(3, 2, { type: 'HOST_NAME', compare_type: 'EQUAL_TO', value: 'old.example.com' }),
      // 3: /legacy prefix redirect.
      rule(4, 3, { type: 'PATH', compare_type: 'STARTS_WITH', value: '/legacy' }),
      // 4: a header with hostile characters, matched literally → pool 2.
      rule(5, 4, { type: 'HEADER', compare_type: 'EQUAL_TO', key: 'X-Team', value: 'a b"#%[src]${HOME}\\' }),
      // 5: .jpg files → pool 3.
      rule(6, 5, { type: 'FILE_TYPE', compare_type: 'EQUAL_TO', value: '.jpg' }),
      // 6: hosts ending in .b.example → pool 2.
      rule(7, 6, { type: 'HOST_NAME', compare_type: 'ENDS_WITH', value: '.b.example' }),
      // 7: regex on the path → reject.
      rule(8, 7, { type: 'PATH', compare_type: 'REGEX', value: '^/re/[0-9]+' }),
      // 8: cookie prefix → pool 3.
      rule(9, 8, { type: 'COOKIE', compare_type: 'STARTS_WITH', key: 'flavor', value: 'choc' }),
      // 9: a path with `#`-like text taken literally (CONTAINS).
      rule(10, 9, { type: 'PATH', compare_type: 'CONTAINS', value: '/x%23y' }),
    ],
  );
  await settle(f, '/admin', 403);

  assert.equal((await f.get('/')).body, 'a', 'no match → default pool');
  assert.equal((await f.get('/admin/x')).status, 403);
  assert.equal((await f.get('/admin', { cookie: 'role=adm#1$x' })).body, 'a', 'inverted rule');
  assert.equal((await f.get('/admin', { cookie: 'role=adm' })).status, 403);

  const moved = await f.get('/anything', { host: 'OLD.example.com' });
  assert.equal(moved.status, 301);
  assert.equal(moved.location, 'https://new.example/a%20b?x=$HOME');

  const prefixed = await f.get('/legacy/page?q=1');
  assert.equal(prefixed.status, 308);
  assert.equal(prefixed.location, 'https://p.example/legacy/page?q=1');

  assert.equal((await f.get('/', { 'x-team': 'a b"#%[src]${HOME}\\' })).body, 'b');
  assert.equal((await f.get('/', { 'x-team': 'a b"' })).body, 'a', 'the # did not truncate the pattern');
  assert.equal((await f.get('/img/cat.jpg')).body, 'c');
  assert.equal((await f.get('/img/cat.jpeg')).body, 'a');
  assert.equal((await f.get('/', { host: 'www.b.example' })).body, 'b');
  // Position: the header policy (4) beats the file-type policy (5) for the same request.
  assert.equal((await f.get('/cat.jpg', { 'x-team': 'a b"#%[src]${HOME}\\' })).body, 'b');
  assert.equal((await f.get('/re/123')).status, 403);
  assert.equal((await f.get('/re/a12')).body, 'a');
  // A pool chosen earlier (policy 5) wins over a later REJECT (7) that also matches.
  assert.equal((await f.get('/re/1.jpg')).body, 'c');
  assert.equal((await f.get('/', { cookie: 'a=1; flavor=chocolate' })).body, 'c');
  assert.equal((await f.get('/', { cookie: 'flavor=vanilla' })).body, 'a');
  const hashed = await f.get('/p/x%23y');
  assert.equal(hashed.status, 302);
  assert.equal(hashed.location, 'https://hash.example/');
});

test(
  'position decides between REJECT, redirects and pools, and swapping positions swaps the winner',
  {
    skip,
  },
  async (t) => {
    const f = await fixture(t);
    const both = (n: number) => rule(n, n, { type: 'PATH', compare_type: 'STARTS_WITH', value: '/both' });
    const reject = (position: number) => policy(1, { action: 'REJECT', position });
    const redirect = (position: number) =>
      policy(2, { action: 'REDIRECT_TO_URL', redirect_url: 'https://r.example/', position });
    const toPool = (position: number) =>
      policy(3, { action: 'REDIRECT_TO_POOL', redirect_pool_id: uuid('p', 2), position });
    const rules = [both(1), both(2), both(3)];

    await f.apply([reject(1), redirect(2), toPool(3)], rules);
    await settle(f, '/both', 403);
    assert.equal((await f.get('/other')).body, 'a');

    await f.apply([reject(2), redirect(1), toPool(3)], rules);
    await settle(f, '/both', 302);
    assert.equal((await f.get('/both')).location, 'https://r.example/');

    await f.apply([reject(2), redirect(3), toPool(1)], rules);
    await settle(f, '/both', 200);
    assert.equal((await f.get('/both')).body, 'b', 'a pool at position 1 beats REJECT and redirect');

    await f.apply([reject(1), redirect(3), toPool(2)], rules);
    await settle(f, '/both', 403);
  },
);
