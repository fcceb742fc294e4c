import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestServer } from '../test-support/test-server.js';
import {
  API,
  DEFAULT_PROJECT,
  TIMESTAMP,
  UUID,
  arr,
  assertView,
  defaultSubnetId,
  expectFault,
  expectStatus,
  getOne,
  holdReconciler,
  obj,
  str,
  type Wire,
  withServer,
} from './api-fixtures.js';

/** The §4.1.3 example without l7policies (graph-create-l7.api.test.ts covers those). */
function example(subnetId: string): Wire {
  return {
    loadbalancer: {
      name: 'web',
      vip_subnet_id: subnetId,
      listeners: [
        {
          name: 'http',
          protocol: 'HTTP',
          protocol_port: 80,
          default_pool: {
            name: 'web-pool',
            protocol: 'HTTP',
            lb_algorithm: 'ROUND_ROBIN',
            healthmonitor: { type: 'HTTP', delay: '5', timeout: 3, max_retries: 3, url_path: '/health' },
            members: [
              { address: '192.0.2.10', protocol_port: 8080 },
              { address: '192.0.2.11', protocol_port: 8080 },
            ],
          },
        },
        { name: 'tls-pass', protocol: 'HTTPS', protocol_port: 443, default_pool: { name: 'tls-pool' } },
      ],
      pools: [
        { name: 'api-pool', protocol: 'HTTP', lb_algorithm: 'LEAST_CONNECTIONS' },
        { name: 'tls-pool', protocol: 'HTTPS', lb_algorithm: 'SOURCE_IP' },
      ],
    },
  };
}

async function post(s: TestServer, body: Wire): Promise<{ status: number; body: Wire }> {
  return s.json('POST', `${API}/loadbalancers`, body);
}

function byName(items: Wire[], name: string): Wire {
  const found = items.find((i) => i.name === name);
  assert.ok(found, `no ${name} in ${JSON.stringify(items.map((i) => i.name))}`);
  return found;
}

