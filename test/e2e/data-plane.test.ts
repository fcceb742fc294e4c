// End to end through the real data plane: a real `lbaas up` process (API server + embedded agent) runs one
// real HAProxy per load balancer on a loopback VIP (127.77.0.0/16); objects are created through the HTTP API
// and real HTTP traffic goes to the VIP. Only loopback traffic; every loop is bounded in count and time; no
// timing assertions (statuses are polled with bounded deadlines).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test, type TestContext } from 'node:test';
import { startDemoBackend, type DemoBackend } from '../../packages/cli/src/commands/demo-backends.js';
import { LbaasApi, type LoadBalancer, type StatusTree } from '../support/lbaas-api.js';
import { LbaasProcess } from '../support/lbaas-process.js';
import { sharedLbaasUp } from '../support/shared-lbaas-up.js';
import {
  cleanupStateDir,
  haproxyPid,
  LbaasUpProcess,
  lbDir,
  makeStateDir,
  processAlive,
  sleep,
} from '../support/lbaas-up-process.js';
import {
  freePort,
  httpGet,
  setCookies,
  startTestBackend,
  type ProbeResult,
  type TestBackend,
} from '../support/traffic.js';

const hasHaproxy = spawnSync('haproxy', ['-v'], { encoding: 'utf8' }).status === 0;
if (!hasHaproxy && process.env.CI) {
  throw new Error('CI must run the data-plane end-to-end tests, but `haproxy` is missing');
}
const skip = hasHaproxy ? false : 'haproxy not installed (apt-get install haproxy)';

/** Health monitor of the health tests: checks every second, DOWN after 2 failures, UP after 1 success. */
const FAST_MONITOR = {
  type: 'HTTP',
  delay: 1,
  timeout: 1,
  max_retries: 1,
  max_retries_down: 2,
  url_path: '/',
};
/** Bound of every status poll (health checks + the agent's 3 s stats interval fit well within it). */
const STATUS_DEADLINE_MS = 15_000;

const up = sharedLbaasUp(skip);

interface Backendish {
  name: string;
  address: string;
  port: number;
}

/** What `createHttpLb` built. */
interface HttpLb {
  lb: LoadBalancer;
  url: string;
  port: number;
  listenerId: string;
  poolId: string;
  /** Member ids by member name (= backend name). */
  members: Map<string, string>;
}

/**
 * Creates (fully populated, one call) a load balancer with one HTTP listener on a free port and one HTTP
 * pool over `backends`, waits for ACTIVE, and returns the ids. `memberExtra` adds fields per member name.
 */
async function createHttpLb(
  name: string,
  backends: Backendish[],
  opts: {
    listener?: Record<string, unknown>;
    pool?: Record<string, unknown>;
    memberExtra?: Record<string, Record<string, unknown>>;
    client?: LbaasApi;
  } = {},
): Promise<HttpLb> {
  const client = opts.client ?? up.api;
  const port = await freePort();
  const lb = await client.createLoadBalancer({
    name,
    listeners: [
      {
        name: `${name}-listener`,
        protocol: 'HTTP',
        protocol_port: port,
        ...opts.listener,
        default_pool: {
          name: `${name}-pool`,
          protocol: 'HTTP',
          lb_algorithm: 'ROUND_ROBIN',
          ...opts.pool,
          members: backends.map((b) => ({
            name: b.name,
            address: b.address,
            protocol_port: b.port,
            ...opts.memberExtra?.[b.name],
          })),
        },
      },
    ],
  });
  const listenerId = lb.listeners[0]?.id ?? '';
  const poolId = lb.pools[0]?.id ?? '';
  const list = await client.ok('GET', `/pools/${poolId}/members`);
  const members = new Map<string, string>();
  for (const m of list.members as { id: string; name: string }[]) members.set(m.name, m.id);
  return { lb, url: `http://${lb.vip_address}:${port}/`, port, listenerId, poolId, members };
}

function memberId(lb: HttpLb, name: string): string {
  const id = lb.members.get(name);
  assert.ok(id, `no member named ${name}`);
  return id;
}

