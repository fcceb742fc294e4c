import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  API,
  DEFAULT_PROJECT,
  TIMESTAMP,
  UUID,
  activeHealthMonitor,
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

test('POST HTTP monitor: 201 full view with HTTP defaults; ONLINE after activation', async () => {
  await withServer(async (s) => {
    const { lbId, listenerId, poolId } = await activeStack(s);
    const release = holdReconciler(s);
    const hm = await createOne(s, 'healthmonitors', 'healthmonitor', {
      pool_id: poolId,
      type: 'HTTP',
      delay: '5',
      timeout: 3,
      max_retries: 3,
    });
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
      url_path: '/',
      expected_codes: '200',
      admin_state_up: true,
      pools: [{ id: poolId }],
      provisioning_status: 'PENDING_CREATE',
      operating_status: 'OFFLINE',
      created_at: TIMESTAMP,
      updated_at: null,
      tags: [],
      http_version: null,
      domain_name: null,
    });
    for (const [path, key] of [
      [`pools/${poolId}`, 'pool'],
      [`listeners/${listenerId}`, 'listener'],
      [`loadbalancers/${lbId}`, 'loadbalancer'],
    ] as const) {
      assert.equal((await getOne(s, path, key)).provisioning_status, 'PENDING_UPDATE', path);
    }
    expectFault(
      await s.json('PUT', `${API}/healthmonitors/${str(hm, 'id')}`, { healthmonitor: { delay: 6 } }),
      409,
      `Pool ${poolId} is immutable and cannot be updated.`,
    );
    release();
    await s.settle();
    const got = await getOne(s, `healthmonitors/${str(hm, 'id')}`, 'healthmonitor');
    assert.deepEqual({ ...got, provisioning_status: 'PENDING_CREATE', operating_status: 'OFFLINE' }, hm);
    assert.deepEqual([got.provisioning_status, got.operating_status], ['ACTIVE', 'ONLINE']);
    assert.equal((await getOne(s, `pools/${poolId}`, 'pool')).healthmonitor_id, hm.id);
    assert.deepEqual(arr(expectStatus(await s.json('GET', `${API}/healthmonitors`), 200), 'healthmonitors'), [
      got,
    ]);
  });
});

test('a disabled monitor is OFFLINE after activation; TCP monitors have null http fields', async () => {
  await withServer(async (s) => {
    const { poolId } = await activeStack(s);
    const hm = await activeHealthMonitor(s, poolId, {
      type: 'TCP',
      admin_state_up: false,
      max_retries_down: 2,
      name: 'tcp',
    });
    assert.deepEqual(
      [hm.http_method, hm.url_path, hm.expected_codes, hm.max_retries_down],
      [null, null, null, 2],
    );
    const got = await getOne(s, `healthmonitors/${str(hm, 'id')}`, 'healthmonitor');
    assert.deepEqual(
      [got.provisioning_status, got.operating_status, got.admin_state_up, got.name],
      ['ACTIVE', 'OFFLINE', false, 'tcp'],
    );
  });
});

test('monitor rules: second monitor 409, type vs pool protocol 400, http fields on TCP 400', async () => {
  await withServer(async (s) => {
    const { lbId, poolId } = await activeStack(s);
    const base = { delay: 5, timeout: 3, max_retries: 3 };
    expectFault(
      await s.json('POST', `${API}/healthmonitors`, {
        healthmonitor: { pool_id: poolId, type: 'TCP', http_method: 'GET', ...base },
      }),
      400,
      'http_method is not a valid option for health monitors of type TCP',
    );
    expectFault(
      await s.json('POST', `${API}/healthmonitors`, {
        healthmonitor: { pool_id: poolId, type: 'UDP-CONNECT', ...base },
      }),
      400,
      'Validation failure: The UDP-CONNECT type is only supported for pools of type UDP/SCTP.',
    );
    expectFault(
      await s.json('POST', `${API}/healthmonitors`, {
        healthmonitor: { pool_id: poolId, type: 'HTTP', delay: 5, timeout: 3 },
      }),
      400,
      "Invalid input for field/attribute max_retries. Value: 'None'. Mandatory field missing.",
    );
    await activeHealthMonitor(s, poolId);
    expectFault(
      await s.json('POST', `${API}/healthmonitors`, {
        healthmonitor: { pool_id: poolId, type: 'TCP', ...base },
      }),
      409,
      'This pool already has a health monitor',
    );
    const udp = await createOne(s, 'pools', 'pool', {
      loadbalancer_id: lbId,
      protocol: 'UDP',
      lb_algorithm: 'ROUND_ROBIN',
    });
    await s.settle();
    expectFault(
      await s.json('POST', `${API}/healthmonitors`, {
        healthmonitor: { pool_id: udp.id, type: 'HTTPS', ...base },
      }),
      400,
      'Validation failure: The associated pool protocol is UDP, so only a UDP-CONNECT/SCTP/TCP/HTTP health monitor is supported.',
    );
    expectFault(
      await s.json('POST', `${API}/healthmonitors`, {
        healthmonitor: { pool_id: udp.id, type: 'UDP-CONNECT', ...base, delay: 2 },
      }),
      400,
      'Validation failure: The request delay value 2 should be larger than 3 for UDP-CONNECT health monitor type.',
    );
    const ok = await activeHealthMonitor(s, str(udp, 'id'), { type: 'UDP-CONNECT' });
    assert.deepEqual([ok.type, ok.http_method], ['UDP-CONNECT', null]);
    const missing = '55555555-5555-5555-5555-555555555555';
    expectFault(
      await s.json('POST', `${API}/healthmonitors`, {
        healthmonitor: { pool_id: missing, type: 'TCP', ...base },
      }),
      404,
      `Pool ${missing} not found.`,
    );
  });
});

