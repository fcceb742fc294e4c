import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  API,
  DEFAULT_PROJECT,
  TIMESTAMP,
  UUID,
  activeLb,
  activeStack,
  arr,
  assertView,
  createLb,
  createOne,
  defaultSubnetId,
  expectFault,
  expectStatus,
  getOne,
  holdReconciler,
  obj,
  str,
  withServer,
} from './api-fixtures.js';

async function loopbackNetworkId(s: Parameters<Parameters<typeof withServer>[0]>[0]): Promise<string> {
  const res = await s.json('GET', '/network/v2.0/networks?name=lbaas-loopback');
  return str(arr(expectStatus(res, 200), 'networks')[0] ?? {}, 'id');
}

test('POST /loadbalancers: 201 with every field and its default (full view)', async () => {
  await withServer(async (s) => {
    const subnetId = await defaultSubnetId(s);
    const networkId = await loopbackNetworkId(s);
    const lb = await createLb(s, { name: 'lb1' });
    assertView(lb, {
      id: UUID,
      name: 'lb1',
      description: '',
      admin_state_up: true,
      project_id: DEFAULT_PROJECT,
      tenant_id: DEFAULT_PROJECT,
      provisioning_status: 'PENDING_CREATE',
      operating_status: 'OFFLINE',
      vip_address: /^127\.77\.\d{1,3}\.\d{1,3}$/,
      vip_port_id: UUID,
      vip_subnet_id: subnetId,
      vip_network_id: networkId,
      vip_qos_policy_id: null,
      vip_sg_ids: [],
      vip_vnic_type: 'normal',
      additional_vips: [],
      listeners: [],
      pools: [],
      provider: 'amphora',
      flavor_id: null,
      availability_zone: null,
      tags: [],
      created_at: TIMESTAMP,
      updated_at: null,
    });
  });
});

test('GET one after settle: ACTIVE, same fields; list contains it', async () => {
  await withServer(async (s) => {
    const release = holdReconciler(s);
    const created = await createLb(s, { name: 'lb1', description: 'd', tags: ['a', 'b'] });
    const id = str(created, 'id');
    assert.equal(
      (await getOne(s, `loadbalancers/${id}`, 'loadbalancer')).provisioning_status,
      'PENDING_CREATE',
    );
    release();
    await s.settle();
    const got = await getOne(s, `loadbalancers/${id}`, 'loadbalancer');
    assert.deepEqual(
      { ...got, provisioning_status: undefined, updated_at: undefined, operating_status: undefined },
      {
        ...created,
        provisioning_status: undefined,
        updated_at: undefined,
        operating_status: undefined,
      },
    );
    assert.equal(got.provisioning_status, 'ACTIVE');
    assert.equal(got.description, 'd');
    assert.deepEqual(got.tags, ['a', 'b']);
    const list = expectStatus(await s.json('GET', `${API}/loadbalancers`), 200);
    assert.deepEqual(arr(list, 'loadbalancers'), [got]);
    assert.deepEqual(list.loadbalancers_links, []);
  });
});

test('both path styles and the .json suffix reach the same load balancer', async () => {
  await withServer(async (s) => {
    const subnetId = await defaultSubnetId(s);
    const res = await s.json('POST', '/load-balancer/v2/lbaas/loadbalancers', {
      loadbalancer: { vip_subnet_id: subnetId },
    });
    const id = str(obj(expectStatus(res, 201), 'loadbalancer'), 'id');
    for (const url of [
      `/load-balancer/v2.0/lbaas/loadbalancers/${id}`,
      `/load-balancer/v2/lbaas/loadbalancers/${id}`,
      `/load-balancer/v2.0/loadbalancers/${id}`,
      `/load-balancer/v2/loadbalancers/${id}`,
      `/load-balancer/v2.0/lbaas/loadbalancers/${id}.json`,
    ]) {
      assert.equal(obj(expectStatus(await s.json('GET', url), 200), 'loadbalancer').id, id, url);
    }
    for (const url of [
      '/load-balancer/v2.0/loadbalancers.json',
      '/load-balancer/v2/lbaas/loadbalancers.json?name=',
    ]) {
      const list = expectStatus(await s.json('GET', url), 200);
      assert.ok(Array.isArray(list.loadbalancers), url);
    }
    const listed = arr(
      expectStatus(await s.json('GET', '/load-balancer/v2/loadbalancers.json'), 200),
      'loadbalancers',
    );
    assert.deepEqual(
      listed.map((l) => l.id),
      [id],
    );
  });
});