/** Sends `count` sequential requests (each on its own connection); every answer must be a 200. */
async function sequence(
  url: string,
  count: number,
  opts: { headers?: Record<string, string>; localAddress?: string } = {},
): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = await httpGet(url, opts);
    assert.equal(r.status, 200, `request ${i + 1}/${count} to ${url}: ${r.status} ${r.body}`);
    seen.push(r.backend ?? '?');
  }
  return seen;
}

/** Polls the status tree until `check` returns true; throws with the last tree after `timeoutMs`. */
async function waitForStatus(
  lbId: string,
  what: string,
  check: (tree: StatusTree) => boolean,
  timeoutMs = STATUS_DEADLINE_MS,
): Promise<StatusTree> {
  const deadline = Date.now() + timeoutMs;
  let tree = await up.api.statusTree(lbId);
  while (!check(tree)) {
    if (Date.now() > deadline) {
      assert.fail(`${what}: not reached within ${timeoutMs} ms; last status tree:\n${JSON.stringify(tree)}`);
    }
    await sleep(250);
    tree = await up.api.statusTree(lbId);
  }
  return tree;
}

function memberStatuses(tree: StatusTree): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of tree.listeners) {
    for (const p of l.pools) for (const m of p.members) out.set(m.name, m.operating_status);
  }
  return out;
}

function poolStatus(tree: StatusTree): string | undefined {
  return tree.listeners[0]?.pools[0]?.operating_status;
}

/** Runs `body` with the backends, then deletes the load balancers it registered and closes the backends. */
async function withCleanup(
  body: (track: (lb: HttpLb) => HttpLb, backends: { close(): Promise<void> }[]) => Promise<void>,
): Promise<void> {
  const lbs: HttpLb[] = [];
  const backends: { close(): Promise<void> }[] = [];
  let failure: { error: unknown } | undefined;
  try {
    await body((lb) => {
      lbs.push(lb);
      return lb;
    }, backends);
  } catch (err) {
    failure = { error: err };
  }
  // Every load balancer is deleted through the API (so the agent stops its HAProxy), even when one delete
  // fails; a cleanup failure is reported only when it does not hide the test's own failure.
  const problems: unknown[] = [];
  for (const lb of lbs) await up.api.deleteLoadBalancer(lb.lb.id).catch((err: unknown) => problems.push(err));
  await Promise.all(backends.map((b) => b.close()));
  if (failure) throw failure.error;
  if (problems.length > 0) throw problems[0];
}

async function demo(backends: { close(): Promise<void> }[], name: string, port = 0): Promise<DemoBackend> {
  const b = await startDemoBackend(name, '127.0.0.1', port);
  backends.push(b);
  return b;
}

async function testBackend(
  backends: { close(): Promise<void> }[],
  name: string,
  setCookie?: string,
): Promise<TestBackend> {
  const b = await startTestBackend(name, setCookie ? { setCookie } : {});
  backends.push(b);
  return b;
}

// ---------------------------------------------------------------------------------------------------------
// 1. Algorithms and session persistence

test('ROUND_ROBIN alternates between two members', { skip, timeout: 60_000 }, async () => {
  await withCleanup(async (track, backends) => {
    const a = await demo(backends, 'a');
    const b = await demo(backends, 'b');
    const lb = track(await createHttpLb('rr', [a, b]));
    const seen = await sequence(lb.url, 8);
    const [first, second] = seen;
    assert.notEqual(first, second, `round robin: ${seen.join(',')}`);
    assert.deepEqual(
      seen,
      [first, second, first, second, first, second, first, second],
      `round robin must alternate exactly: ${seen.join(',')}`,
    );
    assert.deepEqual(new Set(seen), new Set(['a', 'b']));
  });
});

