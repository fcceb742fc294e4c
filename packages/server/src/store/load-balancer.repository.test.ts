import assert from 'node:assert/strict';
import { recordFixtures as f } from './record-fixtures.js';
import { forEachDialect } from './test-dialects.js';

const NOW = '2024-03-01T12:00:00';

forEachDialect('lock() takes the lock from an allowed status and bumps the revision', async (store) => {
  await store.write((tx) =>
    tx.loadBalancers.insert(f.loadBalancer({ desired_revision: 3, applied_revision: 3 })),
  );
  const locked = await store.write((tx) =>
    tx.loadBalancers.lock('lb-1', ['ACTIVE', 'ERROR'], 'PENDING_UPDATE', NOW),
  );
  const expected = f.loadBalancer({
    provisioning_status: 'PENDING_UPDATE',
    desired_revision: 4,
    applied_revision: 3,
    pending_since: NOW,
    updated_at: NOW,
  });
  assert.deepEqual(locked, expected);
  assert.deepEqual(await store.read((tx) => tx.loadBalancers.get('lb-1')), expected);
});

forEachDialect('lock() refuses a status outside `allowed` and changes nothing', async (store) => {
  const pending = f.loadBalancer({
    provisioning_status: 'PENDING_CREATE',
    pending_since: '2024-01-01T00:00:00',
  });
  await store.write((tx) => tx.loadBalancers.insert(pending));
  await store.write(async (tx) => {
    assert.equal(await tx.loadBalancers.lock('lb-1', ['ACTIVE'], 'PENDING_UPDATE', NOW), undefined);
    assert.equal(await tx.loadBalancers.lock('lb-1', [], 'PENDING_UPDATE', NOW), undefined);
    assert.equal(await tx.loadBalancers.lock('missing', ['ACTIVE'], 'PENDING_UPDATE', NOW), undefined);
  });
  assert.deepEqual(await store.read((tx) => tx.loadBalancers.get('lb-1')), pending);
});

forEachDialect('two concurrent lock() calls on one load balancer: exactly one wins', async (store) => {
  await store.write((tx) => tx.loadBalancers.insert(f.loadBalancer({ desired_revision: 7 })));
  const attempt = (at: string) =>
    store.write(async (tx) => {
      const won = await tx.loadBalancers.lock('lb-1', ['ACTIVE'], 'PENDING_UPDATE', at);
      // Keep the transaction open a little longer so the two really overlap on PostgreSQL.
      await tx.loadBalancers.get('lb-1');
      return won;
    });
  const results = await Promise.all([attempt('2024-03-01T12:00:01'), attempt('2024-03-01T12:00:02')]);
  const winners = results.filter((r) => r !== undefined);
  assert.equal(winners.length, 1);
  const after = await store.read((tx) => tx.loadBalancers.get('lb-1'));
  assert.equal(after?.desired_revision, 8);
  assert.equal(after?.provisioning_status, 'PENDING_UPDATE');
  assert.equal(after?.pending_since, winners[0]?.pending_since);
});

forEachDialect('many concurrent lock() calls: one winner per ACTIVE period', async (store) => {
  await store.write((tx) => tx.loadBalancers.insert(f.loadBalancer({ desired_revision: 0 })));
  const attempts = Array.from({ length: 8 }, (_, i) =>
    store.write((tx) =>
      tx.loadBalancers.lock('lb-1', ['ACTIVE'], 'PENDING_DELETE', `2024-03-01T12:00:0${i}`),
    ),
  );
  const winners = (await Promise.all(attempts)).filter((r) => r !== undefined);
  assert.equal(winners.length, 1);
  assert.equal((await store.read((tx) => tx.loadBalancers.get('lb-1')))?.desired_revision, 1);
});

forEachDialect('pendingIds() lists exactly the PENDING_* load balancers', async (store) => {
  await store.write(async (tx) => {
    await tx.loadBalancers.insert(f.loadBalancer({ id: 'lb-a', provisioning_status: 'ACTIVE' }));
    await tx.loadBalancers.insert(f.loadBalancer({ id: 'lb-b', provisioning_status: 'PENDING_CREATE' }));
    await tx.loadBalancers.insert(f.loadBalancer({ id: 'lb-c', provisioning_status: 'ERROR' }));
    await tx.loadBalancers.insert(f.loadBalancer({ id: 'lb-d', provisioning_status: 'PENDING_DELETE' }));
    await tx.loadBalancers.insert(f.loadBalancer({ id: 'lb-e', provisioning_status: 'DELETED' }));
  });
  assert.deepEqual(await store.read((tx) => tx.loadBalancers.pendingIds()), ['lb-b', 'lb-d']);
  await store.write((tx) => tx.loadBalancers.lock('lb-a', ['ACTIVE'], 'PENDING_UPDATE', NOW));
  assert.deepEqual(await store.read((tx) => tx.loadBalancers.pendingIds()), ['lb-a', 'lb-b', 'lb-d']);
});