test('PUT: 200 with PENDING_UPDATE; null resets name/description to "" and tags to []', async () => {
  await withServer(async (s) => {
    const id = await activeLb(s, { name: 'lb1', description: 'x', tags: ['t'] });
    const res = await s.json('PUT', `${API}/loadbalancers/${id}`, {
      loadbalancer: { name: 'renamed', admin_state_up: 'false' },
    });
    const put = obj(expectStatus(res, 200), 'loadbalancer');
    assert.equal(put.provisioning_status, 'PENDING_UPDATE');
    assert.equal(put.name, 'renamed');
    assert.equal(put.admin_state_up, false);
    assert.match(String(put.updated_at), TIMESTAMP);
    await s.settle();
    const reset = obj(
      expectStatus(
        await s.json('PUT', `${API}/loadbalancers/${id}`, {
          loadbalancer: { name: null, description: null, tags: null },
        }),
        200,
      ),
      'loadbalancer',
    );
    assert.deepEqual([reset.name, reset.description, reset.tags], ['', '', []]);
    await s.settle();
    const got = await getOne(s, `loadbalancers/${id}`, 'loadbalancer');
    assert.deepEqual(
      [got.provisioning_status, got.name, got.description, got.tags, got.admin_state_up],
      ['ACTIVE', '', '', [], false],
    );
  });
});

test('PUT: attributes outside the PUT type are unknown (400)', async () => {
  await withServer(async (s) => {
    const id = await activeLb(s);
    expectFault(
      await s.json('PUT', `${API}/loadbalancers/${id}`, { loadbalancer: { vip_address: '127.77.0.9' } }),
      400,
      'Unknown attribute for argument load_balancer.loadbalancer: vip_address',
    );
  });
});

test('a second change while PENDING_* is 409 Invalid state …', async () => {
  await withServer(async (s) => {
    let release = holdReconciler(s);
    const lb = await createLb(s);
    const id = str(lb, 'id');
    expectFault(
      await s.json('PUT', `${API}/loadbalancers/${id}`, { loadbalancer: { name: 'x' } }),
      409,
      `Invalid state PENDING_CREATE of loadbalancer resource ${id}`,
    );
    expectFault(
      await s.json('DELETE', `${API}/loadbalancers/${id}`),
      409,
      `Invalid state PENDING_CREATE of loadbalancer resource ${id}`,
    );
    release();
    await s.settle();
    release = holdReconciler(s);
    expectStatus(await s.json('PUT', `${API}/loadbalancers/${id}`, { loadbalancer: {} }), 200);
    expectFault(
      await s.json('PUT', `${API}/loadbalancers/${id}`, { loadbalancer: { name: 'y' } }),
      409,
      `Invalid state PENDING_UPDATE of loadbalancer resource ${id}`,
    );
    expectFault(
      await s.json('DELETE', `${API}/loadbalancers/${id}`),
      409,
      `Invalid state PENDING_UPDATE of loadbalancer resource ${id}`,
    );
    release();
    await s.settle();
    assert.equal((await getOne(s, `loadbalancers/${id}`, 'loadbalancer')).provisioning_status, 'ACTIVE');
  });
});

test('DELETE: 204, PENDING_DELETE, then 404 after settle', async () => {
  await withServer(async (s) => {
    const id = await activeLb(s);
    const release = holdReconciler(s);
    const res = await s.request('DELETE', `${API}/loadbalancers/${id}`);
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    assert.equal(
      (await getOne(s, `loadbalancers/${id}`, 'loadbalancer')).provisioning_status,
      'PENDING_DELETE',
    );
    release();
    await s.settle();
    expectFault(await s.json('GET', `${API}/loadbalancers/${id}`), 404, `Load Balancer ${id} not found.`);
    expectFault(await s.json('DELETE', `${API}/loadbalancers/${id}`), 404, `Load Balancer ${id} not found.`);
    assert.deepEqual(
      arr(expectStatus(await s.json('GET', `${API}/loadbalancers`), 200), 'loadbalancers'),
      [],
    );
  });
});

