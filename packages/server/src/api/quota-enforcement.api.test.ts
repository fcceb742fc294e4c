import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../store/test-dialects.js';
import { TestServer } from '../test-support/test-server.js';
import {
  API,
  activeLb,
  activeMember,
  activeStack,
  arr,
  createOne,
  defaultSubnetId,
  expectFault,
  expectStatus,
  memberOf,
  withServer,
  type Wire,
} from './api-fixtures.js';

const met = (name: string): string => `Quota has been met for resources: ${name}`;
const P1 = memberOf('p1');

async function setQuota(s: TestServer, project: string, q: Wire): Promise<void> {
  expectStatus(await s.json('PUT', `${API}/quotas/${project}`, { quota: q }), 202);
}

async function count(s: TestServer, collection: string, project = 'p1'): Promise<number> {
  const res = await s.json('GET', `${API}/${collection}?project_id=${project}`);
  return arr(expectStatus(res, 200), collection).length;
}

async function memberCount(s: TestServer, poolId: string): Promise<number> {
  return arr(expectStatus(await s.json('GET', `${API}/pools/${poolId}/members`), 200), 'members').length;
}

test('load balancer create: the limit is reached exactly, one more is a 403 that creates nothing', async () => {
  await withServer(async (s) => {
    await setQuota(s, 'p1', { loadbalancer: 2 });
    await activeLb(s, {}, P1);
    await activeLb(s, {}, P1);
    const subnet = await defaultSubnetId(s);
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_subnet_id: subnet } }, P1),
      403,
      met('Load Balancer'),
    );
    assert.equal(await count(s, 'loadbalancers'), 2);
    // The refused create allocated no VIP port either.
    const ports = await s.handle.store.read((tx) => tx.ports.find({ project_id: 'p1' }));
    assert.equal(ports.length, 2);
    // Other projects are not affected; -1 is unlimited; a deleted load balancer frees its slot.
    await activeLb(s, {}, memberOf('p2'));
    await setQuota(s, 'p1', { loadbalancer: -1 });
    const third = await activeLb(s, {}, P1);
    await setQuota(s, 'p1', { loadbalancer: 3 });
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_subnet_id: subnet } }, P1),
      403,
      met('Load Balancer'),
    );
    assert.equal((await s.request('DELETE', `${API}/loadbalancers/${third}`)).statusCode, 204);
    await s.settle();
    await activeLb(s, {}, P1);
  });
});

test('a quota record is auto-created (all null) the first time a project is checked', async () => {
  await withServer(async (s) => {
    await activeLb(s, {}, P1);
    const quotas = arr(expectStatus(await s.json('GET', `${API}/quotas`), 200), 'quotas');
    assert.deepEqual(
      quotas.map((q) => [q.project_id, q.loadbalancer, q.member]),
      [['p1', null, null]],
    );
  });
});

/** A graph of 1 LB, 2 listeners, 2 pools, 1 health monitor and `members` members. */
function graph(subnet: string, members: number): Wire {
  return {
    loadbalancer: {
      vip_subnet_id: subnet,
      listeners: [
        {
          protocol: 'HTTP',
          protocol_port: 80,
          default_pool: {
            name: 'web',
            protocol: 'HTTP',
            lb_algorithm: 'ROUND_ROBIN',
            healthmonitor: { type: 'HTTP', delay: 5, timeout: 3, max_retries: 3 },
            members: Array.from({ length: members }, (_, i) => ({
              address: `192.0.2.${i + 1}`,
              protocol_port: 80,
            })),
          },
        },
        { protocol: 'TCP', protocol_port: 81 },
      ],
      pools: [{ name: 'spare', protocol: 'TCP', lb_algorithm: 'SOURCE_IP' }],
    },
  };
}

test('fully populated create counts every listener, pool, monitor and member of the graph', async () => {
  await withServer(async (s) => {
    const subnet = await defaultSubnetId(s);
    const refusals: [Wire, string][] = [
      [{ loadbalancer: 0 }, 'Load Balancer'],
      [{ pool: 1 }, 'Pool'],
      [{ healthmonitor: 0 }, 'Health Monitor'],
      [{ member: 2 }, 'Member'],
      [{ listener: 1 }, 'Listener'],
    ];
    for (const [limit, name] of refusals) {
      await setQuota(s, 'p1', {
        loadbalancer: null,
        listener: null,
        pool: null,
        healthmonitor: null,
        member: null,
        ...limit,
      });
      expectFault(await s.json('POST', `${API}/loadbalancers`, graph(subnet, 3), P1), 403, met(name));
    }
    for (const collection of ['loadbalancers', 'listeners', 'pools', 'healthmonitors'])
      assert.equal(await count(s, collection), 0, collection);
    // Exactly at every limit passes.
    await setQuota(s, 'p1', { loadbalancer: 1, listener: 2, pool: 2, healthmonitor: 1, member: 3 });
    expectStatus(await s.json('POST', `${API}/loadbalancers`, graph(subnet, 3), P1), 201);
    await s.settle();
    assert.equal(await count(s, 'listeners'), 2);
    assert.equal(await count(s, 'pools'), 2);
  });
});