test('LEAST_CONNECTIONS sends new requests to the idle member', { skip, timeout: 60_000 }, async () => {
  await withCleanup(async (track, backends) => {
    const a = await testBackend(backends, 'a');
    const b = await testBackend(backends, 'b');
    const lb = track(await createHttpLb('lc', [a, b], { pool: { lb_algorithm: 'LEAST_CONNECTIONS' } }));
    // One request held open on one member (its backend answers when released, at most 20 s later).
    const slow = httpGet(`${lb.url}?delay=20000`, { timeoutMs: 30_000 });
    slow.catch(() => undefined); // awaited below; avoid an unhandled rejection while we poll
    const deadline = Date.now() + 10_000;
    while (a.inFlight() + b.inFlight() === 0 && Date.now() < deadline) await sleep(20);
    assert.equal(a.inFlight() + b.inFlight(), 1, 'the slow request should be held by one member');
    const [busy, idle] = a.inFlight() === 1 ? [a, b] : [b, a];
    try {
      const seen = await sequence(lb.url, 8);
      assert.deepEqual(
        seen,
        Array<string>(8).fill(idle.name),
        `with ${busy.name} busy, least connections must pick ${idle.name}: ${seen.join(',')}`,
      );
    } finally {
      busy.releaseAll();
    }
    const held = await slow;
    assert.equal(held.status, 200);
    assert.equal(held.backend, busy.name);
  });
});

test(
  'SOURCE_IP algorithm and SOURCE_IP persistence stick to one member per client address',
  {
    skip,
    timeout: 60_000,
  },
  async () => {
    await withCleanup(async (track, backends) => {
      const a = await demo(backends, 'a');
      const b = await demo(backends, 'b');
      const byAlgorithm = track(
        await createHttpLb('src-algo', [a, b], { pool: { lb_algorithm: 'SOURCE_IP' } }),
      );
      const byPersistence = track(
        await createHttpLb('src-persist', [a, b], {
          pool: { lb_algorithm: 'ROUND_ROBIN', session_persistence: { type: 'SOURCE_IP' } },
        }),
      );
      for (const lb of [byAlgorithm, byPersistence]) {
        for (const localAddress of ['127.0.0.10', '127.0.0.11']) {
          const seen = await sequence(lb.url, 6, { localAddress });
          assert.equal(
            new Set(seen).size,
            1,
            `${lb.lb.id} from ${localAddress}: every request should reach one member: ${seen.join(',')}`,
          );
        }
      }
    });
  },
);

test(
  'HTTP_COOKIE persistence: the cookie HAProxy sets pins the member',
  { skip, timeout: 60_000 },
  async () => {
    await withCleanup(async (track, backends) => {
      const a = await demo(backends, 'a');
      const b = await demo(backends, 'b');
      const lb = track(
        await createHttpLb('cookie', [a, b], { pool: { session_persistence: { type: 'HTTP_COOKIE' } } }),
      );
      // Without a cookie: round robin, and each answer carries the member's cookie.
      const first = await httpGet(lb.url);
      const second = await httpGet(lb.url);
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      assert.notEqual(first.backend, second.backend, 'the first two cookie-less requests go round robin');
      const cookieOf = (r: ProbeResult): string => {
        const cookies = [...setCookies(r)];
        assert.equal(cookies.length, 1, `one persistence cookie expected: ${JSON.stringify(r.headers)}`);
        const [name, value] = cookies[0]!;
        return `${name}=${value}`;
      };
      for (const [answer, cookie] of [
        [first, cookieOf(first)],
        [second, cookieOf(second)],
      ] as const) {
        const seen = await sequence(lb.url, 6, { headers: { cookie } });
        assert.deepEqual(
          seen,
          Array<string>(6).fill(answer.backend!),
          `with cookie ${cookie} every request must reach ${answer.backend}: ${seen.join(',')}`,
        );
      }
    });
  },
);

test(
  'APP_COOKIE persistence: the application session cookie pins the member',
  {
    skip,
    timeout: 60_000,
  },
  async () => {
    await withCleanup(async (track, backends) => {
      // Each backend sets `SESSIONID=<its name>` on every answer.
      const a = await testBackend(backends, 'a', 'SESSIONID');
      const b = await testBackend(backends, 'b', 'SESSIONID');
      const lb = track(
        await createHttpLb('app-cookie', [a, b], {
          pool: { session_persistence: { type: 'APP_COOKIE', cookie_name: 'SESSIONID' } },
        }),
      );
      const first = await httpGet(lb.url);
      const second = await httpGet(lb.url);
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      assert.notEqual(first.backend, second.backend, 'the first two cookie-less requests go round robin');
      for (const answer of [first, second]) {
        const session = setCookies(answer).get('SESSIONID');
        assert.equal(session, answer.backend, 'the backend sets its session cookie');
        const seen = await sequence(lb.url, 6, { headers: { cookie: `SESSIONID=${session}` } });
        assert.deepEqual(
          seen,
          Array<string>(6).fill(answer.backend!),
          `with SESSIONID=${session} every request must reach ${answer.backend}: ${seen.join(',')}`,
        );
      }
    });
  },
);

