// End to end L7 routing through the real data plane: a real `lbaas up` (API server + embedded agent) runs
// HAProxy on a loopback VIP; L7 policies and rules are created step by step through the HTTP API and real
// requests check where they land. Loopback only; every loop is bounded in count and time.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { sleep } from '../support/lbaas-up-process.js';
import { sharedLbaasUp } from '../support/shared-lbaas-up.js';
import {
  freePort,
  httpGet,
  startTestBackend,
  type ProbeResult,
  type TestBackend,
} from '../support/traffic.js';

const hasHaproxy = spawnSync('haproxy', ['-v'], { encoding: 'utf8' }).status === 0;
if (!hasHaproxy && process.env.CI) {
  throw new Error('CI must run the L7 data-plane end-to-end test, but `haproxy` is missing');
}
const skip = hasHaproxy ? false : 'haproxy not installed (apt-get install haproxy)';

const up = sharedLbaasUp(skip);

/** How long a routing expectation may take to show after ACTIVE (ACTIVE already means applied). */
const ROUTE_DEADLINE_MS = 5_000;

/** POSTs (2xx asserted), waits until the load balancer is ACTIVE again, returns the created object. */
async function createActive(
  lbId: string,
  path: string,
  key: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const created = (await up.api.ok('POST', path, { [key]: body }))[key] as Record<string, unknown>;
  await up.api.waitActive(lbId);
  return created;
}

function idOf(o: Record<string, unknown>): string {
  assert.equal(typeof o.id, 'string', JSON.stringify(o));
  return o.id as string;
}

/**
 * GETs `url` until `check` accepts the answer (bounded by ROUTE_DEADLINE_MS and 50 tries); fails with the
 * last answer otherwise.
 */
async function expectRoute(
  url: string,
  what: string,
  check: (r: ProbeResult) => boolean,
  headers: Record<string, string> = {},
): Promise<ProbeResult> {
  const deadline = Date.now() + ROUTE_DEADLINE_MS;
  let last: ProbeResult | undefined;
  for (let i = 0; i < 50; i++) {
    last = await httpGet(url, { headers });
    if (check(last)) return last;
    if (Date.now() > deadline) break;
    await sleep(100);
  }
  return assert.fail(`${what}: last answer ${last?.status} ${last?.body}`);
}

const reaches = (backend: TestBackend) => (r: ProbeResult) => r.status === 200 && r.backend === backend.name;

test(
  'L7 policies route, reject and redirect real traffic through HAProxy',
  { skip, timeout: 180_000 },
  async () => {
    const a = await startTestBackend('A', { address: '127.0.0.21' });
    const b = await startTestBackend('B', { address: '127.0.0.22' });
    let lbId: string | undefined;
    try {
      const lb = (
        await up.api.ok('POST', '/loadbalancers', {
          loadbalancer: { name: 'l7-e2e', vip_subnet_id: await up.api.vipSubnetId() },
        })
      ).loadbalancer as Record<string, unknown>;
      lbId = idOf(lb);
      await up.api.waitActive(lbId);
      const port = await freePort();
      const base = `http://${String(lb.vip_address)}:${port}`;
      const listener = await createActive(lbId, '/listeners', 'listener', {
        loadbalancer_id: lbId,
        protocol: 'HTTP',
        protocol_port: port,
        name: 'l7-listener',
      });
      const listenerId = idOf(listener);
      const poolA = await createActive(lbId, '/pools', 'pool', {
        listener_id: listenerId,
        protocol: 'HTTP',
        lb_algorithm: 'ROUND_ROBIN',
        name: 'pool-a',
      });
      await createActive(lbId, `/pools/${idOf(poolA)}/members`, 'member', {
        address: a.address,
        protocol_port: a.port,
      });
      const poolB = await createActive(lbId, '/pools', 'pool', {
        loadbalancer_id: lbId,
        protocol: 'HTTP',
        lb_algorithm: 'ROUND_ROBIN',
        name: 'pool-b',
      });
      await createActive(lbId, `/pools/${idOf(poolB)}/members`, 'member', {
        address: b.address,
        protocol_port: b.port,
      });
      await expectRoute(`${base}/api/x`, 'before any policy /api/x goes to A', reaches(a));

      // REDIRECT_TO_POOL B when the path starts with /api.
      const toB = await createActive(lbId, '/l7policies', 'l7policy', {
        listener_id: listenerId,
        action: 'REDIRECT_TO_POOL',
        redirect_pool_id: idOf(poolB),
        name: 'to-b',
      });
      await createActive(lbId, `/l7policies/${idOf(toB)}/rules`, 'rule', {
        type: 'PATH',
        compare_type: 'STARTS_WITH',
        value: '/api',
      });
      await expectRoute(`${base}/api/x`, '/api/x goes to B', reaches(b));
      await expectRoute(`${base}/`, '/ goes to A', reaches(a));

      // REJECT /api/admin, inserted before the pool redirect.
      const reject = await createActive(lbId, '/l7policies', 'l7policy', {
        listener_id: listenerId,
        action: 'REJECT',
        position: 1,
        name: 'reject-admin',
        rules: [{ type: 'PATH', compare_type: 'STARTS_WITH', value: '/api/admin' }],
      });
      const policies = (await up.api.ok('GET', `/l7policies?listener_id=${listenerId}`)).l7policies as {
        name: string;
        position: number;
      }[];
      assert.deepEqual(
        policies.map((p) => [p.name, p.position]).sort((x, y) => Number(x[1]) - Number(y[1])),
        [
          ['reject-admin', 1],
          ['to-b', 2],
        ],
      );
      await expectRoute(`${base}/api/admin/users`, '/api/admin is rejected', (r) => r.status === 403);
      await expectRoute(`${base}/api/x`, '/api/x still goes to B', reaches(b));
      await expectRoute(`${base}/`, '/ still goes to A', reaches(a));

      // REDIRECT_TO_URL 308 for one host name.
      const redirect = await createActive(lbId, '/l7policies', 'l7policy', {
        listener_id: listenerId,
        action: 'REDIRECT_TO_URL',
        redirect_url: 'http://example.com/moved',
        redirect_http_code: 308,
        rules: [{ type: 'HOST_NAME', compare_type: 'EQUAL_TO', value: 'old.example.com' }],
      });
      const moved = await expectRoute(
        `${base}/`,
        'old.example.com is redirected with 308',
        (r) => r.status === 308,
        { host: 'old.example.com' },
      );
      assert.equal(moved.headers.location, 'http://example.com/moved');
      await expectRoute(`${base}/`, 'other hosts still go to A', reaches(a), { host: 'new.example.com' });

      // Deleting policies restores the routing they changed.
      await up.api.ok('DELETE', `/l7policies/${idOf(reject)}`);
      await up.api.waitActive(lbId);
      await expectRoute(`${base}/api/admin/users`, 'without the REJECT /api/admin goes to B', reaches(b));
      await up.api.ok('DELETE', `/l7policies/${idOf(toB)}`);
      await up.api.waitActive(lbId);
      await expectRoute(`${base}/api/x`, 'without the pool redirect /api/x goes to A', reaches(a));
      await up.api.ok('DELETE', `/l7policies/${idOf(redirect)}`);
      await up.api.waitActive(lbId);
      await expectRoute(`${base}/`, 'without the URL redirect old.example.com goes to A', reaches(a), {
        host: 'old.example.com',
      });
    } finally {
      if (lbId) await up.api.deleteLoadBalancer(lbId);
      await Promise.all([a.close(), b.close()]);
    }
  },
);
