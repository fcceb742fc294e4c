import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  API,
  DEFAULT_PROJECT,
  TIMESTAMP,
  UUID,
  activeLb,
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

test('POST /listeners: 201 with every field and its default', async () => {
  await withServer(async (s) => {
    const lbId = await activeLb(s);
    const l = await createOne(s, 'listeners', 'listener', {
      loadbalancer_id: lbId,
      protocol: 'HTTP',
      protocol_port: 80,
    });
    assertView(l, {
      id: UUID,
      name: '',
      description: '',
      provisioning_status: 'PENDING_CREATE',
      operating_status: 'OFFLINE',
      admin_state_up: true,
      protocol: 'HTTP',
      protocol_port: 80,
      connection_limit: -1,
      default_tls_container_ref: null,
      sni_container_refs: [],
      project_id: DEFAULT_PROJECT,
      tenant_id: DEFAULT_PROJECT,
      default_pool_id: null,
      l7policies: [],
      insert_headers: {},
      created_at: TIMESTAMP,
      updated_at: null,
      loadbalancers: [{ id: lbId }],
      timeout_client_data: 50000,
      timeout_member_connect: 5000,
      timeout_member_data: 50000,
      timeout_tcp_inspect: 0,
      tags: [],
      client_ca_tls_container_ref: null,
      client_authentication: 'NONE',
      client_crl_container_ref: null,
      allowed_cidrs: null,
      tls_ciphers: null,
      tls_versions: null,
      alpn_protocols: null,
      hsts_max_age: null,
      hsts_include_subdomains: false,
      hsts_preload: false,
    });
  });
});

