import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../store/test-dialects.js';
import { TestServer } from '../test-support/test-server.js';
import {
  API,
  activeHealthMonitor,
  activeMember,
  activeStack,
  arr,
  createOne,
  expectFault,
  expectStatus,
  getOne,
  holdReconciler,
  str,
  type Wire,
  withServer,
} from './api-fixtures.js';

/** Internal bookkeeping that must never reach the wire. */
const INTERNAL = [
  'desired_revision',
  'applied_revision',
  'pending_since',
  'last_error',
  'load_balancer_id',
  'pool_id',
];

function assertNoInternals(o: Wire, what: string): void {
  for (const k of INTERNAL) assert.equal(k in o, false, `${what} leaks ${k}`);
}

async function statuses(s: TestServer, lbId: string, listenerId: string, poolId: string): Promise<unknown[]> {
  return [
    (await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
    (await getOne(s, `listeners/${listenerId}`, 'listener')).provisioning_status,
    (await getOne(s, `pools/${poolId}`, 'pool')).provisioning_status,
  ];
}

/**
 * The whole lifecycle once per store dialect: create a tree step by step, change children under the
 * lock, cascade-delete, with the exact statuses of §3.2–§3.4 at each step.
 */
forEachDialect('lifecycle: create, child changes lock the parents, settle, cascade delete', async (store) => {
  const s = await TestServer.start({ store });
  try {
    const { lbId, listenerId, poolId } = await activeStack(s);
    assert.deepEqual(await statuses(s, lbId, listenerId, poolId), ['ACTIVE', 'ACTIVE', 'ACTIVE']);

    let release = holdReconciler(s);
    const m = await createOne(s, `pools/${poolId}/members`, 'member', {
      address: '192.0.2.1',
      protocol_port: 80,
    });
    assert.deepEqual(await statuses(s, lbId, listenerId, poolId), [
      'PENDING_UPDATE',
      'PENDING_UPDATE',
      'PENDING_UPDATE',
    ]);
    expectFault(
      await s.json('PUT', `${API}/listeners/${listenerId}`, { listener: { name: 'x' } }),
      409,
      `Load Balancer ${lbId} is immutable and cannot be updated.`,
    );
    expectFault(
      await s.json('DELETE', `${API}/pools/${poolId}`),
      409,
      `Load Balancer ${lbId} is immutable and cannot be updated.`,
    );
    expectFault(
      await s.json('PUT', `${API}/pools/${poolId}/members/${str(m, 'id')}`, { member: { weight: 2 } }),
      409,
      `Pool ${poolId} is immutable and cannot be updated.`,
    );
    expectFault(
      await s.json('PUT', `${API}/loadbalancers/${lbId}`, { loadbalancer: {} }),
      409,
      `Invalid state PENDING_UPDATE of loadbalancer resource ${lbId}`,
    );
    release();
    await s.settle();
    assert.deepEqual(await statuses(s, lbId, listenerId, poolId), ['ACTIVE', 'ACTIVE', 'ACTIVE']);
    assert.equal(
      (await getOne(s, `pools/${poolId}/members/${str(m, 'id')}`, 'member')).provisioning_status,
      'ACTIVE',
    );

    // A pool that no listener uses: its changes leave the listener alone.
    const spare = await createOne(s, 'pools', 'pool', {
      loadbalancer_id: lbId,
      protocol: 'HTTP',
      lb_algorithm: 'ROUND_ROBIN',
    });
    await s.settle();
    release = holdReconciler(s);
    await createOne(s, `pools/${str(spare, 'id')}/members`, 'member', {
      address: '192.0.2.2',
      protocol_port: 80,
    });
    assert.deepEqual(await statuses(s, lbId, listenerId, str(spare, 'id')), [
      'PENDING_UPDATE',
      'ACTIVE',
      'PENDING_UPDATE',
    ]);
    // The other pool is ACTIVE, so the LB lock is what refuses.
    expectFault(
      await s.json('POST', `${API}/pools/${poolId}/members`, {
        member: { address: '192.0.2.3', protocol_port: 80 },
      }),
      409,
      `Load Balancer ${lbId} is immutable and cannot be updated.`,
    );
    release();
    await s.settle();

    const hm = await activeHealthMonitor(s, poolId);
    assert.equal(
      (await getOne(s, `healthmonitors/${str(hm, 'id')}`, 'healthmonitor')).operating_status,
      'ONLINE',
    );

    for (const [path, key] of [
      [`loadbalancers/${lbId}`, 'loadbalancer'],
      [`listeners/${listenerId}`, 'listener'],
      [`pools/${poolId}`, 'pool'],
      [`pools/${poolId}/members/${str(m, 'id')}`, 'member'],
      [`healthmonitors/${str(hm, 'id')}`, 'healthmonitor'],
    ] as const) {
      assertNoInternals(await getOne(s, path, key), path);
    }
    for (const c of ['loadbalancers', 'listeners', 'pools', 'healthmonitors']) {
      for (const o of arr(expectStatus(await s.json('GET', `${API}/${c}`), 200), c)) assertNoInternals(o, c);
    }

    expectStatus(await s.json('DELETE', `${API}/loadbalancers/${lbId}?cascade=true`), 204);
    await s.settle();
    expectFault(await s.json('GET', `${API}/loadbalancers/${lbId}`), 404, `Load Balancer ${lbId} not found.`);
    expectFault(await s.json('GET', `${API}/pools/${poolId}`), 404, `Pool ${poolId} not found.`);
    expectFault(
      await s.json('GET', `${API}/healthmonitors/${str(hm, 'id')}`),
      404,
      `Health Monitor ${str(hm, 'id')} not found.`,
    );
  } finally {
    await s.close();
  }
});

test('children of an LB being deleted cannot change (LB lock)', async () => {
  await withServer(async (s) => {
    const { lbId, listenerId, poolId } = await activeStack(s);
    const release = holdReconciler(s);
    expectStatus(await s.json('DELETE', `${API}/loadbalancers/${lbId}?cascade=true`), 204);
    expectFault(
      await s.json('PUT', `${API}/listeners/${listenerId}`, { listener: {} }),
      409,
      `Load Balancer ${lbId} is immutable and cannot be updated.`,
    );
    expectFault(
      await s.json('PUT', `${API}/pools/${poolId}`, { pool: {} }),
      409,
      `Load Balancer ${lbId} is immutable and cannot be updated.`,
    );
    expectFault(
      await s.json('DELETE', `${API}/loadbalancers/${lbId}?cascade=true`),
      409,
      `Invalid state PENDING_DELETE of loadbalancer resource ${lbId}`,
    );
    release();
    await s.settle();
  });
});

test('every PUT, even an empty one, locks the load balancer', async () => {
  await withServer(async (s) => {
    const { lbId, listenerId, poolId } = await activeStack(s);
    const m = await activeMember(s, poolId, { address: '192.0.2.1', protocol_port: 80 });
    const hm = await activeHealthMonitor(s, poolId);
    const cases: [string, string][] = [
      [`loadbalancers/${lbId}`, 'loadbalancer'],
      [`listeners/${listenerId}`, 'listener'],
      [`pools/${poolId}`, 'pool'],
      [`pools/${poolId}/members/${str(m, 'id')}`, 'member'],
      [`healthmonitors/${str(hm, 'id')}`, 'healthmonitor'],
    ];
    for (const [path, key] of cases) {
      const release = holdReconciler(s);
      const res = expectStatus(await s.json('PUT', `${API}/${path}`, { [key]: {} }), 200);
      assert.equal((res[key] as Wire).provisioning_status, 'PENDING_UPDATE', path);
      assert.equal(
        (await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
        'PENDING_UPDATE',
        path,
      );
      release();
      await s.settle();
      assert.equal((await getOne(s, path, key)).provisioning_status, 'ACTIVE', path);
      assert.equal(
        (await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
        'ACTIVE',
        path,
      );
    }
  });
});