// ---------------------------------------------------------------------------------------------------------
// 2. Draining and backup members

test('weight 0 and admin_state_up=false drain a member', { skip, timeout: 60_000 }, async () => {
  await withCleanup(async (track, backends) => {
    const a = await demo(backends, 'a');
    const b = await demo(backends, 'b');
    const c = await demo(backends, 'c');
    const lb = track(await createHttpLb('drain', [a, b, c]));
    assert.deepEqual(new Set(await sequence(lb.url, 6)), new Set(['a', 'b', 'c']));

    await up.api.ok('PUT', `/pools/${lb.poolId}/members/${memberId(lb, 'a')}`, { member: { weight: 0 } });
    await up.api.waitActive(lb.lb.id);
    const aHits = a.hits();
    const afterWeight0 = await sequence(lb.url, 10);
    assert.equal(a.hits(), aHits, `weight 0: a got new requests: ${afterWeight0.join(',')}`);
    assert.deepEqual(new Set(afterWeight0), new Set(['b', 'c']), afterWeight0.join(','));

    await up.api.ok('PUT', `/pools/${lb.poolId}/members/${memberId(lb, 'b')}`, {
      member: { admin_state_up: false },
    });
    await up.api.waitActive(lb.lb.id);
    const bHits = b.hits();
    const afterDisable = await sequence(lb.url, 10);
    assert.equal(b.hits(), bHits, `admin_state_up=false: b got new requests: ${afterDisable.join(',')}`);
    assert.equal(a.hits(), aHits, `weight 0: a got new requests: ${afterDisable.join(',')}`);
    assert.deepEqual(afterDisable, Array<string>(10).fill('c'));
  });
});

