import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  API,
  DEFAULT_PROJECT,
  TIMESTAMP,
  UUID,
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
  type Wire,
  withServer,
} from './api-fixtures.js';
import type { TestServer } from '../test-support/test-server.js';

async function members(s: TestServer, poolId: string): Promise<Wire[]> {
  return arr(
    expectStatus(await s.json('GET', `${API}/pools/${poolId}/members?sort=address,protocol_port`), 200),
    'members',
  );
}

test('POST member: 201 full view (NO_MONITOR without a monitor); pool, listener and LB PENDING_UPDATE', async () => {
  await withServer(async (s) => {
    const { lbId, listenerId, poolId } = await activeStack(s);
    const release = holdReconciler(s);
    const m = await createOne(s, `pools/${poolId}/members`, 'member', {
      address: '192.0.2.10',
      protocol_port: '8080',
    });
    assertView(m, {
      id: UUID,
      name: '',
      operating_status: 'NO_MONITOR',
      provisioning_status: 'PENDING_CREATE',
      admin_state_up: true,
      address: '192.0.2.10',
      protocol_port: 8080,
      weight: 1,
      backup: false,
      subnet_id: null,
      project_id: DEFAULT_PROJECT,
      tenant_id: DEFAULT_PROJECT,
      created_at: TIMESTAMP,
      updated_at: null,
      monitor_address: null,
      monitor_port: null,
      tags: [],
      vnic_type: 'normal',
    });
    assert.equal((await getOne(s, `pools/${poolId}`, 'pool')).provisioning_status, 'PENDING_UPDATE');
    assert.equal(
      (await getOne(s, `listeners/${listenerId}`, 'listener')).provisioning_status,
      'PENDING_UPDATE',
    );
    assert.equal(
      (await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
      'PENDING_UPDATE',
    );
    expectFault(
      await s.json('POST', `${API}/pools/${poolId}/members`, {
        member: { address: '192.0.2.11', protocol_port: 80 },
      }),
      409,
      `Pool ${poolId} is immutable and cannot be updated.`,
    );
    release();
    await s.settle();
    const got = await getOne(s, `pools/${poolId}/members/${String(m.id)}`, 'member');
    assert.deepEqual({ ...got, provisioning_status: 'PENDING_CREATE' }, m);
    assert.equal(got.provisioning_status, 'ACTIVE');
    assert.deepEqual(await members(s, poolId), [got]);
    assert.deepEqual((await getOne(s, `pools/${poolId}`, 'pool')).members, [{ id: m.id }]);
  });
});

test('member create errors: duplicate 409, reserved address 400, missing address 400, unknown pool 404', async () => {
  await withServer(async (s) => {
    const { poolId } = await activeStack(s);
    await activeMember(s, poolId, { address: '192.0.2.10', protocol_port: 80 });
    expectFault(
      await s.json('POST', `${API}/pools/${poolId}/members`, {
        member: { address: '192.0.2.10', protocol_port: 80 },
      }),
      409,
      'Another member on this pool is already using ip 192.0.2.10 on protocol_port 80',
    );
    expectFault(
      await s.json('POST', `${API}/pools/${poolId}/members`, {
        member: { address: '169.254.169.254', protocol_port: 80 },
      }),
      400,
      '169.254.169.254 is not a valid option for member address',
    );
    expectFault(
      await s.json('POST', `${API}/pools/${poolId}/members`, { member: { protocol_port: 80 } }),
      400,
      "Invalid input for field/attribute address. Value: 'None'. Mandatory field missing.",
    );
    const missing = '44444444-4444-4444-4444-444444444444';
    expectFault(
      await s.json('POST', `${API}/pools/${missing}/members`, {
        member: { address: '192.0.2.1', protocol_port: 80 },
      }),
      404,
      `Pool ${missing} not found.`,
    );
    expectFault(await s.json('GET', `${API}/pools/${missing}/members`), 404, `Pool ${missing} not found.`);
    expectFault(
      await s.json('GET', `${API}/pools/${poolId}/members/${missing}`),
      404,
      `Member ${missing} not found.`,
    );
  });
});

test('a member addressed through another pool is 404', async () => {
  await withServer(async (s) => {
    const { lbId, poolId } = await activeStack(s);
    const other = await createOne(s, 'pools', 'pool', {
      loadbalancer_id: lbId,
      protocol: 'HTTP',
      lb_algorithm: 'ROUND_ROBIN',
    });
    await s.settle();
    const m = await activeMember(s, poolId, { address: '192.0.2.10', protocol_port: 80 });
    expectFault(
      await s.json('GET', `${API}/pools/${String(other.id)}/members/${String(m.id)}`),
      404,
      `Member ${String(m.id)} not found.`,
    );
  });
});

test('PUT member: 200 PENDING_UPDATE; null resets weight, backup, monitor_*, name', async () => {
  await withServer(async (s) => {
    const { poolId } = await activeStack(s);
    const m = await activeMember(s, poolId, {
      address: '192.0.2.10',
      protocol_port: 80,
      name: 'web',
      weight: 5,
      backup: true,
      monitor_address: '192.0.2.99',
      monitor_port: 9000,
      tags: ['t'],
    });
    const id = str(m, 'id');
    const put = obj(
      expectStatus(
        await s.json('PUT', `${API}/pools/${poolId}/members/${id}`, {
          member: {
            name: null,
            weight: null,
            backup: null,
            monitor_address: null,
            monitor_port: null,
            tags: null,
          },
        }),
        200,
      ),
      'member',
    );
    assert.deepEqual(
      [
        put.provisioning_status,
        put.name,
        put.weight,
        put.backup,
        put.monitor_address,
        put.monitor_port,
        put.tags,
      ],
      ['PENDING_UPDATE', '', 1, false, null, null, []],
    );
    assert.match(String(put.updated_at), TIMESTAMP);
    await s.settle();
    assert.equal((await getOne(s, `pools/${poolId}/members/${id}`, 'member')).provisioning_status, 'ACTIVE');
    expectFault(
      await s.json('PUT', `${API}/pools/${poolId}/members/${id}`, { member: { address: '192.0.2.11' } }),
      400,
      'Unknown attribute for argument member_.member: address',
    );
    const w = await s.json('PUT', `${API}/pools/${poolId}/members/${id}`, { member: { weight: 257 } });
    assert.equal(w.status, 400);
    assert.equal(
      w.body.faultstring,
      "Invalid input for field/attribute weight. Value: '257'. Value should be lower or equal to 256",
    );
  });
});

test('DELETE member: 204, PENDING_DELETE, then 404', async () => {
  await withServer(async (s) => {
    const { poolId } = await activeStack(s);
    const m = await activeMember(s, poolId, { address: '192.0.2.10', protocol_port: 80 });
    const id = str(m, 'id');
    const release = holdReconciler(s);
    const res = await s.request('DELETE', `${API}/pools/${poolId}/members/${id}`);
    assert.equal(res.statusCode, 204);
    assert.equal(
      (await getOne(s, `pools/${poolId}/members/${id}`, 'member')).provisioning_status,
      'PENDING_DELETE',
    );
    assert.equal((await getOne(s, `pools/${poolId}`, 'pool')).provisioning_status, 'PENDING_UPDATE');
    release();
    await s.settle();
    expectFault(await s.json('GET', `${API}/pools/${poolId}/members/${id}`), 404, `Member ${id} not found.`);
    assert.deepEqual(await members(s, poolId), []);
    assert.deepEqual((await getOne(s, `pools/${poolId}`, 'pool')).members, []);
  });
});

test('batch PUT: creates, updates (defaults reset) and deletes by (address, port); 202 without body', async () => {
  await withServer(async (s) => {
    const { lbId, poolId } = await activeStack(s);
    const keep = await activeMember(s, poolId, {
      address: '192.0.2.1',
      protocol_port: 80,
      name: 'keep',
      weight: 7,
      backup: true,
      tags: ['k'],
    });
    const gone = await activeMember(s, poolId, { address: '192.0.2.2', protocol_port: 80 });
    const release = holdReconciler(s);
    const res = await s.request('PUT', `${API}/pools/${poolId}/members`, {
      members: [
        { address: '192.0.2.1', protocol_port: 80 },
        { address: '192.0.2.3', protocol_port: '81', weight: '3' },
      ],
    });
    assert.equal(res.statusCode, 202);
    assert.equal(res.body, '');
    const pending = await members(s, poolId);
    assert.deepEqual(
      pending.map((m) => [m.address, m.provisioning_status]),
      [
        ['192.0.2.1', 'PENDING_UPDATE'],
        ['192.0.2.2', 'PENDING_DELETE'],
        ['192.0.2.3', 'PENDING_CREATE'],
      ],
    );
    assert.equal((await getOne(s, `pools/${poolId}`, 'pool')).provisioning_status, 'PENDING_UPDATE');
    assert.equal(
      (await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
      'PENDING_UPDATE',
    );
    release();
    await s.settle();
    const after = await members(s, poolId);
    assert.deepEqual(
      after.map((m) => [
        m.id === keep.id,
        m.address,
        m.protocol_port,
        m.provisioning_status,
        m.name,
        m.weight,
        m.backup,
        m.tags,
      ]),
      [
        [true, '192.0.2.1', 80, 'ACTIVE', 'keep', 1, false, ['k']],
        [false, '192.0.2.3', 81, 'ACTIVE', '', 3, false, []],
      ],
    );
    expectFault(
      await s.json('GET', `${API}/pools/${poolId}/members/${String(gone.id)}`),
      404,
      `Member ${String(gone.id)} not found.`,
    );
  });
});

test('batch PUT additive_only keeps members not named; no-op is 202 without locking', async () => {
  await withServer(async (s) => {
    const { lbId, poolId } = await activeStack(s);
    await activeMember(s, poolId, { address: '192.0.2.1', protocol_port: 80 });
    const res = await s.request('PUT', `${API}/pools/${poolId}/members?additive_only=true`, {
      members: [{ address: '192.0.2.5', protocol_port: 80 }],
    });
    assert.equal(res.statusCode, 202);
    await s.settle();
    assert.deepEqual(
      (await members(s, poolId)).map((m) => m.address),
      ['192.0.2.1', '192.0.2.5'],
    );

    const release = holdReconciler(s);
    const noop = await s.request('PUT', `${API}/pools/${poolId}/members?additive_only=True`, {
      members: [{ address: '192.0.2.5', protocol_port: 80 }],
    });
    assert.equal(noop.statusCode, 202);
    assert.equal((await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status, 'ACTIVE');
    assert.equal((await getOne(s, `pools/${poolId}`, 'pool')).provisioning_status, 'ACTIVE');
    assert.deepEqual(
      (await members(s, poolId)).map((m) => m.provisioning_status),
      ['ACTIVE', 'ACTIVE'],
    );
    release();
    await s.settle();
  });
});

test('batch PUT errors: same member twice 400, new member twice 409, missing address 400', async () => {
  await withServer(async (s) => {
    const { poolId } = await activeStack(s);
    await activeMember(s, poolId, { address: '192.0.2.1', protocol_port: 80 });
    expectFault(
      await s.json('PUT', `${API}/pools/${poolId}/members`, {
        members: [
          { address: '192.0.2.1', protocol_port: 80 },
          { address: '192.0.2.1', protocol_port: 80, weight: 2 },
        ],
      }),
      400,
      'Validation failure: Member must be updated only once in the same request.',
    );
    expectFault(
      await s.json('PUT', `${API}/pools/${poolId}/members`, {
        members: [
          { address: '192.0.2.9', protocol_port: 80 },
          { address: '192.0.2.9', protocol_port: 80 },
        ],
      }),
      409,
      'Another member on this pool is already using ip 192.0.2.9 on protocol_port 80',
    );
    expectFault(
      await s.json('PUT', `${API}/pools/${poolId}/members`, { members: [{ protocol_port: 80 }] }),
      400,
      "Invalid input for field/attribute address. Value: 'None'. Mandatory field missing.",
    );
    assert.deepEqual(
      (await members(s, poolId)).map((m) => [m.address, m.provisioning_status]),
      [['192.0.2.1', 'ACTIVE']],
    );
  });
});

test('batch PUT with an empty list deletes every member', async () => {
  await withServer(async (s) => {
    const { poolId } = await activeStack(s);
    await activeMember(s, poolId, { address: '192.0.2.1', protocol_port: 80 });
    await activeMember(s, poolId, { address: '192.0.2.2', protocol_port: 80 });
    const res = await s.request('PUT', `${API}/pools/${poolId}/members`, { members: [] });
    assert.equal(res.statusCode, 202);
    await s.settle();
    assert.deepEqual(await members(s, poolId), []);
  });
});
