import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Repository } from '../services/ports.js';
import { decodeRecord, encodeRecord } from './hybrid.repository.js';
import { memberCodec } from './member.repository.js';
import { recordFixtures as f } from './record-fixtures.js';
import { forEachDialect } from './test-dialects.js';

type Stored = { id: string };

async function roundTrip<T extends Stored>(
  repo: Pick<Repository<T, never>, 'get' | 'insert'>,
  record: T,
): Promise<void> {
  await repo.insert(record);
  assert.deepEqual(await repo.get(record.id), record);
}

forEachDialect('every record kind survives a round trip', async (store) => {
  await store.write(async (tx) => {
    await roundTrip(tx.loadBalancers, f.loadBalancer());
    await roundTrip(tx.listeners, f.listener());
    await roundTrip(
      tx.listeners,
      f.listener({ id: 'l-2', default_pool_id: 'pool-1', allowed_cidrs: ['10.0.0.0/8'], hsts_max_age: 0 }),
    );
    await roundTrip(tx.pools, f.pool());
    await roundTrip(tx.pools, f.pool({ id: 'pool-2', session_persistence: null, tls_enabled: true }));
    await roundTrip(tx.members, f.member());
    await roundTrip(tx.healthMonitors, f.healthMonitor());
    await roundTrip(tx.networks, f.network());
    await roundTrip(tx.subnets, f.subnet({ ip_version: 6, cidr: 'fd00::/64', gateway_ip: 'fd00::1' }));
    await roundTrip(tx.ports, f.port());
  });
  // …and after the transaction committed, through a fresh read.
  const lb = await store.read((tx) => tx.loadBalancers.get('lb-1'));
  assert.deepEqual(lb, f.loadBalancer());
  assert.equal(typeof lb?.desired_revision, 'number');
  assert.equal(await store.read((tx) => tx.members.get('missing')), undefined);
});

forEachDialect('find matches on each indexed column, ordered by created_at then id', async (store) => {
  await store.write(async (tx) => {
    await tx.listeners.insert(f.listener({ id: 'l-c', created_at: '2024-01-03T00:00:00', project_id: 'p2' }));
    await tx.listeners.insert(
      f.listener({ id: 'l-b', created_at: '2024-01-01T00:00:00', default_pool_id: 'pool-9' }),
    );
    await tx.listeners.insert(
      f.listener({ id: 'l-a', created_at: '2024-01-01T00:00:00', load_balancer_id: 'lb-2' }),
    );
    await tx.members.insert(f.member({ id: 'm-1', pool_id: 'pool-1', address: '192.0.2.1' }));
    await tx.members.insert(f.member({ id: 'm-2', pool_id: 'pool-2', address: '192.0.2.1' }));
    await tx.healthMonitors.insert(f.healthMonitor({ id: 'hm-2', pool_id: 'pool-2' }));
    await tx.networks.insert(f.network({ id: 'n-1', name: 'a' }));
    await tx.networks.insert(f.network({ id: 'n-2', name: 'b' }));
    await tx.subnets.insert(f.subnet({ id: 's-1', network_id: 'n-1', name: 'x' }));
    await tx.subnets.insert(f.subnet({ id: 's-2', network_id: 'n-2', name: 'x' }));
    await tx.ports.insert(f.port({ id: 'port-a', device_id: 'dev-1', fixed_ips: [] }));
    await tx.ports.insert(f.port({ id: 'port-b', device_id: 'dev-2', network_id: 'n-2', fixed_ips: [] }));
    await tx.loadBalancers.insert(f.loadBalancer({ id: 'lb-1' }));
    await tx.loadBalancers.insert(
      f.loadBalancer({ id: 'lb-2', project_id: 'p2', provisioning_status: 'ERROR' }),
    );
    await tx.pools.insert(f.pool({ id: 'pool-1' }));
    await tx.pools.insert(f.pool({ id: 'pool-2', load_balancer_id: 'lb-2' }));
  });
  const ids = (records: { id: string }[]): string[] => records.map((r) => r.id);
  await store.read(async (tx) => {
    assert.deepEqual(ids(await tx.listeners.find({})), ['l-a', 'l-b', 'l-c']);
    assert.deepEqual(ids(await tx.listeners.find({ project_id: 'p1' })), ['l-a', 'l-b']);
    assert.deepEqual(ids(await tx.listeners.find({ load_balancer_id: 'lb-1' })), ['l-b', 'l-c']);
    assert.deepEqual(ids(await tx.listeners.find({ default_pool_id: 'pool-9' })), ['l-b']);
    // null is matched as IS NULL, not as the never-true "= NULL".
    assert.deepEqual(ids(await tx.listeners.find({ default_pool_id: null })), ['l-a', 'l-c']);
    assert.deepEqual(ids(await tx.listeners.find({ project_id: 'p1', load_balancer_id: 'lb-1' })), ['l-b']);
    const undefinedIgnored: { project_id?: string; load_balancer_id?: string } = { load_balancer_id: 'lb-2' };
    assert.deepEqual(ids(await tx.listeners.find(undefinedIgnored)), ['l-a']);
    assert.deepEqual(ids(await tx.members.find({ pool_id: 'pool-2' })), ['m-2']);
    assert.deepEqual(ids(await tx.members.find({ load_balancer_id: 'lb-1', project_id: 'p1' })), [
      'm-1',
      'm-2',
    ]);
    assert.deepEqual(ids(await tx.healthMonitors.find({ pool_id: 'pool-2' })), ['hm-2']);
    assert.deepEqual(ids(await tx.healthMonitors.find({ load_balancer_id: 'lb-9' })), []);
    assert.deepEqual(ids(await tx.networks.find({ name: 'b' })), ['n-2']);
    assert.deepEqual(ids(await tx.subnets.find({ network_id: 'n-1' })), ['s-1']);
    assert.deepEqual(ids(await tx.subnets.find({ name: 'x', project_id: 'p1' })), ['s-1', 's-2']);
    assert.deepEqual(ids(await tx.ports.find({ device_id: 'dev-2' })), ['port-b']);
    assert.deepEqual(ids(await tx.ports.find({ network_id: 'net-1' })), ['port-a']);
    assert.deepEqual(ids(await tx.loadBalancers.find({ project_id: 'p2' })), ['lb-2']);
    assert.deepEqual(ids(await tx.loadBalancers.find({ provisioning_status: 'ACTIVE' })), ['lb-1']);
    assert.deepEqual(ids(await tx.pools.find({ load_balancer_id: 'lb-2' })), ['pool-2']);
  });
});