test('listener, pool, health monitor and member creates are checked against their limits', async () => {
  await withServer(async (s) => {
    await setQuota(s, 'p1', { listener: 1, pool: 1, healthmonitor: 1, member: 1 });
    const { lbId, poolId } = await activeStack(s, P1);
    expectFault(
      await s.json(
        'POST',
        `${API}/listeners`,
        { listener: { loadbalancer_id: lbId, protocol: 'TCP', protocol_port: 82 } },
        P1,
      ),
      403,
      met('Listener'),
    );
    expectFault(
      await s.json(
        'POST',
        `${API}/pools`,
        { pool: { loadbalancer_id: lbId, protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN' } },
        P1,
      ),
      403,
      met('Pool'),
    );
    await createOne(
      s,
      'healthmonitors',
      'healthmonitor',
      { pool_id: poolId, type: 'TCP', delay: 5, timeout: 3, max_retries: 3 },
      P1,
    );
    await s.settle();
    await setQuota(s, 'p1', { healthmonitor: 0 });
    const pool2 = { pool: { loadbalancer_id: lbId, protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN' } };
    await setQuota(s, 'p1', { pool: 2 });
    const second = expectStatus(await s.json('POST', `${API}/pools`, pool2, P1), 201);
    await s.settle();
    expectFault(
      await s.json(
        'POST',
        `${API}/healthmonitors`,
        {
          healthmonitor: {
            pool_id: (second.pool as Wire).id,
            type: 'TCP',
            delay: 5,
            timeout: 3,
            max_retries: 3,
          },
        },
        P1,
      ),
      403,
      met('Health Monitor'),
    );
    await activeMember(s, poolId, { address: '192.0.2.1', protocol_port: 80 }, P1);
    expectFault(
      await s.json(
        'POST',
        `${API}/pools/${poolId}/members`,
        { member: { address: '192.0.2.2', protocol_port: 80 } },
        P1,
      ),
      403,
      met('Member'),
    );
    assert.deepEqual(
      [
        await count(s, 'listeners'),
        await count(s, 'pools'),
        await count(s, 'healthmonitors'),
        await memberCount(s, poolId),
      ],
      [1, 2, 1, 1],
    );
    // The refused requests left the load balancer ACTIVE (nothing was locked).
    const lb = expectStatus(await s.json('GET', `${API}/loadbalancers/${lbId}`), 200).loadbalancer as Wire;
    assert.equal(lb.provisioning_status, 'ACTIVE');
  });
});

test('batch member update counts only the net additions', async () => {
  await withServer(async (s) => {
    const { poolId } = await activeStack(s, P1);
    await activeMember(s, poolId, { address: '192.0.2.1', protocol_port: 80 }, P1);
    await setQuota(s, 'p1', { member: 2 });
    const batch = (addresses: string[], query = '') =>
      s.json(
        'PUT',
        `${API}/pools/${poolId}/members${query}`,
        { members: addresses.map((address) => ({ address, protocol_port: 80 })) },
        P1,
      );
    // Keeps .1 and adds two: 3 > 2.
    expectFault(await batch(['192.0.2.1', '192.0.2.2', '192.0.2.3']), 403, met('Member'));
    assert.equal(await memberCount(s, poolId), 1);
    // Replaces .1 by two new ones: net +1, ends at exactly 2.
    assert.equal(
      (
        await s.request(
          'PUT',
          `${API}/pools/${poolId}/members`,
          {
            members: [
              { address: '192.0.2.2', protocol_port: 80 },
              { address: '192.0.2.3', protocol_port: 80 },
            ],
          },
          P1,
        )
      ).statusCode,
      202,
    );
    await s.settle();
    assert.equal(await memberCount(s, poolId), 2);
    // Additive-only with one more: refused; a batch that only updates is never refused, even over a lowered limit.
    expectFault(await batch(['192.0.2.4'], '?additive_only=true'), 403, met('Member'));
    await setQuota(s, 'p1', { member: 0 });
    const update = await s.request(
      'PUT',
      `${API}/pools/${poolId}/members`,
      {
        members: [
          { address: '192.0.2.2', protocol_port: 80, weight: 5 },
          { address: '192.0.2.3', protocol_port: 80 },
        ],
      },
      P1,
    );
    assert.equal(update.statusCode, 202);
  });
});

forEachDialect('concurrent load balancer creates never pass the limit', async (store) => {
  const s = await TestServer.start({ store });
  try {
    const LIMIT = 3;
    await setQuota(s, 'p1', { loadbalancer: LIMIT });
    const subnet = await defaultSubnetId(s);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_subnet_id: subnet } }, P1),
      ),
    );
    const created = results.filter((r) => r.status === 201).length;
    for (const r of results.filter((x) => x.status !== 201)) expectFault(r, 403, met('Load Balancer'));
    assert.equal(created, LIMIT);
    assert.equal(await count(s, 'loadbalancers'), LIMIT);
  } finally {
    await s.close();
  }
});
