import assert from 'node:assert/strict';
import { checkQuota, emptyQuotaRecord, effectiveQuotas, UNLIMITED_QUOTAS } from '@lbaas/core';
import { recordFixtures as f } from './record-fixtures.js';
import { forEachDialect } from './test-dialects.js';

forEachDialect('quotas: lock creates the all-null record once; put replaces; list orders', async (store) => {
  assert.equal(await store.read((tx) => tx.quotas.get('p1')), undefined);
  assert.deepEqual(await store.write((tx) => tx.quotas.lock('p1')), emptyQuotaRecord('p1'));
  const set = { ...emptyQuotaRecord('p1'), loadbalancer: 2_000_000_000, member: -1, l7rule: 0 };
  await store.write((tx) => tx.quotas.put(set));
  // A second lock neither resets nor duplicates the record.
  assert.deepEqual(await store.write((tx) => tx.quotas.lock('p1')), set);
  await store.write((tx) => tx.quotas.put({ ...emptyQuotaRecord('a0'), pool: 3 }));
  assert.deepEqual(await store.read((tx) => tx.quotas.list()), [{ ...emptyQuotaRecord('a0'), pool: 3 }, set]);
  assert.deepEqual(await store.read((tx) => tx.quotas.list('p1')), [set]);
  assert.deepEqual(await store.read((tx) => tx.quotas.list('nope')), []);
  await store.write((tx) => tx.quotas.put(emptyQuotaRecord('p1')));
  assert.deepEqual(await store.read((tx) => tx.quotas.get('p1')), emptyQuotaRecord('p1'));
});

forEachDialect('quotas: usage counts the project objects that are not DELETED', async (store) => {
  await store.write(async (tx) => {
    await tx.loadBalancers.insert(f.loadBalancer({ id: 'lb-1' }));
    await tx.loadBalancers.insert(f.loadBalancer({ id: 'lb-2', provisioning_status: 'PENDING_DELETE' }));
    await tx.loadBalancers.insert(f.loadBalancer({ id: 'lb-3', provisioning_status: 'DELETED' }));
    await tx.loadBalancers.insert(f.loadBalancer({ id: 'lb-4', project_id: 'p2' }));
    await tx.listeners.insert(f.listener({ id: 'l-1' }));
    await tx.listeners.insert(f.listener({ id: 'l-2' }));
    await tx.pools.insert(f.pool());
    await tx.members.insert(f.member({ id: 'm-1', address: '192.0.2.1' }));
    await tx.members.insert(f.member({ id: 'm-2', address: '192.0.2.2', project_id: 'p2' }));
    await tx.healthMonitors.insert(f.healthMonitor());
  });
  const all = ['loadbalancer', 'listener', 'pool', 'healthmonitor', 'member', 'l7policy', 'l7rule'] as const;
  assert.deepEqual(await store.read((tx) => tx.quotas.usage('p1', all)), {
    loadbalancer: 2,
    listener: 2,
    pool: 1,
    healthmonitor: 1,
    member: 1,
    l7policy: 0,
    l7rule: 0,
  });
  assert.deepEqual(await store.read((tx) => tx.quotas.usage('p2', ['loadbalancer', 'member'])), {
    loadbalancer: 1,
    member: 1,
  });
});

forEachDialect(
  'quotas: concurrent check-then-insert under the lock admits exactly the limit',
  async (store) => {
    const LIMIT = 3;
    await store.write((tx) => tx.quotas.put({ ...emptyQuotaRecord('p1'), listener: LIMIT }));
    await store.write((tx) => tx.loadBalancers.insert(f.loadBalancer()));
    const attempt = (i: number): Promise<boolean> =>
      store
        .write(async (tx) => {
          const limits = effectiveQuotas(await tx.quotas.lock('p1'), UNLIMITED_QUOTAS);
          checkQuota(limits, await tx.quotas.usage('p1', ['listener']), [['listener', 1]]);
          // Give a competing transaction every chance to interleave between the count and the insert.
          await new Promise((resolve) => setTimeout(resolve, 5));
          await tx.listeners.insert(f.listener({ id: `l-${i}`, name: `l${i}` }));
        })
        .then(
          () => true,
          (error: unknown) => {
            assert.match(String(error), /Quota has been met for resources: Listener/);
            return false;
          },
        );
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(i)));
    assert.equal(results.filter(Boolean).length, LIMIT);
    assert.equal((await store.read((tx) => tx.listeners.find({ project_id: 'p1' }))).length, LIMIT);
  },
);