test('fully populated create: 201 full view, everything PENDING_CREATE, default pools bound by name', async () => {
  await withServer(async (s) => {
    const release = holdReconciler(s);
    const lb = obj(expectStatus(await post(s, example(await defaultSubnetId(s))), 201), 'loadbalancer');
    const lbId = str(lb, 'id');
    assert.equal(lb.provisioning_status, 'PENDING_CREATE');
    const listeners = arr(lb, 'listeners');
    const pools = arr(lb, 'pools');
    assert.deepEqual(listeners.map((l) => l.name).sort(), ['http', 'tls-pass']);
    assert.deepEqual(pools.map((p) => p.name).sort(), ['api-pool', 'tls-pool', 'web-pool']);

    const webPool = byName(pools, 'web-pool');
    const tlsPool = byName(pools, 'tls-pool');
    const apiPool = byName(pools, 'api-pool');
    const http = byName(listeners, 'http');
    const tls = byName(listeners, 'tls-pass');
    assert.equal(http.default_pool_id, webPool.id);
    assert.equal(tls.default_pool_id, tlsPool.id);

    // Listeners in the full view: whole objects without `loadbalancers`.
    assert.equal('loadbalancers' in http, false);
    assert.deepEqual(
      [
        http.provisioning_status,
        http.operating_status,
        http.protocol,
        http.protocol_port,
        http.l7policies,
        http.project_id,
      ],
      ['PENDING_CREATE', 'OFFLINE', 'HTTP', 80, [], DEFAULT_PROJECT],
    );
    // Pools: whole objects without `loadbalancers`/`healthmonitor_id`, members and monitor inline.
    for (const p of pools) {
      assert.equal('loadbalancers' in p, false);
      assert.equal('healthmonitor_id' in p, false);
      assert.equal(p.provisioning_status, 'PENDING_CREATE');
    }
    assert.deepEqual(webPool.listeners, [{ id: http.id }]);
    assert.deepEqual(apiPool.listeners, []);
    assert.equal('healthmonitor' in apiPool, false);
    assert.deepEqual(apiPool.members, []);
    const hm = obj(webPool, 'healthmonitor');
    assertView(hm, {
      id: UUID,
      name: '',
      project_id: DEFAULT_PROJECT,
      tenant_id: DEFAULT_PROJECT,
      type: 'HTTP',
      delay: 5,
      timeout: 3,
      max_retries: 3,
      max_retries_down: 3,
      http_method: 'GET',
      url_path: '/health',
      expected_codes: '200',
      admin_state_up: true,
      provisioning_status: 'PENDING_CREATE',
      operating_status: 'OFFLINE',
      created_at: TIMESTAMP,
      updated_at: null,
      tags: [],
      http_version: null,
      domain_name: null,
    });
    const members = arr(webPool, 'members');
    assert.deepEqual(
      members.map((m) => [m.address, m.protocol_port, m.provisioning_status, m.operating_status, m.weight]),
      [
        ['192.0.2.10', 8080, 'PENDING_CREATE', 'OFFLINE', 1],
        ['192.0.2.11', 8080, 'PENDING_CREATE', 'OFFLINE', 1],
      ],
    );

    // The reference view of GET, while still pending.
    const got = await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer');
    assert.deepEqual((got.listeners as Wire[]).map((l) => l.id).sort(), listeners.map((l) => l.id).sort());
    assert.equal(got.provisioning_status, 'PENDING_CREATE');
    release();
    await s.settle();

    for (const l of listeners)
      assert.equal((await getOne(s, `listeners/${str(l, 'id')}`, 'listener')).provisioning_status, 'ACTIVE');
    for (const p of pools)
      assert.equal((await getOne(s, `pools/${str(p, 'id')}`, 'pool')).provisioning_status, 'ACTIVE');
    const gotHm = await getOne(s, `healthmonitors/${str(hm, 'id')}`, 'healthmonitor');
    assert.deepEqual(
      [gotHm.provisioning_status, gotHm.operating_status, gotHm.pools],
      ['ACTIVE', 'ONLINE', [{ id: webPool.id }]],
    );
    assert.equal((await getOne(s, `pools/${str(webPool, 'id')}`, 'pool')).healthmonitor_id, hm.id);
    assert.equal((await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status, 'ACTIVE');
    const tree = expectStatus(await s.json('GET', `${API}/loadbalancers/${lbId}/status`), 200);
    const treeListeners = (obj(obj(tree, 'statuses'), 'loadbalancer').listeners as Wire[]).map((l) => [
      l.name,
      (l.pools as Wire[]).map((p) => p.name),
    ]);
    assert.deepEqual(treeListeners.sort(), [
      ['http', ['web-pool']],
      ['tls-pass', ['tls-pool']],
    ]);
  });
});

test('graph members without a monitor are NO_MONITOR', async () => {
  await withServer(async (s) => {
    const lb = obj(
      expectStatus(
        await post(s, {
          loadbalancer: {
            vip_subnet_id: await defaultSubnetId(s),
            pools: [
              {
                name: 'p',
                protocol: 'TCP',
                lb_algorithm: 'ROUND_ROBIN',
                members: [{ address: '192.0.2.1', protocol_port: 22 }],
              },
            ],
          },
        }),
        201,
      ),
      'loadbalancer',
    );
    const pool = arr(lb, 'pools')[0] ?? {};
    assert.deepEqual(
      arr(pool, 'members').map((m) => m.operating_status),
      ['NO_MONITOR'],
    );
    assert.deepEqual(arr(lb, 'listeners'), []);
  });
});

test('graph errors: unnamed pool, unknown reference, duplicate names, missing attributes, protocol matrix, port clash', async () => {
  await withServer(async (s) => {
    const subnet = await defaultSubnetId(s);
    const lb = (extra: Wire): Wire => ({ loadbalancer: { vip_subnet_id: subnet, ...extra } });
    expectFault(
      await post(
        s,
        lb({
          listeners: [
            {
              protocol: 'HTTP',
              protocol_port: 80,
              default_pool: { protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
            },
          ],
        }),
      ),
      400,
      'Validation failure: Pools must be named when creating a fully populated loadbalancer.',
    );
    expectFault(
      await post(
        s,
        lb({ listeners: [{ protocol: 'HTTP', protocol_port: 80, default_pool: { name: 'ghost' } }] }),
      ),
      400,
      "Validation failure: Pool 'ghost' was referenced but no full definition was found.",
    );
    expectFault(
      await post(
        s,
        lb({
          pools: [
            { name: 'x', protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
            { name: 'x', protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN' },
          ],
        }),
      ),
      400,
      'Validation failure: Pool names must be unique when creating a fully populated loadbalancer.',
    );
    expectFault(
      await post(s, lb({ pools: [{ name: 'x', protocol: 'HTTP', members: [] }] })),
      400,
      "Validation failure: Pool definition for 'x' missing required attribute: lb_algorithm",
    );
    expectFault(
      await post(
        s,
        lb({
          listeners: [
            {
              protocol: 'UDP',
              protocol_port: 53,
              default_pool: { name: 'x', protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
            },
          ],
        }),
      ),
      400,
      "Validation failure: The pool protocol 'HTTP' is invalid while the listener protocol is 'UDP'.",
    );
    expectFault(
      await post(
        s,
        lb({
          listeners: [
            { protocol: 'HTTP', protocol_port: 80 },
            { protocol: 'TCP', protocol_port: 80 },
          ],
        }),
      ),
      409,
      'Another Listener on this Load Balancer is already using protocol HTTP and protocol_port 80',
    );
    expectFault(
      await post(
        s,
        lb({
          pools: [
            {
              name: 'x',
              protocol: 'HTTP',
              lb_algorithm: 'ROUND_ROBIN',
              members: [
                { address: '192.0.2.1', protocol_port: 80 },
                { address: '192.0.2.1', protocol_port: 80 },
              ],
            },
          ],
        }),
      ),
      409,
      'Another member on this pool is already using ip 192.0.2.1 on protocol_port 80',
    );
    expectFault(
      await post(s, lb({ listeners: [{ protocol: 'HTTP', protocol_port: 80, foo: 1 }] })),
      400,
      'Unknown attribute for argument load_balancer.loadbalancer.listeners: foo',
    );
    // A failed graph leaves nothing behind, and its VIP is not consumed.
    assert.deepEqual(
      arr(expectStatus(await s.json('GET', `${API}/loadbalancers`), 200), 'loadbalancers'),
      [],
    );
    assert.deepEqual(arr(expectStatus(await s.json('GET', `${API}/pools`), 200), 'pools'), []);
  });
});
