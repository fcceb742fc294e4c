import assert from 'node:assert/strict';
import type { PlacementRecord } from '../services/ports.js';
import { recordFixtures as f } from './record-fixtures.js';
import { forEachDialect } from './test-dialects.js';

const T0 = '2024-03-01T12:00:00.000Z';
const T1 = '2024-03-01T12:00:05.000Z';
const agent = {
  id: 'a1',
  host: 'h1',
  base_dir: '/var/lib/lbaas',
  maxconn: 1000,
  version: '1',
  last_seen: T0,
};

forEachDialect('agents: upsert keeps generation, bumpGeneration counts, touch stamps', async (store) => {
  const first = await store.write((tx) => tx.agents.upsert(agent, '2024-03-01T12:00:00'));
  assert.deepEqual(first, {
    ...agent,
    generation: 0,
    created_at: '2024-03-01T12:00:00',
    admin_state_up: true,
  });
  assert.equal(await store.write((tx) => tx.agents.bumpGeneration('a1')), 1);
  assert.equal(await store.write((tx) => tx.agents.bumpGeneration('a1')), 2);
  assert.equal(await store.write((tx) => tx.agents.bumpGeneration('nope')), undefined);
  const again = await store.write((tx) =>
    tx.agents.upsert({ ...agent, host: 'h2', last_seen: T1 }, '2024-03-02T00:00:00'),
  );
  assert.equal(again.generation, 2);
  assert.equal(again.host, 'h2');
  assert.equal(again.created_at, '2024-03-01T12:00:00');
  assert.equal(await store.write((tx) => tx.agents.touch('a1', T0)), true);
  assert.equal(await store.write((tx) => tx.agents.touch('nope', T0)), false);
  assert.deepEqual(
    (await store.read((tx) => tx.agents.list())).map((a) => [a.id, a.last_seen]),
    [['a1', T0]],
  );
});

forEachDialect('agents: setAdminState switches admin_state_up; upsert keeps it', async (store) => {
  await store.write((tx) => tx.agents.upsert(agent, '2024-03-01T12:00:00'));
  const off = await store.write((tx) => tx.agents.setAdminState('a1', false));
  assert.equal(off?.admin_state_up, false);
  assert.equal(off?.host, 'h1');
  assert.equal((await store.read((tx) => tx.agents.get('a1')))?.admin_state_up, false);
  // Re-registration (an agent restart) refreshes the agent but leaves the operator's switch alone.
  const again = await store.write((tx) =>
    tx.agents.upsert({ ...agent, version: '2', last_seen: T1 }, '2024-03-02T00:00:00'),
  );
  assert.equal(again.admin_state_up, false);
  assert.equal(again.version, '2');
  assert.deepEqual(
    (await store.read((tx) => tx.agents.list())).map((a) => [a.id, a.admin_state_up]),
    [['a1', false]],
  );
  assert.equal((await store.write((tx) => tx.agents.setAdminState('a1', true)))?.admin_state_up, true);
  assert.equal(await store.write((tx) => tx.agents.setAdminState('nope', false)), undefined);
});