test('members start OFFLINE on a monitored pool and become NO_MONITOR when the monitor goes', async () => {
  await withServer(async (s) => {
    const { poolId } = await activeStack(s);
    const before = await activeMember(s, poolId, { address: '192.0.2.1', protocol_port: 80 });
    assert.equal(before.operating_status, 'NO_MONITOR');
    const hm = await activeHealthMonitor(s, poolId);
    const after = await activeMember(s, poolId, { address: '192.0.2.2', protocol_port: 80 });
    assert.equal(after.operating_status, 'OFFLINE');
    const id = str(hm, 'id');
    const release = holdReconciler(s);
    const res = await s.request('DELETE', `${API}/healthmonitors/${id}`);
    assert.equal(res.statusCode, 204);
    assert.equal(
      (await getOne(s, `healthmonitors/${id}`, 'healthmonitor')).provisioning_status,
      'PENDING_DELETE',
    );
    assert.equal((await getOne(s, `pools/${poolId}`, 'pool')).provisioning_status, 'PENDING_UPDATE');
    release();
    await s.settle();
    expectFault(await s.json('GET', `${API}/healthmonitors/${id}`), 404, `Health Monitor ${id} not found.`);
    const pool = await getOne(s, `pools/${poolId}`, 'pool');
    assert.deepEqual([pool.healthmonitor_id, pool.provisioning_status], [null, 'ACTIVE']);
    const ms = arr(
      expectStatus(await s.json('GET', `${API}/pools/${poolId}/members?sort=address`), 200),
      'members',
    );
    assert.deepEqual(
      ms.map((m) => [m.address, m.operating_status]),
      [
        ['192.0.2.1', 'NO_MONITOR'],
        ['192.0.2.2', 'NO_MONITOR'],
      ],
    );
  });
});

test('PUT monitor: 200 PENDING_UPDATE; null resets http fields and max_retries_down; mandatory fields refuse null', async () => {
  await withServer(async (s) => {
    const { poolId } = await activeStack(s);
    const hm = await activeHealthMonitor(s, poolId, {
      http_method: 'POST',
      url_path: '/health',
      expected_codes: '200-204',
      max_retries_down: 5,
      name: 'x',
    });
    const id = str(hm, 'id');
    const put = obj(
      expectStatus(
        await s.json('PUT', `${API}/healthmonitors/${id}`, {
          healthmonitor: {
            http_method: null,
            url_path: null,
            expected_codes: null,
            max_retries_down: null,
            name: null,
            delay: '10',
          },
        }),
        200,
      ),
      'healthmonitor',
    );
    assert.deepEqual(
      [
        put.provisioning_status,
        put.http_method,
        put.url_path,
        put.expected_codes,
        put.max_retries_down,
        put.name,
        put.delay,
      ],
      ['PENDING_UPDATE', 'GET', '/', '200', 3, '', 10],
    );
    assert.match(String(put.updated_at), TIMESTAMP);
    await s.settle();
    assert.equal((await getOne(s, `healthmonitors/${id}`, 'healthmonitor')).provisioning_status, 'ACTIVE');
    expectFault(
      await s.json('PUT', `${API}/healthmonitors/${id}`, { healthmonitor: { delay: null } }),
      400,
      'None is not a valid option for delay',
    );
    expectFault(
      await s.json('PUT', `${API}/healthmonitors/${id}`, { healthmonitor: { type: 'TCP' } }),
      400,
      'Unknown attribute for argument health_monitor_.healthmonitor: type',
    );
  });
});

test('monitor path styles: /v2/healthmonitors and .json', async () => {
  await withServer(async (s) => {
    const lbId = await activeLb(s);
    const pool = await createOne(s, 'pools', 'pool', {
      loadbalancer_id: lbId,
      protocol: 'TCP',
      lb_algorithm: 'ROUND_ROBIN',
    });
    await s.settle();
    const res = await s.json('POST', '/load-balancer/v2/healthmonitors', {
      healthmonitor: { pool_id: pool.id, type: 'TCP', delay: 1, timeout: 1, max_retries: 1 },
    });
    const id = str(obj(expectStatus(res, 201), 'healthmonitor'), 'id');
    assert.equal(
      obj(
        expectStatus(await s.json('GET', `/load-balancer/v2/lbaas/healthmonitors/${id}.json`), 200),
        'healthmonitor',
      ).id,
      id,
    );
  });
});