forEachDialect('find rejects a column that is not stored as a column', async (store) => {
  await store.read(async (tx) => {
    const where = { protocol: 'HTTP' } as unknown as { project_id: string };
    await assert.rejects(tx.listeners.find(where), /listeners\.protocol is not a stored column/);
  });
});

forEachDialect('update replaces the whole record; remove deletes it', async (store) => {
  await store.write((tx) => tx.pools.insert(f.pool()));
  const changed = f.pool({
    name: null,
    load_balancer_id: 'lb-2',
    lb_algorithm: 'LEAST_CONNECTIONS',
    session_persistence: null,
    tls_enabled: true,
    tags: [],
    updated_at: '2024-02-01T00:00:00',
  });
  assert.equal(await store.write((tx) => tx.pools.update(changed)), true);
  await store.read(async (tx) => {
    assert.deepEqual(await tx.pools.get('pool-1'), changed);
    assert.deepEqual(await tx.pools.find({ load_balancer_id: 'lb-1' }), []);
  });
  assert.equal(await store.write((tx) => tx.pools.update(f.pool({ id: 'nope' }))), false);
  assert.equal(await store.read((tx) => tx.pools.get('nope')), undefined);
  assert.equal(await store.write((tx) => tx.pools.remove('pool-1')), true);
  assert.equal(await store.write((tx) => tx.pools.remove('pool-1')), false);
  assert.equal(await store.read((tx) => tx.pools.get('pool-1')), undefined);
});

test('encodeRecord keeps column fields out of doc, and decodeRecord restores the record', () => {
  const record = f.member();
  const row = encodeRecord(memberCodec, record);
  const doc = JSON.parse(String(row['doc'])) as Record<string, unknown>;
  for (const column of ['id', 'created_at', 'updated_at', ...memberCodec.columns]) {
    assert.equal(column in doc, false, `${column} must not be duplicated in doc`);
  }
  assert.equal(row['protocol_port'], 8080);
  assert.equal(doc['backup'], true);
  assert.deepEqual(decodeRecord(memberCodec, row), record);
});