forEachDialect(
  'placements: put replaces, byAgent and countByAgent skip nothing but deleted counts',
  async (store) => {
    const p = (id: string, agentId: string, over: Partial<PlacementRecord> = {}): PlacementRecord => ({
      load_balancer_id: id,
      agent_id: agentId,
      revision: 1,
      hash: 'h',
      haproxy_cfg: 'global\n',
      deleted: false,
      applied_revision: null,
      applied_hash: null,
      last_error: null,
      network: null,
      tls_files: null,
      ...over,
    });
    await store.write(async (tx) => {
      await tx.placements.put(p('lb1', 'a1'));
      await tx.placements.put(p('lb2', 'a1', { deleted: true }));
      await tx.placements.put(p('lb3', 'a2'));
      await tx.placements.put(
        p('lb1', 'a1', { revision: 2, applied_revision: 1, applied_hash: 'h', last_error: 'x' }),
      );
    });
    assert.deepEqual(
      await store.read((tx) => tx.placements.get('lb1')),
      p('lb1', 'a1', { revision: 2, applied_revision: 1, applied_hash: 'h', last_error: 'x' }),
    );
    assert.deepEqual(
      (await store.read((tx) => tx.placements.byAgent('a1'))).map((x) => [x.load_balancer_id, x.deleted]),
      [
        ['lb1', false],
        ['lb2', true],
      ],
    );
    assert.deepEqual(
      await store.read((tx) => tx.placements.countByAgent()),
      new Map([
        ['a1', 1],
        ['a2', 1],
      ]),
    );
    // The network plan round-trips (JSON text in lb_placements.network_plan).
    const network: PlacementRecord['network'] = {
      vip: {
        address: '10.0.0.5',
        ip_version: 4,
        port_id: 'p1',
        mac_address: 'fa:16:3e:00:00:01',
        network_id: 'n1',
        subnet_id: 's1',
        cidr: '10.0.0.0/24',
        gateway_ip: '10.0.0.1',
        mtu: 1500,
        loopback: false,
      },
      floating_ips: [
        {
          id: 'f1',
          address: '172.24.4.10',
          network_id: 'x1',
          cidr: '172.24.4.0/24',
          gateway_ip: null,
          mtu: 1500,
        },
      ],
    };
    await store.write((tx) => tx.placements.put(p('lb3', 'a2', { network })));
    assert.deepEqual((await store.read((tx) => tx.placements.get('lb3')))?.network, network);
    // Sealed TLS files round-trip (JSON text in lb_placements.tls_files).
    const tlsFiles = { digest: 'd'.repeat(64), sealed: 'v1.a.b.c' };
    await store.write((tx) => tx.placements.put(p('lb3', 'a2', { network, tls_files: tlsFiles })));
    assert.deepEqual((await store.read((tx) => tx.placements.get('lb3')))?.tls_files, tlsFiles);
    assert.equal(await store.write((tx) => tx.placements.remove('lb1')), true);
    assert.equal(await store.read((tx) => tx.placements.get('lb1')), undefined);
  },
);

forEachDialect(
  'listener stats: big counters round-trip; removeByLoadBalancer keeps what it is told',
  async (store) => {
    const row = (listener: string) => ({
      listener_id: listener,
      load_balancer_id: 'lb1',
      bytes_in: 2 ** 40,
      bytes_out: 5,
      active_connections: 1,
      total_connections: 7,
      request_errors: 0,
      raw: { bin: 2 ** 40, bout: 5, stot: 7, ereq: 0 },
      updated_at: T0,
    });
    await store.write(async (tx) => {
      await tx.listenerStats.put(row('l1'));
      await tx.listenerStats.put(row('l2'));
      await tx.listenerStats.put({ ...row('l1'), bytes_out: 6 });
    });
    assert.deepEqual(await store.read((tx) => tx.listenerStats.get('l1')), { ...row('l1'), bytes_out: 6 });
    assert.equal(await store.write((tx) => tx.listenerStats.removeByLoadBalancer('lb1', ['l1'])), 1);
    assert.deepEqual(
      (await store.read((tx) => tx.listenerStats.byLoadBalancer('lb1'))).map((r) => r.listener_id),
      ['l1'],
    );
    assert.equal(await store.write((tx) => tx.listenerStats.removeByLoadBalancer('lb1')), 1);
  },
);

forEachDialect(
  'operating status writer: changes only operating_status, skips stale expectations',
  async (store) => {
    await store.write(async (tx) => {
      await tx.loadBalancers.insert(f.loadBalancer({ provisioning_status: 'PENDING_UPDATE' }));
      await tx.listeners.insert(f.listener({ operating_status: 'OFFLINE' }));
    });
    const n = await store.write((tx) =>
      tx.operatingStatuses.apply([
        { kind: 'loadBalancers', id: 'lb-1', from: 'ONLINE', to: 'DEGRADED' },
        { kind: 'listeners', id: f.listener().id, from: 'ONLINE', to: 'ERROR' },
        { kind: 'members', id: 'missing', from: 'ONLINE', to: 'ERROR' },
      ]),
    );
    assert.equal(n, 1);
    const lb = await store.read((tx) => tx.loadBalancers.get('lb-1'));
    assert.deepEqual(
      lb,
      f.loadBalancer({ provisioning_status: 'PENDING_UPDATE', operating_status: 'DEGRADED' }),
    );
    assert.equal((await store.read((tx) => tx.listeners.get(f.listener().id)))?.operating_status, 'OFFLINE');
  },
);