test('a backup member serves only while the primaries are down', { skip, timeout: 90_000 }, async () => {
  await withCleanup(async (track, backends) => {
    let p1 = await demo(backends, 'p1');
    let p2 = await demo(backends, 'p2');
    const bk = await demo(backends, 'bk');
    const lb = track(
      await createHttpLb('backup', [p1, p2, bk], {
        pool: { healthmonitor: FAST_MONITOR },
        memberExtra: { bk: { backup: true } },
      }),
    );
    await waitForStatus(lb.lb.id, 'all members ONLINE', (t) =>
      [...memberStatuses(t).values()].every((s) => s === 'ONLINE'),
    );
    // (hits() also counts health checks, so what answered is judged from the responses.)
    const primaries = await sequence(lb.url, 10);
    assert.deepEqual(
      new Set(primaries),
      new Set(['p1', 'p2']),
      `the backup got traffic: ${primaries.join(',')}`,
    );

    const ports = [p1.port, p2.port];
    await p1.close();
    await p2.close();
    await waitForStatus(lb.lb.id, 'p1 and p2 ERROR', (t) => {
      const s = memberStatuses(t);
      return s.get('p1') === 'ERROR' && s.get('p2') === 'ERROR';
    });
    assert.deepEqual(await sequence(lb.url, 6), Array<string>(6).fill('bk'));

    // The primaries come back on the same ports: the backup stops getting new requests.
    p1 = await demo(backends, 'p1', ports[0]);
    p2 = await demo(backends, 'p2', ports[1]);
    await waitForStatus(lb.lb.id, 'p1 and p2 ONLINE again', (t) => {
      const s = memberStatuses(t);
      return s.get('p1') === 'ONLINE' && s.get('p2') === 'ONLINE';
    });
    const back = await sequence(lb.url, 6);
    assert.deepEqual(
      new Set(back),
      new Set(['p1', 'p2']),
      `the backup still gets traffic: ${back.join(',')}`,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// 3. Health

test(
  'health monitor: a closed backend turns its member ERROR and the pool/LB DEGRADED, then ONLINE again',
  {
    skip,
    timeout: 90_000,
  },
  async () => {
    await withCleanup(async (track, backends) => {
      let a = await demo(backends, 'a');
      const b = await demo(backends, 'b');
      const lb = track(await createHttpLb('health', [a, b], { pool: { healthmonitor: FAST_MONITOR } }));
      await waitForStatus(
        lb.lb.id,
        'members, pool and LB ONLINE',
        (t) =>
          memberStatuses(t).get('a') === 'ONLINE' &&
          memberStatuses(t).get('b') === 'ONLINE' &&
          poolStatus(t) === 'ONLINE' &&
          t.operating_status === 'ONLINE',
      );

      const port = a.port;
      await a.close();
      const down = await waitForStatus(
        lb.lb.id,
        'a ERROR, pool and LB DEGRADED',
        (t) =>
          memberStatuses(t).get('a') === 'ERROR' &&
          poolStatus(t) === 'DEGRADED' &&
          t.operating_status === 'DEGRADED',
      );
      assert.equal(memberStatuses(down).get('b'), 'ONLINE');
      assert.equal(down.provisioning_status, 'ACTIVE');
      const member = await up.api.ok('GET', `/pools/${lb.poolId}/members/${memberId(lb, 'a')}`);
      assert.equal((member.member as { operating_status: string }).operating_status, 'ERROR');
      // HAProxy sends everything to the healthy member.
      assert.deepEqual(await sequence(lb.url, 6), Array<string>(6).fill('b'));

      a = await demo(backends, 'a', port);
      await waitForStatus(
        lb.lb.id,
        'a, pool and LB ONLINE again',
        (t) =>
          memberStatuses(t).get('a') === 'ONLINE' &&
          poolStatus(t) === 'ONLINE' &&
          t.operating_status === 'ONLINE',
      );
      assert.deepEqual(new Set(await sequence(lb.url, 6)), new Set(['a', 'b']));
    });
  },
);

// ---------------------------------------------------------------------------------------------------------
// 4. Listener options

test('insert_headers: the backend sees X-Forwarded-For/-Port/-Proto', { skip, timeout: 60_000 }, async () => {
  await withCleanup(async (track, backends) => {
    const a = await demo(backends, 'a');
    const lb = track(
      await createHttpLb('headers', [a], {
        listener: {
          insert_headers: {
            'X-Forwarded-For': 'true',
            'X-Forwarded-Port': 'true',
            'X-Forwarded-Proto': 'true',
          },
        },
      }),
    );
    const r = await httpGet(lb.url, { localAddress: '127.0.0.10' });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(r.json?.headers, {
      'x-forwarded-for': '127.0.0.10',
      'x-forwarded-port': String(lb.port),
      'x-forwarded-proto': 'http',
      cookie: null,
    });
  });
});

test('allowed_cidrs: only the allowed source address gets through', { skip, timeout: 60_000 }, async () => {
  await withCleanup(async (track, backends) => {
    const a = await demo(backends, 'a');
    const lb = track(await createHttpLb('cidrs', [a], { listener: { allowed_cidrs: ['127.0.0.10/32'] } }));
    assert.deepEqual(await sequence(lb.url, 3, { localAddress: '127.0.0.10' }), ['a', 'a', 'a']);
    const hits = a.hits();
    for (const localAddress of ['127.0.0.11', '127.0.0.1']) {
      for (let i = 0; i < 3; i++) {
        const outcome = await httpGet(lb.url, { localAddress, timeoutMs: 5_000 }).then(
          (r) => `HTTP ${r.status}`,
          (err: Error) => `rejected (${err.message})`,
        );
        assert.match(outcome, /^rejected/, `a request from ${localAddress} must be refused, got ${outcome}`);
      }
    }
    assert.equal(a.hits(), hits, 'no refused request may reach the backend');
  });
});

// ---------------------------------------------------------------------------------------------------------
// 5. Hitless changes

test(
  '50 member changes and 10 listener changes under load: 0 failed requests',
  {
    skip,
    timeout: 150_000,
  },
  async (t: TestContext) => {
    await withCleanup(async (track, backends) => {
      const s1 = await demo(backends, 's1');
      const s2 = await demo(backends, 's2');
      const extras: DemoBackend[] = [];
      for (let i = 1; i <= 4; i++) extras.push(await demo(backends, `e${i}`));
      const lb = track(await createHttpLb('hitless', [s1, s2], { pool: { healthmonitor: FAST_MONITOR } }));
      await waitForStatus(lb.lb.id, 's1 and s2 ONLINE', (tree) =>
        [...memberStatuses(tree).values()].every((s) => s === 'ONLINE'),
      );

      // The load: 2 clients, one connection per request, each from its own source address; it stops when
      // told to, after 60 s, or after 20 000 requests, whichever comes first.
      const load = { ok: 0, non200: 0, errors: 0, samples: [] as string[], stop: false };
      const served = new Map<string, number>(); // backend name → 200 answers
      const loadDeadline = Date.now() + 60_000;
      const client = async (localAddress: string): Promise<void> => {
        while (!load.stop && Date.now() < loadDeadline && load.ok + load.non200 + load.errors < 20_000) {
          try {
            const r = await httpGet(lb.url, { localAddress, timeoutMs: 5_000 });
            if (r.status === 200) {
              load.ok++;
              served.set(r.backend ?? '?', (served.get(r.backend ?? '?') ?? 0) + 1);
            } else {
              load.non200++;
              if (load.samples.length < 5) load.samples.push(`HTTP ${r.status}: ${r.body.slice(0, 200)}`);
            }
          } catch (err) {
            load.errors++;
            if (load.samples.length < 5) load.samples.push((err as Error).message);
          }
          await sleep(5);
        }
      };
      const clients = [client('127.0.0.20'), client('127.0.0.21')];

      let memberChanges = 0;
      let listenerChanges = 0;
      const present = new Map<string, string>(); // extra backend name → member id
      const change = async (
        method: string,
        path: string,
        body?: unknown,
      ): Promise<Record<string, unknown>> => {
        const res = await up.api.ok(method, path, body);
        await up.api.waitActive(lb.lb.id);
        return res;
      };
      const listenerChange = async (): Promise<void> => {
        const i = listenerChanges++;
        const update = [
          { name: `hitless-listener-${i}` },
          { connection_limit: 5_000 + i },
          { timeout_client_data: 30_000 + i * 1_000 },
        ][i % 3];
        await change('PUT', `/listeners/${lb.listenerId}`, { listener: update });
      };
      const memberChange = async (i: number): Promise<void> => {
        // Cycles of six over a pair of extras: add both, re-weight both (one to 0), remove both.
        const pair = Math.floor(i / 6) % 2 === 0 ? extras.slice(0, 2) : extras.slice(2, 4);
        const [x, y] = pair as [DemoBackend, DemoBackend];
        const members = `/pools/${lb.poolId}/members`;
        const add = async (e: DemoBackend): Promise<void> => {
          const res = await change('POST', members, {
            member: { name: e.name, address: e.address, protocol_port: e.port },
          });
          present.set(e.name, (res.member as { id: string }).id);
        };
        const remove = async (e: DemoBackend): Promise<void> => {
          await change('DELETE', `${members}/${present.get(e.name)}`);
          present.delete(e.name);
        };
        switch (i % 6) {
          case 0:
            await add(x);
            break;
          case 1:
            await add(y);
            break;
          case 2:
            await change('PUT', `${members}/${present.get(x.name)}`, { member: { weight: 3 } });
            break;
          case 3:
            await change('PUT', `${members}/${present.get(y.name)}`, { member: { weight: 0 } });
            break;
          case 4:
            await remove(x);
            break;
          default:
            await remove(y);
        }
        memberChanges++;
      };

      try {
        for (let i = 0; i < 50; i++) {
          await memberChange(i);
          if (i % 5 === 4) await listenerChange();
        }
      } finally {
        load.stop = true;
        await Promise.all(clients);
      }
      // Responses, not hits(): the health checks hit the backends too.
      const extraHits = extras.reduce((sum, e) => sum + (served.get(e.name) ?? 0), 0);
      const numbers =
        `${load.ok} OK, ${load.non200} non-200, ${load.errors} errors during ${memberChanges} member and ` +
        `${listenerChanges} listener changes (extra members served ${extraHits})`;
      t.diagnostic(numbers);
      assert.equal(memberChanges, 50);
      assert.equal(listenerChanges, 10);
      assert.ok(load.ok > 0, `the load loop sent nothing: ${numbers}`);
      assert.ok(extraHits > 0, `the added members never got traffic: ${numbers}`);
      assert.equal(
        load.non200 + load.errors,
        0,
        `failed requests: ${numbers}; samples: ${load.samples.join(' | ')}\n${up.server?.tail() ?? ''}`,
      );
    });
  },
);

// ---------------------------------------------------------------------------------------------------------
// 6. Control plane down

test(
  'HAProxy keeps serving while lbaas up is SIGKILLed, is adopted by the next lbaas up, stops on delete',
  {
    skip,
    timeout: 120_000,
  },
  async () => {
    const dir = makeStateDir();
    const backend = await startDemoBackend('solo');
    let proc: LbaasUpProcess | undefined;
    try {
      proc = await LbaasUpProcess.start(dir);
      const first = proc;
      const client1 = new LbaasApi(first.url, () => `lbaas up log tail:\n${first.tail()}`);
      const lb = await createHttpLb('survivor', [backend], { client: client1 });
      assert.deepEqual(await sequence(lb.url, 3), ['solo', 'solo', 'solo']);
      const pid = haproxyPid(dir, lb.lb.id);
      assert.ok(pid !== undefined && processAlive(pid), `no running haproxy for ${lb.lb.id}`);

      await first.kill();
      assert.deepEqual(
        await sequence(lb.url, 5),
        Array<string>(5).fill('solo'),
        'the VIP serves without lbaas',
      );

      proc = await LbaasUpProcess.start(dir);
      const second = proc;
      const client2 = new LbaasApi(second.url, () => `lbaas up log tail:\n${second.tail()}`);
      await client2.waitActive(lb.lb.id);
      // A change goes through the restarted agent to the same HAProxy master.
      await client2.ok('PUT', `/pools/${lb.poolId}/members/${memberId(lb, 'solo')}`, {
        member: { weight: 2 },
      });
      await client2.waitActive(lb.lb.id);
      assert.deepEqual(await sequence(lb.url, 3), ['solo', 'solo', 'solo']);
      assert.equal(haproxyPid(dir, lb.lb.id), pid, 'the HAProxy master was replaced');
      assert.ok(processAlive(pid), `the HAProxy master ${pid} is gone`);

      await client2.deleteLoadBalancer(lb.lb.id);
      const deadline = Date.now() + 15_000;
      while ((processAlive(pid) || existsSync(lbDir(dir, lb.lb.id))) && Date.now() < deadline)
        await sleep(100);
      assert.ok(!processAlive(pid), `the HAProxy master ${pid} still runs after the delete`);
      assert.ok(!existsSync(lbDir(dir, lb.lb.id)), `${lbDir(dir, lb.lb.id)} still exists after the delete`);
    } finally {
      await proc?.stop();
      await cleanupStateDir(dir);
      await backend.close();
    }
  },
);

test(
  'lbaas server + a separate lbaas agent: the LB waits for the agent; stats stay exact across a reload and an agent restart',
  {
    skip,
    timeout: 150_000,
  },
  async (t: TestContext) => {
    // `lbaas server` with its default driver (agent) and a separate `lbaas agent`: the multi-host product
    // path. The load balancer is created before any agent exists.
    const agentDir = makeStateDir();
    const backend = await startDemoBackend('solo');
    let srv: LbaasProcess | undefined;
    let agent: LbaasUpProcess | undefined;
    let client: LbaasApi | undefined;
    let lbId: string | undefined;
    try {
      srv = await LbaasProcess.start({}, 'warn');
      const server = srv;
      const logs = (): string =>
        `server log:\n${server.logs.slice(-20).join('\n')}\nagent log:\n${agent?.tail() ?? ''}`;
      client = new LbaasApi(server.url, logs);
      const api2 = client;
      const port = await freePort();
      const created = await api2.ok('POST', '/loadbalancers', {
        loadbalancer: {
          name: 'split',
          vip_subnet_id: await api2.vipSubnetId(),
          listeners: [
            {
              protocol: 'HTTP',
              protocol_port: port,
              default_pool: {
                name: 'split-pool',
                protocol: 'HTTP',
                lb_algorithm: 'ROUND_ROBIN',
                members: [{ address: backend.address, protocol_port: backend.port }],
              },
            },
          ],
        },
      });
      const lb = created.loadbalancer as LoadBalancer & { listeners: { id: string }[] };
      lbId = lb.id;
      const listenerId = lb.listeners[0]?.id ?? '';
      const url = `http://${lb.vip_address}:${port}/`;
      await sleep(500);
      const pending = (await api2.ok('GET', `/loadbalancers/${lb.id}`)).loadbalancer as LoadBalancer;
      assert.equal(pending.provisioning_status, 'PENDING_CREATE', 'no agent yet: the LB must wait');
      assert.ok(
        server.logs.some((l) => l.includes('lbaas agent --server')),
        `lbaas server did not say how to start an agent:\n${logs()}`,
      );

      agent = await LbaasUpProcess.agent(agentDir, server.url);
      await api2.waitActive(lb.id);

      type Stats = Record<'bytes_in' | 'bytes_out' | 'total_connections' | 'request_errors', number>;
      const samples: { lb: Stats; listener: Stats }[] = [];
      /** Polls both stats endpoints until total_connections reaches `total` (never passes it). */
      const statsReach = async (total: number, what: string): Promise<Stats> => {
        const deadline = Date.now() + STATUS_DEADLINE_MS;
        for (;;) {
          const lbStats = (await api2.ok('GET', `/loadbalancers/${lb.id}/stats`)).stats as Stats;
          const lStats = (await api2.ok('GET', `/listeners/${listenerId}/stats`)).stats as Stats;
          samples.push({ lb: lbStats, listener: lStats });
          assert.ok(
            lbStats.total_connections <= total,
            `${what}: counted ${lbStats.total_connections} > ${total}`,
          );
          if (lbStats.total_connections === total) return lbStats;
          if (Date.now() > deadline)
            assert.fail(`${what}: total_connections ${lbStats.total_connections}, want ${total}`);
          await sleep(250);
        }
      };

      // 10 requests (one connection each) through the first worker.
      assert.deepEqual(await sequence(url, 10), Array<string>(10).fill('solo'));
      const first = await statsReach(10, 'first worker');
      assert.ok(first.bytes_in > 0 && first.bytes_out > 0, JSON.stringify(first));

      // A listener change reloads HAProxy: the new worker's counters start again from 0.
      const pid = haproxyPid(agentDir, lb.id);
      await api2.ok('PUT', `/listeners/${listenerId}`, { listener: { connection_limit: 4_000 } });
      await api2.waitActive(lb.id);
      assert.equal(haproxyPid(agentDir, lb.id), pid, 'the reload kept the master');
      await sequence(url, 5);
      await statsReach(15, 'after the reload');

      // The agent dies: traffic keeps flowing, and the restarted agent reports the same worker's counters
      // again — they must not be counted twice.
      await agent.kill();
      await sequence(url, 5);
      agent = await LbaasUpProcess.agent(agentDir, server.url);
      await sequence(url, 5);
      const last = await statsReach(25, 'after the agent restart');
      assert.equal(haproxyPid(agentDir, lb.id), pid, 'the restarted agent adopted the running HAProxy');

      for (const key of ['bytes_in', 'bytes_out', 'total_connections'] as const) {
        for (let i = 1; i < samples.length; i++) {
          const [prev, cur] = [samples[i - 1]!, samples[i]!];
          assert.ok(cur.lb[key] >= prev.lb[key], `LB ${key} went down: ${prev.lb[key]} → ${cur.lb[key]}`);
          assert.ok(
            cur.listener[key] >= prev.listener[key],
            `listener ${key} went down: ${prev.listener[key]} → ${cur.listener[key]}`,
          );
        }
      }
      t.diagnostic(`stats after 25 requests: ${JSON.stringify(last)} (${samples.length} samples)`);

      await api2.deleteLoadBalancer(lb.id);
      lbId = undefined;
      const deadline = Date.now() + 15_000;
      while (pid !== undefined && processAlive(pid) && Date.now() < deadline) await sleep(100);
      assert.ok(pid === undefined || !processAlive(pid), 'HAProxy still runs after the delete');
    } finally {
      if (lbId && client && agent?.running) await client.deleteLoadBalancer(lbId).catch(() => undefined);
      await agent?.stop();
      await srv?.stop();
      await cleanupStateDir(agentDir);
      await backend.close();
    }
  },
);
