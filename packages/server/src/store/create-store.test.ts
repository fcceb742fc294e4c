import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../services/ports.js';
import { createStore, storeConfigFrom, type StoreConfig } from './create-store.js';
import { recordFixtures as f } from './record-fixtures.js';
import { StoreConflictError } from './store-conflict-error.js';
import { forEachDialectConfig } from './test-dialects.js';

async function using<T>(config: StoreConfig, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await createStore(config);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

forEachDialectConfig('migrations are idempotent: reopening keeps schema and data', async (config) => {
  await using(config, async (store) => {
    await store.write((tx) => tx.loadBalancers.insert(f.loadBalancer()));
    await store.write((tx) => tx.ports.insert(f.port()));
  });
  await using(config, async (store) => {
    assert.deepEqual(await store.read((tx) => tx.loadBalancers.get('lb-1')), f.loadBalancer());
    assert.deepEqual(await store.read((tx) => tx.ports.allocatedAddresses('subnet-1')), ['10.0.0.5']);
    // The constraints survived too (nothing was re-created without them).
    await assert.rejects(
      store.write((tx) => tx.ports.insert(f.port({ id: 'port-2' }))),
      (e: unknown) => e instanceof StoreConflictError && e.constraint === 'port_ips',
    );
  });
  await using(config, async (store) =>
    assert.equal((await store.read((tx) => tx.loadBalancers.find({}))).length, 1),
  );
});

forEachDialectConfig('two servers on one database: one lock winner, no shared address', async (config) => {
  if (config.kind === 'sqlite') {
    // SQLite serves one server process; two handles in one process would block each other's event loop.
    await using(config, (store) => store.write((tx) => tx.loadBalancers.insert(f.loadBalancer())));
    await using(config, async (store) => assert.ok(await store.read((tx) => tx.loadBalancers.get('lb-1'))));
    return;
  }
  // Both start at once: the migrator's lock must keep them from migrating twice.
  const [a, b] = await Promise.all([createStore(config), createStore(config)]);
  try {
    await a.write((tx) => tx.loadBalancers.insert(f.loadBalancer()));
    const lock = (store: Store, at: string) =>
      store.write((tx) => tx.loadBalancers.lock('lb-1', ['ACTIVE'], 'PENDING_UPDATE', at));
    const results = await Promise.all([lock(a, '2024-03-01T00:00:01'), lock(b, '2024-03-01T00:00:02')]);
    assert.equal(results.filter((r) => r !== undefined).length, 1);

    const claim = (store: Store, id: string) =>
      store.write((tx) =>
        tx.ports.insert(f.port({ id, fixed_ips: [{ subnet_id: 'subnet-1', ip_address: '10.0.0.42' }] })),
      );
    const claims = await Promise.allSettled([claim(a, 'port-a'), claim(b, 'port-b')]);
    assert.equal(claims.filter((c) => c.status === 'fulfilled').length, 1);
    const rejected = claims.find((c) => c.status === 'rejected');
    assert.ok(rejected?.reason instanceof StoreConflictError);
    assert.deepEqual(await b.read((tx) => tx.ports.allocatedAddresses('subnet-1')), ['10.0.0.42']);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('storeConfigFrom picks PostgreSQL for postgres URLs and a SQLite file in the state dir otherwise', () => {
  assert.deepEqual(storeConfigFrom(undefined, '/var/lib/lbaas'), {
    kind: 'sqlite',
    path: '/var/lib/lbaas/lbaas.sqlite',
  });
  assert.deepEqual(storeConfigFrom('', '/state'), { kind: 'sqlite', path: '/state/lbaas.sqlite' });
  assert.deepEqual(storeConfigFrom('postgres://u:p@db/lbaas', '/state'), {
    kind: 'postgres',
    url: 'postgres://u:p@db/lbaas',
  });
  assert.deepEqual(storeConfigFrom('postgresql://db/lbaas', '/state'), {
    kind: 'postgres',
    url: 'postgresql://db/lbaas',
  });
  assert.throws(
    () => storeConfigFrom('mysql://u:secret@db/x', '/state'),
    (e: unknown) => {
      assert.ok(e instanceof Error);
      assert.match(e.message, /postgres:\/\/ or postgresql:\/\//);
      assert.doesNotMatch(e.message, /secret/);
      return true;
    },
  );
});

test('createStore rejects a PostgreSQL schema name that is not a plain identifier', async () => {
  const config: StoreConfig = {
    kind: 'postgres',
    url: 'postgres://127.0.0.1:1/none',
    schema: 'x"; drop table y; --',
  };
  await assert.rejects(createStore(config), /invalid PostgreSQL schema name/);
});
