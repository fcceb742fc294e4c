import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  API,
  DEFAULT_PROJECT,
  TIMESTAMP,
  UUID,
  activeLb,
  activeMember,
  activeStack,
  arr,
  assertView,
  createOne,
  expectFault,
  expectStatus,
  getOne,
  holdReconciler,
  obj,
  str,
  withServer,
} from './api-fixtures.js';

test('POST /pools with listener_id: 201 full view; the listener gets it as default pool', async () => {
  await withServer(async (s) => {
    const lbId = await activeLb(s);
    const l = await createOne(s, 'listeners', 'listener', {
      loadbalancer_id: lbId,
      protocol: 'HTTP',
      protocol_port: 80,
    });
    await s.settle();
    const release = holdReconciler(s);
    const p = await createOne(s, 'pools', 'pool', {
      listener_id: l.id,
      protocol: 'HTTP',
      lb_algorithm: 'ROUND_ROBIN',
    });
    assertView(p, {
      id: UUID,
      name: '',
      description: '',
      provisioning_status: 'PENDING_CREATE',
      operating_status: 'OFFLINE',
      admin_state_up: true,
      protocol: 'HTTP',
      lb_algorithm: 'ROUND_ROBIN',
      session_persistence: null,
      project_id: DEFAULT_PROJECT,
      tenant_id: DEFAULT_PROJECT,
      loadbalancers: [{ id: lbId }],
      listeners: [{ id: l.id }],
      members: [],
      healthmonitor_id: null,
      created_at: TIMESTAMP,
      updated_at: null,
      tags: [],
      tls_container_ref: null,
      ca_tls_container_ref: null,
      crl_container_ref: null,
      tls_enabled: false,
      tls_ciphers: null,
      tls_versions: null,
      alpn_protocols: null,
    });
    const listener = await getOne(s, `listeners/${String(l.id)}`, 'listener');
    assert.deepEqual([listener.default_pool_id, listener.provisioning_status], [p.id, 'PENDING_UPDATE']);
    assert.equal(
      (await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
      'PENDING_UPDATE',
    );
    release();
    await s.settle();
    const got = await getOne(s, `pools/${String(p.id)}`, 'pool');
    assert.deepEqual({ ...got, provisioning_status: 'PENDING_CREATE' }, p);
    assert.equal(got.provisioning_status, 'ACTIVE');
    assert.equal((await getOne(s, `listeners/${String(l.id)}`, 'listener')).provisioning_status, 'ACTIVE');
    assert.deepEqual((await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).pools, [{ id: p.id }]);
    assert.deepEqual(arr(expectStatus(await s.json('GET', `${API}/pools`), 200), 'pools'), [got]);
  });
});

test('pool create errors: no parent, listener already has a default pool, protocol matrix', async () => {
  await withServer(async (s) => {
    const { lbId, listenerId } = await activeStack(s);
    expectFault(
      await s.json('POST', `${API}/pools`, { pool: { protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' } }),
      400,
      'Validation failure: Must provide at least one of: loadbalancer_id, listener_id',
    );
    expectFault(
      await s.json('POST', `${API}/pools`, {
        pool: { listener_id: listenerId, protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
      }),
      409,
      'This listener already has a default pool',
    );
    const udp = await createOne(s, 'listeners', 'listener', {
      loadbalancer_id: lbId,
      protocol: 'UDP',
      protocol_port: 53,
    });
    await s.settle();
    expectFault(
      await s.json('POST', `${API}/pools`, {
        pool: { listener_id: udp.id, protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
      }),
      400,
      "Validation failure: The pool protocol 'HTTP' is invalid while the listener protocol is 'UDP'.",
    );
    expectFault(
      await s.json('POST', `${API}/pools`, { pool: { loadbalancer_id: lbId, protocol: 'HTTP' } }),
      400,
      "Invalid input for field/attribute lb_algorithm. Value: 'None'. Mandatory field missing.",
    );
    const bad = await s.json('POST', `${API}/pools`, {
      pool: { loadbalancer_id: lbId, protocol: 'HTTP', lb_algorithm: 'RANDOM' },
    });
    assert.equal(bad.status, 400);
    assert.match(
      String(bad.body.faultstring),
      /^Invalid input for field\/attribute lb_algorithm\. Value: 'RANDOM'\. Value should be one of:/,
    );
    const missing = '33333333-3333-3333-3333-333333333333';
    expectFault(
      await s.json('POST', `${API}/pools`, {
        pool: { listener_id: missing, protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
      }),
      404,
      `Listener ${missing} not found.`,
    );
  });
});

test('session persistence: defaults, errors, PUT null removes', async () => {
  await withServer(async (s) => {
    const lbId = await activeLb(s);
    const post = (pool: Record<string, unknown>): ReturnType<typeof s.json> =>
      s.json('POST', `${API}/pools`, {
        pool: { loadbalancer_id: lbId, lb_algorithm: 'ROUND_ROBIN', ...pool },
      });
    expectFault(
      await post({ protocol: 'HTTP', session_persistence: { type: 'APP_COOKIE' } }),
      400,
      'Validation failure: Field "cookie_name" must be specified when using the "APP_COOKIE" session persistence type.',
    );
    expectFault(
      await post({ protocol: 'HTTP', session_persistence: { type: 'HTTP_COOKIE', cookie_name: 'c' } }),
      400,
      'Validation failure: Field "cookie_name" can only be specified with session persistence of type "APP_COOKIE".',
    );
    expectFault(
      await post({ protocol: 'HTTP', session_persistence: { type: 'SOURCE_IP', persistence_timeout: 10 } }),
      400,
      'Validation failure: persistence_timeout and persistence_granularity is only for UDP and SCTP protocol pools.',
    );
    expectFault(
      await post({ protocol: 'UDP', session_persistence: { type: 'HTTP_COOKIE' } }),
      400,
      'Validation failure: Session persistence of type HTTP_COOKIE is not supported for UDP/SCTP protocol pools.',
    );
    const created = obj(
      expectStatus(
        await post({ protocol: 'HTTP', session_persistence: { type: 'APP_COOKIE', cookie_name: 'sid' } }),
        201,
      ),
      'pool',
    );
    assert.deepEqual(created.session_persistence, {
      type: 'APP_COOKIE',
      cookie_name: 'sid',
      persistence_timeout: null,
      persistence_granularity: null,
    });
    await s.settle();
    const udp = obj(
      expectStatus(
        await post({
          protocol: 'UDP',
          session_persistence: {
            type: 'SOURCE_IP',
            persistence_timeout: '60',
            persistence_granularity: '255.255.255.0',
          },
        }),
        201,
      ),
      'pool',
    );
    assert.deepEqual(udp.session_persistence, {
      type: 'SOURCE_IP',
      cookie_name: null,
      persistence_timeout: 60,
      persistence_granularity: '255.255.255.0',
    });
    await s.settle();
    const put = obj(
      expectStatus(
        await s.json('PUT', `${API}/pools/${String(created.id)}`, { pool: { session_persistence: null } }),
        200,
      ),
      'pool',
    );
    assert.equal(put.session_persistence, null);
    await s.settle();
    assert.equal((await getOne(s, `pools/${String(created.id)}`, 'pool')).session_persistence, null);
  });
});

test('PUT: 200 PENDING_UPDATE on pool, its listener and the LB; null resets', async () => {
  await withServer(async (s) => {
    const { lbId, listenerId, poolId } = await activeStack(s);
    const release = holdReconciler(s);
    const put = obj(
      expectStatus(
        await s.json('PUT', `${API}/pools/${poolId}`, {
          pool: {
            name: null,
            description: null,
            lb_algorithm: 'LEAST_CONNECTIONS',
            admin_state_up: 'false',
            tags: ['a'],
          },
        }),
        200,
      ),
      'pool',
    );
    assert.deepEqual(
      [put.provisioning_status, put.name, put.description, put.lb_algorithm, put.admin_state_up, put.tags],
      ['PENDING_UPDATE', '', '', 'LEAST_CONNECTIONS', false, ['a']],
    );
    assert.match(String(put.updated_at), TIMESTAMP);
    assert.equal(
      (await getOne(s, `listeners/${listenerId}`, 'listener')).provisioning_status,
      'PENDING_UPDATE',
    );
    assert.equal(
      (await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
      'PENDING_UPDATE',
    );
    expectFault(
      await s.json('PUT', `${API}/pools/${poolId}`, { pool: {} }),
      409,
      `Load Balancer ${lbId} is immutable and cannot be updated.`,
    );
    release();
    await s.settle();
    for (const [path, key] of [
      [`pools/${poolId}`, 'pool'],
      [`listeners/${listenerId}`, 'listener'],
      [`loadbalancers/${lbId}`, 'loadbalancer'],
    ] as const) {
      assert.equal((await getOne(s, path, key)).provisioning_status, 'ACTIVE', path);
    }
    expectFault(
      await s.json('PUT', `${API}/pools/${poolId}`, { pool: { protocol: 'TCP' } }),
      400,
      'Unknown attribute for argument pool_.pool: protocol',
    );
    expectFault(
      await s.json('PUT', `${API}/pools/${poolId}`, { pool: { lb_algorithm: null } }),
      400,
      'None is not a valid option for lb_algorithm',
    );
  });
});

test('DELETE a listener default pool: 204, reference cleared, members and monitor go too', async () => {
  await withServer(async (s) => {
    const { lbId, listenerId, poolId } = await activeStack(s);
    const m = await activeMember(s, poolId, { address: '192.0.2.1', protocol_port: 80 });
    const hm = await createOne(s, 'healthmonitors', 'healthmonitor', {
      pool_id: poolId,
      type: 'PING',
      delay: 1,
      timeout: 1,
      max_retries: 1,
    });
    await s.settle();
    const release = holdReconciler(s);
    const res = await s.request('DELETE', `${API}/pools/${poolId}`);
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    assert.equal((await getOne(s, `pools/${poolId}`, 'pool')).provisioning_status, 'PENDING_DELETE');
    const listener = await getOne(s, `listeners/${listenerId}`, 'listener');
    assert.deepEqual([listener.default_pool_id, listener.provisioning_status], [null, 'PENDING_UPDATE']);
    assert.equal(
      (await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
      'PENDING_UPDATE',
    );
    release();
    await s.settle();
    expectFault(await s.json('GET', `${API}/pools/${poolId}`), 404, `Pool ${poolId} not found.`);
    expectFault(
      await s.json('GET', `${API}/pools/${poolId}/members/${String(m.id)}`),
      404,
      `Pool ${poolId} not found.`,
    );
    expectFault(
      await s.json('GET', `${API}/healthmonitors/${String(hm.id)}`),
      404,
      `Health Monitor ${String(hm.id)} not found.`,
    );
    const after = await getOne(s, `listeners/${listenerId}`, 'listener');
    assert.deepEqual([after.default_pool_id, after.provisioning_status], [null, 'ACTIVE']);
    const lb = await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer');
    assert.deepEqual([lb.pools, lb.provisioning_status], [[], 'ACTIVE']);
    assert.deepEqual(
      arr(expectStatus(await s.json('GET', `${API}/healthmonitors`), 200), 'healthmonitors'),
      [],
    );
  });
});

test('a pool created with loadbalancer_id has no listeners; binding it via PUT default_pool_id', async () => {
  await withServer(async (s) => {
    const { lbId } = await activeStack(s);
    const p = await createOne(s, 'pools', 'pool', {
      loadbalancer_id: lbId,
      protocol: 'PROXY',
      lb_algorithm: 'SOURCE_IP',
    });
    assert.deepEqual([p.listeners, p.loadbalancers], [[], [{ id: lbId }]]);
    await s.settle();
    const l2 = await createOne(s, 'listeners', 'listener', {
      loadbalancer_id: lbId,
      protocol: 'TCP',
      protocol_port: 8443,
    });
    await s.settle();
    const put = obj(
      expectStatus(
        await s.json('PUT', `${API}/listeners/${String(l2.id)}`, { listener: { default_pool_id: p.id } }),
        200,
      ),
      'listener',
    );
    assert.equal(put.default_pool_id, p.id);
    await s.settle();
    assert.deepEqual((await getOne(s, `pools/${str(p, 'id')}`, 'pool')).listeners, [{ id: l2.id }]);
  });
});
