import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DesiredState } from '@lbaas/core';
import { TestServer } from '../test-support/test-server.js';
import type { ProvisioningDriver } from '../reconciler/provisioning-driver.js';
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
  memberOf,
  obj,
  str,
  type Wire,
  withServer,
} from './api-fixtures.js';

const PATH_API = { type: 'PATH', compare_type: 'STARTS_WITH', value: '/api' };

/** An HTTP listener whose policies are `policies`, a default pool and an `api-pool` to redirect to. */
function graph(subnetId: string, policies: Wire[], pools: Wire[] = []): Wire {
  return {
    loadbalancer: {
      name: 'web',
      vip_subnet_id: subnetId,
      listeners: [
        {
          name: 'http',
          protocol: 'HTTP',
          protocol_port: 80,
          default_pool: { name: 'web-pool', protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
          l7policies: policies,
        },
      ],
      pools: [{ name: 'api-pool', protocol: 'HTTP', lb_algorithm: 'LEAST_CONNECTIONS' }, ...pools],
    },
  };
}

/** Three policies: appended, inserted at 1, appended → final order reject, api, url. */
const THREE_POLICIES: Wire[] = [
  { name: 'api', action: 'REDIRECT_TO_POOL', redirect_pool: { name: 'api-pool' }, rules: [PATH_API] },
  {
    name: 'reject',
    action: 'REJECT',
    position: 1,
    rules: [
      { type: 'PATH', compare_type: 'STARTS_WITH', value: '/api/admin' },
      { type: 'HEADER', key: 'X-Foo', compare_type: 'EQUAL_TO', value: 'bar', invert: true },
    ],
  },
  { name: 'url', action: 'REDIRECT_TO_URL', redirect_url: 'http://example.com/' },
];

async function post(s: TestServer, body: Wire, headers: Record<string, string> = {}): Promise<Wire> {
  return obj(expectStatus(await s.json('POST', `${API}/loadbalancers`, body, headers), 201), 'loadbalancer');
}

async function count(s: TestServer, collection: string): Promise<number> {
  return arr(expectStatus(await s.json('GET', `${API}/${collection}`), 200), collection).length;
}

test('graph L7: policies and rules created with positions, shown in full view, GETs and status tree', async () => {
  await withServer(async (s) => {
    const release = holdReconciler(s);
    const lb = await post(s, graph(await defaultSubnetId(s), THREE_POLICIES));
    const http = arr(lb, 'listeners')[0] ?? {};
    const apiPool = arr(lb, 'pools').find((p) => p.name === 'api-pool') ?? {};
    const policies = arr(http, 'l7policies');
    assert.deepEqual(
      policies.map((p) => [p.name, p.position, p.action]),
      [
        ['reject', 1, 'REJECT'],
        ['api', 2, 'REDIRECT_TO_POOL'],
        ['url', 3, 'REDIRECT_TO_URL'],
      ],
    );
    const [reject, api, url] = policies as [Wire, Wire, Wire];
    assertView(api, {
      id: UUID,
      name: 'api',
      description: '',
      provisioning_status: 'PENDING_CREATE',
      operating_status: 'OFFLINE',
      admin_state_up: true,
      project_id: DEFAULT_PROJECT,
      tenant_id: DEFAULT_PROJECT,
      action: 'REDIRECT_TO_POOL',
      listener_id: str(http, 'id'),
      redirect_pool_id: str(apiPool, 'id'),
      redirect_url: null,
      redirect_prefix: null,
      position: 2,
      rules: arr(api, 'rules'),
      created_at: TIMESTAMP,
      updated_at: null,
      tags: [],
      redirect_http_code: null,
    });
    assert.deepEqual([url.redirect_url, url.redirect_http_code], ['http://example.com/', 302]);
    assert.deepEqual(arr(url, 'rules'), []);
    // Rules inline as whole objects, in request order.
    const rejectRules = arr(reject, 'rules');
    assert.deepEqual(
      rejectRules.map((r) => [r.type, r.compare_type, r.key, r.value, r.invert, r.provisioning_status]),
      [
        ['PATH', 'STARTS_WITH', null, '/api/admin', false, 'PENDING_CREATE'],
        ['HEADER', 'EQUAL_TO', 'X-Foo', 'bar', true, 'PENDING_CREATE'],
      ],
    );
    assert.match(str(rejectRules[0] ?? {}, 'id'), UUID);
    // The redirect pool knows the listener through the policy.
    assert.deepEqual(apiPool.listeners, [{ id: http.id }]);

    // Reference views: listener lists its policies in position order; policies list their rule ids.
    const listener = await getOne(s, `listeners/${str(http, 'id')}`, 'listener');
    assert.deepEqual(listener.l7policies, [{ id: reject.id }, { id: api.id }, { id: url.id }]);
    const gotReject = await getOne(s, `l7policies/${str(reject, 'id')}`, 'l7policy');
    assert.deepEqual(
      arr(gotReject, 'rules')
        .map((r) => str(r, 'id'))
        .sort(),
      rejectRules.map((r) => str(r, 'id')).sort(),
    );
    const listed = arr(
      expectStatus(await s.json('GET', `${API}/l7policies/${str(reject, 'id')}/rules`), 200),
      'rules',
    );
    assert.deepEqual(listed.map((r) => r.id).sort(), rejectRules.map((r) => str(r, 'id')).sort());

    release();
    await s.settle();
    for (const p of policies) {
      const got = await getOne(s, `l7policies/${str(p, 'id')}`, 'l7policy');
      assert.deepEqual([got.provisioning_status, got.position], ['ACTIVE', p.position]);
    }
    const rule = await getOne(
      s,
      `l7policies/${str(reject, 'id')}/rules/${str(rejectRules[1] ?? {}, 'id')}`,
      'rule',
    );
    assert.equal(rule.provisioning_status, 'ACTIVE');
    // Status tree: listener pools = default pool + redirect pool of an enabled policy with rules.
    const tree = expectStatus(await s.json('GET', `${API}/loadbalancers/${str(lb, 'id')}/status`), 200);
    const treeListener = (obj(obj(tree, 'statuses'), 'loadbalancer').listeners as Wire[])[0] ?? {};
    assert.deepEqual(
      arr(treeListener, 'pools')
        .map((p) => str(p, 'name'))
        .sort(),
      ['api-pool', 'web-pool'],
    );
  });
});

test('graph L7: a redirect pool defined inline is hoisted; positions past the end append', async () => {
  await withServer(async (s) => {
    const lb = await post(
      s,
      graph(await defaultSubnetId(s), [
        { action: 'REJECT', position: 5, rules: [PATH_API] },
        {
          action: 'REDIRECT_TO_POOL',
          position: 1,
          redirect_pool: { name: 'inline', protocol: 'HTTP', lb_algorithm: 'SOURCE_IP' },
        },
      ]),
    );
    const inline = arr(lb, 'pools').find((p) => p.name === 'inline');
    assert.ok(inline, 'inline pool created');
    assert.equal(inline.lb_algorithm, 'SOURCE_IP');
    const policies = arr(arr(lb, 'listeners')[0] ?? {}, 'l7policies');
    assert.deepEqual(
      policies.map((p) => [p.action, p.position, p.redirect_pool_id]),
      [
        ['REDIRECT_TO_POOL', 1, inline.id],
        ['REJECT', 2, null],
      ],
    );
  });
});

test('graph L7: bad rule, bad policy, incompatible pool, non-HTTP listener, too many rules → nothing created', async () => {
  await withServer(async (s) => {
    const subnet = await defaultSubnetId(s);
    const send = (body: Wire) => s.json('POST', `${API}/loadbalancers`, body);
    expectFault(
      await send(
        graph(subnet, [
          { action: 'REJECT', rules: [{ type: 'HEADER', compare_type: 'EQUAL_TO', value: 'x' }] },
        ]),
      ),
      400,
      'Error parsing L7Rule: Invalid L7 Rule: L7 rule type requires a key',
    );
    expectFault(
      await send(graph(subnet, [{ action: 'REDIRECT_TO_POOL', rules: [PATH_API] }])),
      400,
      'Invalid L7 Policy arguments: redirect_pool_id or redirect_pool must not be None',
    );
    expectFault(
      await send(graph(subnet, [{ action: 'REDIRECT_TO_POOL', redirect_pool: { name: 'ghost' } }])),
      400,
      "Validation failure: Pool 'ghost' was referenced but no full definition was found.",
    );
    expectFault(
      await send(
        graph(
          subnet,
          [{ action: 'REDIRECT_TO_POOL', redirect_pool: { name: 'udp' } }],
          [{ name: 'udp', protocol: 'UDP', lb_algorithm: 'ROUND_ROBIN' }],
        ),
      ),
      400,
      "Validation failure: The pool protocol 'UDP' is invalid while the listener protocol is 'HTTP'.",
    );
    const tcp = graph(subnet, [{ action: 'REJECT' }]);
    Object.assign(((tcp.loadbalancer as Wire).listeners as Wire[])[0] ?? {}, {
      protocol: 'TCP',
      default_pool: { name: 'web-pool', protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN' },
    });
    const notHttp = await send(tcp);
    assert.equal(notHttp.status, 501);
    assert.match(String(notHttp.body.faultstring), /TCP protocol listeners do not support L7 policies$/);
    const many = await send(graph(subnet, [{ action: 'REJECT', rules: Array(51).fill(PATH_API) }]));
    assert.equal(many.status, 409);
    assert.match(String(many.body.faultstring), /^Too many rules on L7 policy [0-9a-f-]{36}$/);

    for (const collection of ['loadbalancers', 'listeners', 'pools', 'l7policies'])
      assert.equal(await count(s, collection), 0, collection);
  });
});

test('graph L7: policies and rules are not quota-checked', async () => {
  await withServer(async (s) => {
    const p1 = memberOf('p1');
    expectStatus(await s.json('PUT', `${API}/quotas/p1`, { quota: { l7policy: 0, l7rule: 0 } }, {}), 202);
    const lb = await post(s, graph(await defaultSubnetId(s), THREE_POLICIES), p1);
    assert.equal(arr(arr(lb, 'listeners')[0] ?? {}, 'l7policies').length, 3);
    // The standalone create of the same listener is refused by the quota.
    const listenerId = str(arr(lb, 'listeners')[0] ?? {}, 'id');
    await s.settle();
    expectFault(
      await s.json(
        'POST',
        `${API}/l7policies`,
        { l7policy: { listener_id: listenerId, action: 'REJECT' } },
        p1,
      ),
      403,
      'Quota has been met for resources: L7 Policy',
    );
  });
});

test('graph L7: the desired state handed to the driver carries the policies and rules', async () => {
  const applied: DesiredState[] = [];
  const driver: ProvisioningDriver = {
    name: 'capture',
    apply: (desired) => {
      applied.push(desired);
      return Promise.resolve();
    },
    remove: () => Promise.resolve(),
  };
  const s = await TestServer.start({ driver });
  try {
    const lb = await post(s, graph(await defaultSubnetId(s), THREE_POLICIES));
    await s.settle();
    const desired = applied.find((d) => d.loadBalancer.id === lb.id);
    assert.ok(desired, 'driver saw the load balancer');
    assert.deepEqual(
      [...desired.l7Policies].sort((a, b) => a.position - b.position).map((p) => [p.name, p.position]),
      [
        ['reject', 1],
        ['api', 2],
        ['url', 3],
      ],
    );
    const rejectId = desired.l7Policies.find((p) => p.name === 'reject')?.id;
    assert.deepEqual(desired.l7Rules.map((r) => [r.l7policy_id === rejectId, r.type, r.value]).sort(), [
      [false, 'PATH', '/api'],
      [true, 'HEADER', 'bar'],
      [true, 'PATH', '/api/admin'],
    ]);
  } finally {
    await s.close();
  }
});
