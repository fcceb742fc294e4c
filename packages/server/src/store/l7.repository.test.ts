import assert from 'node:assert/strict';
import type { L7PolicyRecord, L7RuleRecord } from '@lbaas/core';
import { forEachDialect } from './test-dialects.js';

function policy(overrides: Partial<L7PolicyRecord> = {}): L7PolicyRecord {
  return {
    id: 'pol-1',
    project_id: 'proj-1',
    provisioning_status: 'ACTIVE',
    operating_status: 'ONLINE',
    admin_state_up: true,
    tags: ['a', 'b'],
    created_at: '2024-03-01T12:00:00',
    updated_at: null,
    load_balancer_id: 'lb-1',
    listener_id: 'l-1',
    name: 'p',
    description: null,
    action: 'REDIRECT_TO_POOL',
    redirect_pool_id: 'pool-1',
    redirect_url: null,
    redirect_prefix: null,
    redirect_http_code: null,
    position: 1,
    ...overrides,
  };
}

function rule(overrides: Partial<L7RuleRecord> = {}): L7RuleRecord {
  return {
    id: 'rule-1',
    project_id: 'proj-1',
    provisioning_status: 'ACTIVE',
    operating_status: 'ONLINE',
    admin_state_up: true,
    tags: [],
    created_at: '2024-03-01T12:00:00',
    updated_at: null,
    load_balancer_id: 'lb-1',
    l7policy_id: 'pol-1',
    type: 'HEADER',
    compare_type: 'EQUAL_TO',
    key: 'X-A',
    value: '"a b"',
    invert: true,
    ...overrides,
  };
}

forEachDialect(
  'l7 policies: round trip, find by listener and redirect pool, update, remove',
  async (store) => {
    const a = policy();
    const b = policy({
      id: 'pol-2',
      created_at: '2024-03-01T12:00:01',
      action: 'REDIRECT_TO_URL',
      redirect_pool_id: null,
      redirect_url: 'http://a.example',
      redirect_http_code: 302,
      position: 2,
    });
    const other = policy({
      id: 'pol-3',
      listener_id: 'l-2',
      load_balancer_id: 'lb-2',
      redirect_pool_id: null,
    });
    await store.write(async (tx) => {
      for (const p of [a, b, other]) await tx.l7Policies.insert(p);
    });
    assert.deepEqual(await store.read((tx) => tx.l7Policies.get('pol-2')), b);
    assert.deepEqual(await store.read((tx) => tx.l7Policies.find({ listener_id: 'l-1' })), [a, b]);
    assert.deepEqual(await store.read((tx) => tx.l7Policies.find({ redirect_pool_id: 'pool-1' })), [a]);
    assert.deepEqual(await store.read((tx) => tx.l7Policies.find({ load_balancer_id: 'lb-2' })), [other]);
    const moved = { ...a, position: 3, updated_at: '2024-03-02T00:00:00' };
    assert.equal(await store.write((tx) => tx.l7Policies.update(moved)), true);
    assert.deepEqual(await store.read((tx) => tx.l7Policies.get('pol-1')), moved);
    assert.equal(await store.write((tx) => tx.l7Policies.remove('pol-1')), true);
    assert.equal(await store.read((tx) => tx.l7Policies.get('pol-1')), undefined);
  },
);

forEachDialect('l7 rules: round trip and find by policy; quota usage counts L7 objects', async (store) => {
  const r1 = rule();
  const r2 = rule({
    id: 'rule-2',
    created_at: '2024-03-01T12:00:01',
    type: 'PATH',
    key: null,
    invert: false,
  });
  const r3 = rule({ id: 'rule-3', l7policy_id: 'pol-2', provisioning_status: 'DELETED' });
  await store.write(async (tx) => {
    await tx.l7Policies.insert(policy());
    for (const r of [r1, r2, r3]) await tx.l7Rules.insert(r);
  });
  assert.deepEqual(await store.read((tx) => tx.l7Rules.get('rule-1')), r1);
  assert.deepEqual(await store.read((tx) => tx.l7Rules.find({ l7policy_id: 'pol-1' })), [r1, r2]);
  const usage = await store.read((tx) => tx.quotas.usage('proj-1', ['l7policy', 'l7rule']));
  assert.deepEqual(usage, { l7policy: 1, l7rule: 2 });
});