test('DELETE with children: 400 without cascade', async () => {
  await withServer(async (s) => {
    const { lbId } = await activeStack(s);
    expectFault(
      await s.json('DELETE', `${API}/loadbalancers/${lbId}`),
      400,
      `Validation failure: Cannot delete Load Balancer ${lbId} - it has children`,
    );
    expectFault(
      await s.json('DELETE', `${API}/loadbalancers/${lbId}?cascade=false`),
      400,
      `Validation failure: Cannot delete Load Balancer ${lbId} - it has children`,
    );
    assert.equal((await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status, 'ACTIVE');
  });
});

for (const flag of ['true', 'True', '1']) {
  test(`DELETE ?cascade=${flag} removes the load balancer and every child`, async () => {
    await withServer(async (s) => {
      const { lbId, listenerId, poolId } = await activeStack(s);
      const member = await createOne(s, `pools/${poolId}/members`, 'member', {
        address: '192.0.2.1',
        protocol_port: 80,
      });
      await s.settle();
      const hm = await createOne(s, 'healthmonitors', 'healthmonitor', {
        pool_id: poolId,
        type: 'TCP',
        delay: 5,
        timeout: 3,
        max_retries: 3,
      });
      await s.settle();
      const release = holdReconciler(s);
      const res = await s.request('DELETE', `${API}/loadbalancers/${lbId}?cascade=${flag}`);
      assert.equal(res.statusCode, 204);
      assert.equal(
        (await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
        'PENDING_DELETE',
      );
      assert.equal(
        (await getOne(s, `listeners/${listenerId}`, 'listener')).provisioning_status,
        'PENDING_DELETE',
      );
      assert.equal((await getOne(s, `pools/${poolId}`, 'pool')).provisioning_status, 'PENDING_DELETE');
      assert.equal(
        (await getOne(s, `pools/${poolId}/members/${String(member.id)}`, 'member')).provisioning_status,
        'PENDING_DELETE',
      );
      assert.equal(
        (await getOne(s, `healthmonitors/${String(hm.id)}`, 'healthmonitor')).provisioning_status,
        'PENDING_DELETE',
      );
      release();
      await s.settle();
      expectFault(
        await s.json('GET', `${API}/loadbalancers/${lbId}`),
        404,
        `Load Balancer ${lbId} not found.`,
      );
      expectFault(
        await s.json('GET', `${API}/listeners/${listenerId}`),
        404,
        `Listener ${listenerId} not found.`,
      );
      expectFault(await s.json('GET', `${API}/pools/${poolId}`), 404, `Pool ${poolId} not found.`);
      expectFault(
        await s.json('GET', `${API}/pools/${poolId}/members/${String(member.id)}`),
        404,
        `Pool ${poolId} not found.`,
      );
      expectFault(
        await s.json('GET', `${API}/healthmonitors/${String(hm.id)}`),
        404,
        `Health Monitor ${String(hm.id)} not found.`,
      );
      for (const c of ['loadbalancers', 'listeners', 'pools', 'healthmonitors']) {
        assert.deepEqual(arr(expectStatus(await s.json('GET', `${API}/${c}`), 200), c), [], c);
      }
    });
  });
}

test('status tree at /status and /statuses (health_monitor omitted when none)', async () => {
  await withServer(async (s) => {
    const { lbId, listenerId, poolId } = await activeStack(s);
    const m = await createOne(s, `pools/${poolId}/members`, 'member', {
      address: '192.0.2.10',
      protocol_port: 8080,
    });
    await s.settle();
    const expectedPool = {
      id: poolId,
      name: 'p1',
      provisioning_status: 'ACTIVE',
      operating_status: 'OFFLINE',
      members: [
        {
          id: m.id,
          name: '',
          operating_status: 'NO_MONITOR',
          provisioning_status: 'ACTIVE',
          address: '192.0.2.10',
          protocol_port: 8080,
        },
      ],
    };
    const tree = (pools: unknown[]): unknown => ({
      statuses: {
        loadbalancer: {
          id: lbId,
          name: 'lb1',
          operating_status: 'OFFLINE',
          provisioning_status: 'ACTIVE',
          listeners: [
            { id: listenerId, name: 'l1', operating_status: 'OFFLINE', provisioning_status: 'ACTIVE', pools },
          ],
        },
      },
    });
    const lb = await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer');
    const listener = await getOne(s, `listeners/${listenerId}`, 'listener');
    const pool = await getOne(s, `pools/${poolId}`, 'pool');
    // The noop driver leaves operating statuses as the API set them; the tree must mirror the objects.
    assert.deepEqual(
      [lb.operating_status, listener.operating_status, pool.operating_status],
      ['OFFLINE', 'OFFLINE', 'OFFLINE'],
    );
    for (const suffix of ['status', 'statuses']) {
      assert.deepEqual(
        expectStatus(await s.json('GET', `${API}/loadbalancers/${lbId}/${suffix}`), 200),
        tree([expectedPool]),
        suffix,
      );
    }
    const hm = await createOne(s, 'healthmonitors', 'healthmonitor', {
      pool_id: poolId,
      type: 'HTTP',
      delay: 5,
      timeout: 3,
      max_retries: 3,
    });
    await s.settle();
    // Creating a monitor turns the pool's NO_MONITOR members OFFLINE until checks report.
    const withHm = {
      ...expectedPool,
      members: [{ ...expectedPool.members[0], operating_status: 'OFFLINE' }],
      health_monitor: {
        id: hm.id,
        name: '',
        type: 'HTTP',
        provisioning_status: 'ACTIVE',
        operating_status: 'ONLINE',
      },
    };
    assert.deepEqual(
      expectStatus(await s.json('GET', `${API}/loadbalancers/${lbId}/status`), 200),
      tree([withHm]),
    );
    expectFault(
      await s.json('GET', `${API}/loadbalancers/00000000-0000-0000-0000-000000000000/status`),
      404,
      'Load Balancer 00000000-0000-0000-0000-000000000000 not found.',
    );
  });
});

test('status tree of a bare load balancer has no listeners', async () => {
  await withServer(async (s) => {
    const id = await activeLb(s);
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/loadbalancers/${id}/statuses`), 200), {
      statuses: {
        loadbalancer: {
          id,
          name: '',
          operating_status: 'OFFLINE',
          provisioning_status: 'ACTIVE',
          listeners: [],
        },
      },
    });
  });
});

test('GET one honours fields=', async () => {
  await withServer(async (s) => {
    const id = await activeLb(s, { name: 'lb1' });
    const res = await s.json('GET', `${API}/loadbalancers/${id}?fields=id&fields=name`);
    assert.deepEqual(expectStatus(res, 200), { loadbalancer: { id, name: 'lb1' } });
  });
});
