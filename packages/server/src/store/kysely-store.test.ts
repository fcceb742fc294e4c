import assert from 'node:assert/strict';
import { recordFixtures as f } from './record-fixtures.js';
import { StoreConflictError } from './store-conflict-error.js';
import { forEachDialect } from './test-dialects.js';

function isConflictOn(table: string): (error: unknown) => boolean {
  return (error) => error instanceof StoreConflictError && error.constraint === table;
}

forEachDialect(
  'a second member with the same pool, address and port is a StoreConflictError',
  async (store) => {
    await store.write((tx) => tx.members.insert(f.member({ id: 'm-1' })));
    await assert.rejects(
      store.write((tx) => tx.members.insert(f.member({ id: 'm-2' }))),
      isConflictOn('members'),
    );
    // Other port, other pool: no conflict.
    await store.write(async (tx) => {
      await tx.members.insert(f.member({ id: 'm-3', protocol_port: 8081 }));
      await tx.members.insert(f.member({ id: 'm-4', pool_id: 'pool-2' }));
    });
    // An update onto an existing (pool, address, port) conflicts too.
    await assert.rejects(
      store.write((tx) => tx.members.update(f.member({ id: 'm-3' }))),
      isConflictOn('members'),
    );
    const ids = await store.read(async (tx) => (await tx.members.find({})).map((m) => m.id));
    assert.deepEqual(ids, ['m-1', 'm-3', 'm-4']);
  },
);

forEachDialect('a second health monitor on one pool is a StoreConflictError', async (store) => {
  await store.write((tx) => tx.healthMonitors.insert(f.healthMonitor({ id: 'hm-1' })));
  await assert.rejects(
    store.write((tx) => tx.healthMonitors.insert(f.healthMonitor({ id: 'hm-2' }))),
    isConflictOn('health_monitors'),
  );
  await store.write((tx) => tx.healthMonitors.insert(f.healthMonitor({ id: 'hm-3', pool_id: 'pool-2' })));
  assert.equal(await store.read((tx) => tx.healthMonitors.get('hm-2')), undefined);
});

forEachDialect('a failing write rolls back everything it did', async (store) => {
  await store.write((tx) => tx.loadBalancers.insert(f.loadBalancer({ name: 'before' })));
  await assert.rejects(
    store.write(async (tx) => {
      await tx.loadBalancers.update(f.loadBalancer({ name: 'after' }));
      await tx.loadBalancers.lock('lb-1', ['ACTIVE'], 'PENDING_UPDATE', '2024-05-01T00:00:00');
      await tx.listeners.insert(f.listener());
      await tx.ports.insert(f.port());
      await tx.networks.remove('net-1');
      throw new Error('service failed halfway');
    }),
    /service failed halfway/,
  );
  await store.read(async (tx) => {
    assert.deepEqual(await tx.loadBalancers.get('lb-1'), f.loadBalancer({ name: 'before' }));
    assert.equal(await tx.listeners.get('l-1'), undefined);
    assert.equal(await tx.ports.get('port-1'), undefined);
    assert.deepEqual(await tx.ports.allocatedAddresses('subnet-1'), []);
  });
});

forEachDialect('a conflict rolls back the earlier statements of the same write', async (store) => {
  await store.write((tx) => tx.healthMonitors.insert(f.healthMonitor({ id: 'hm-1' })));
  await assert.rejects(
    store.write(async (tx) => {
      await tx.pools.insert(f.pool({ id: 'pool-new' }));
      await tx.healthMonitors.insert(f.healthMonitor({ id: 'hm-2' }));
    }),
    isConflictOn('health_monitors'),
  );
  assert.equal(await store.read((tx) => tx.pools.get('pool-new')), undefined);
});

forEachDialect('read and write return the value of their function', async (store) => {
  assert.equal(store.dialect === 'sqlite' || store.dialect === 'postgres', true);
  assert.equal(await store.write(async (tx) => (await tx.networks.insert(f.network()), 'done')), 'done');
  assert.equal(await store.read(async (tx) => (await tx.networks.get('net-1'))?.mtu), 1500);
});