test('listener create locks the load balancer; a second create while PENDING_UPDATE is 409', async () => {
  await withServer(async (s) => {
    const lbId = await activeLb(s);
    const release = holdReconciler(s);
    const l = await createOne(s, 'listeners', 'listener', {
      loadbalancer_id: lbId,
      protocol: 'HTTP',
      protocol_port: 80,
    });
    assert.equal(
      (await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
      'PENDING_UPDATE',
    );
    assert.equal(
      (await getOne(s, `listeners/${String(l.id)}`, 'listener')).provisioning_status,
      'PENDING_CREATE',
    );
    expectFault(
      await s.json('POST', `${API}/listeners`, {
        listener: { loadbalancer_id: lbId, protocol: 'TCP', protocol_port: 81 },
      }),
      409,
      `Load Balancer ${lbId} is immutable and cannot be updated.`,
    );
    release();
    await s.settle();
    assert.equal((await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status, 'ACTIVE');
    const got = await getOne(s, `listeners/${String(l.id)}`, 'listener');
    assert.equal(got.provisioning_status, 'ACTIVE');
    const lb = await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer');
    assert.deepEqual(lb.listeners, [{ id: l.id }]);
    assert.deepEqual(arr(expectStatus(await s.json('GET', `${API}/listeners`), 200), 'listeners'), [got]);
  });
});

test('numeric and boolean strings are coerced', async () => {
  await withServer(async (s) => {
    const lbId = await activeLb(s);
    const l = await createOne(s, 'listeners', 'listener', {
      loadbalancer_id: lbId,
      protocol: 'HTTP',
      protocol_port: '80',
      connection_limit: '10',
      admin_state_up: 'false',
      timeout_client_data: '1000',
    });
    assert.deepEqual(
      [l.protocol_port, l.connection_limit, l.admin_state_up, l.timeout_client_data],
      [80, 10, false, 1000],
    );
    await s.settle();
    const put = obj(
      expectStatus(
        await s.json('PUT', `${API}/listeners/${String(l.id)}`, {
          listener: { admin_state_up: 'true', connection_limit: '5' },
        }),
        200,
      ),
      'listener',
    );
    assert.deepEqual([put.admin_state_up, put.connection_limit], [true, 5]);
  });
});

test('bad scalar values: 400 in WSME words', async () => {
  await withServer(async (s) => {
    const lbId = await activeLb(s);
    const bad = await s.json('POST', `${API}/listeners`, {
      listener: { loadbalancer_id: lbId, protocol: 'HTTP', protocol_port: 80, admin_state_up: 'maybe' },
    });
    assert.equal(bad.status, 400);
    assert.match(String(bad.body.faultstring), /Value not an unambiguous boolean/);
    expectFault(
      await s.json('POST', `${API}/listeners`, { listener: { loadbalancer_id: lbId, protocol: 'HTTP' } }),
      400,
      "Invalid input for field/attribute protocol_port. Value: 'None'. Mandatory field missing.",
    );
    expectFault(
      await s.json('POST', `${API}/listeners`, {
        listener: { loadbalancer_id: lbId, protocol: 'HTTP', protocol_port: 80, foo: 1 },
      }),
      400,
      'Unknown attribute for argument listener_.listener: foo',
    );
  });
});

test('PUT: 200 PENDING_UPDATE, LB PENDING_UPDATE; null resets to defaults', async () => {
  await withServer(async (s) => {
    const lbId = await activeLb(s);
    const l = await createOne(s, 'listeners', 'listener', {
      loadbalancer_id: lbId,
      protocol: 'HTTP',
      protocol_port: 80,
      name: 'n',
      description: 'd',
      connection_limit: 10,
      timeout_client_data: 1,
      timeout_member_connect: 2,
      timeout_member_data: 3,
      timeout_tcp_inspect: 4,
      insert_headers: { 'X-Forwarded-For': 'true' },
      allowed_cidrs: ['192.0.2.1/24'],
      tags: ['x'],
    });
    assert.deepEqual(l.allowed_cidrs, ['192.0.2.0/24']);
    await s.settle();
    const id = str(l, 'id');
    const release = holdReconciler(s);
    const res = await s.json('PUT', `${API}/listeners/${id}`, {
      listener: {
        name: null,
        description: null,
        connection_limit: null,
        timeout_client_data: null,
        timeout_member_connect: null,
        timeout_member_data: null,
        timeout_tcp_inspect: null,
        insert_headers: null,
        allowed_cidrs: null,
        tags: null,
        client_authentication: null,
      },
    });
    const put = obj(expectStatus(res, 200), 'listener');
    assert.equal(put.provisioning_status, 'PENDING_UPDATE');
    assert.match(String(put.updated_at), TIMESTAMP);
    assert.deepEqual(
      {
        name: put.name,
        description: put.description,
        connection_limit: put.connection_limit,
        timeout_client_data: put.timeout_client_data,
        timeout_member_connect: put.timeout_member_connect,
        timeout_member_data: put.timeout_member_data,
        timeout_tcp_inspect: put.timeout_tcp_inspect,
        insert_headers: put.insert_headers,
        allowed_cidrs: put.allowed_cidrs,
        tags: put.tags,
        client_authentication: put.client_authentication,
      },
      {
        name: '',
        description: '',
        connection_limit: -1,
        timeout_client_data: 50000,
        timeout_member_connect: 5000,
        timeout_member_data: 50000,
        timeout_tcp_inspect: 0,
        insert_headers: {},
        allowed_cidrs: null,
        tags: [],
        client_authentication: 'NONE',
      },
    );
    assert.equal(
      (await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
      'PENDING_UPDATE',
    );
    expectFault(
      await s.json('PUT', `${API}/listeners/${id}`, { listener: { name: 'again' } }),
      409,
      `Load Balancer ${lbId} is immutable and cannot be updated.`,
    );
    release();
    await s.settle();
    assert.equal((await getOne(s, `listeners/${id}`, 'listener')).provisioning_status, 'ACTIVE');
    expectFault(
      await s.json('PUT', `${API}/listeners/${id}`, { listener: { protocol: 'TCP' } }),
      400,
      'Unknown attribute for argument listener_.listener: protocol',
    );
  });
});

test('port clash: TCP:80 vs HTTP:80 is 409; TCP:53 and UDP:53 coexist', async () => {
  await withServer(async (s) => {
    const lbId = await activeLb(s);
    await createOne(s, 'listeners', 'listener', {
      loadbalancer_id: lbId,
      protocol: 'HTTP',
      protocol_port: 80,
    });
    await s.settle();
    expectFault(
      await s.json('POST', `${API}/listeners`, {
        listener: { loadbalancer_id: lbId, protocol: 'TCP', protocol_port: 80 },
      }),
      409,
      'Another Listener on this Load Balancer is already using protocol HTTP and protocol_port 80',
    );
    await createOne(s, 'listeners', 'listener', {
      loadbalancer_id: lbId,
      protocol: 'TCP',
      protocol_port: 53,
    });
    await s.settle();
    await createOne(s, 'listeners', 'listener', {
      loadbalancer_id: lbId,
      protocol: 'UDP',
      protocol_port: 53,
    });
    await s.settle();
    expectFault(
      await s.json('POST', `${API}/listeners`, {
        listener: { loadbalancer_id: lbId, protocol: 'UDP', protocol_port: 53 },
      }),
      409,
      'Another Listener on this Load Balancer is already using protocol UDP and protocol_port 53',
    );
    const ports = arr(
      expectStatus(await s.json('GET', `${API}/listeners?sort=protocol_port,protocol`), 200),
      'listeners',
    ).map((l) => `${String(l.protocol)}:${String(l.protocol_port)}`);
    assert.deepEqual(ports, ['TCP:53', 'UDP:53', 'HTTP:80']);
  });
});

test('listener rules through the API: TLS refs, insert_headers, default pool protocol', async () => {
  await withServer(async (s) => {
    const lbId = await activeLb(s);
    expectFault(
      await s.json('POST', `${API}/listeners`, {
        listener: { loadbalancer_id: lbId, protocol: 'TERMINATED_HTTPS', protocol_port: 443 },
      }),
      400,
      'Validation failure: An SNI or default certificate container reference must be provided for TERMINATED_HTTPS protocol listeners.',
    );
    expectFault(
      await s.json('POST', `${API}/listeners`, {
        listener: {
          loadbalancer_id: lbId,
          protocol: 'TCP',
          protocol_port: 443,
          default_tls_container_ref: 'ref',
        },
      }),
      400,
      'Validation failure: Certificate container references are not allowed on TCP protocol listeners.',
    );
    expectFault(
      await s.json('POST', `${API}/listeners`, {
        listener: {
          loadbalancer_id: lbId,
          protocol: 'TCP',
          protocol_port: 80,
          insert_headers: { 'X-Forwarded-For': 'true' },
        },
      }),
      400,
      'insert-headers is not a valid option for a TCP protocol listener.',
    );
    const pool = await createOne(s, 'pools', 'pool', {
      loadbalancer_id: lbId,
      protocol: 'TCP',
      lb_algorithm: 'ROUND_ROBIN',
    });
    await s.settle();
    expectFault(
      await s.json('POST', `${API}/listeners`, {
        listener: { loadbalancer_id: lbId, protocol: 'HTTP', protocol_port: 80, default_pool_id: pool.id },
      }),
      400,
      "Validation failure: The pool protocol 'TCP' is invalid while the listener protocol is 'HTTP'.",
    );
    const missing = '11111111-1111-1111-1111-111111111111';
    expectFault(
      await s.json('POST', `${API}/listeners`, {
        listener: { loadbalancer_id: lbId, protocol: 'TCP', protocol_port: 80, default_pool_id: missing },
      }),
      404,
      `Pool ${missing} not found.`,
    );
    const l = await createOne(s, 'listeners', 'listener', {
      loadbalancer_id: lbId,
      protocol: 'TCP',
      protocol_port: 80,
      default_pool_id: pool.id,
    });
    assert.equal(l.default_pool_id, pool.id);
    await s.settle();
    assert.deepEqual((await getOne(s, `pools/${String(pool.id)}`, 'pool')).listeners, [{ id: l.id }]);
    const cleared = obj(
      expectStatus(
        await s.json('PUT', `${API}/listeners/${String(l.id)}`, { listener: { default_pool_id: null } }),
        200,
      ),
      'listener',
    );
    assert.equal(cleared.default_pool_id, null);
    await s.settle();
    assert.deepEqual((await getOne(s, `pools/${String(pool.id)}`, 'pool')).listeners, []);
  });
});

test('listener on an unknown load balancer: 404', async () => {
  await withServer(async (s) => {
    const missing = '22222222-2222-2222-2222-222222222222';
    expectFault(
      await s.json('POST', `${API}/listeners`, {
        listener: { loadbalancer_id: missing, protocol: 'HTTP', protocol_port: 80 },
      }),
      404,
      `Load Balancer ${missing} not found.`,
    );
  });
});

test('DELETE: 204, PENDING_DELETE with the LB PENDING_UPDATE, then 404', async () => {
  await withServer(async (s) => {
    const lbId = await activeLb(s);
    const l = await createOne(s, 'listeners', 'listener', {
      loadbalancer_id: lbId,
      protocol: 'HTTP',
      protocol_port: 80,
    });
    await s.settle();
    const id = str(l, 'id');
    const release = holdReconciler(s);
    const res = await s.request('DELETE', `${API}/listeners/${id}`);
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    assert.equal((await getOne(s, `listeners/${id}`, 'listener')).provisioning_status, 'PENDING_DELETE');
    assert.equal(
      (await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
      'PENDING_UPDATE',
    );
    release();
    await s.settle();
    expectFault(await s.json('GET', `${API}/listeners/${id}`), 404, `Listener ${id} not found.`);
    expectFault(
      await s.json('PUT', `${API}/listeners/${id}`, { listener: {} }),
      404,
      `Listener ${id} not found.`,
    );
    expectFault(await s.json('DELETE', `${API}/listeners/${id}`), 404, `Listener ${id} not found.`);
    const lb = await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer');
    assert.deepEqual([lb.provisioning_status, lb.listeners], ['ACTIVE', []]);
  });
});

test('listener paths: /v2/lbaas and /v2.0/listeners', async () => {
  await withServer(async (s) => {
    const lbId = await activeLb(s);
    const res = await s.json('POST', '/load-balancer/v2/listeners', {
      listener: { loadbalancer_id: lbId, protocol: 'HTTP', protocol_port: 80 },
    });
    const id = str(obj(expectStatus(res, 201), 'listener'), 'id');
    for (const url of [
      `/load-balancer/v2/lbaas/listeners/${id}`,
      `/load-balancer/v2.0/listeners/${id}.json`,
    ]) {
      assert.equal(obj(expectStatus(await s.json('GET', url), 200), 'listener').id, id);
    }
  });
});
