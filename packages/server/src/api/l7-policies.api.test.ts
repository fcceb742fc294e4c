import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestServer } from '../test-support/test-server.js';
import {
  API,
  DEFAULT_PROJECT,
  TIMESTAMP,
  UUID,
  activeStack,
  arr,
  assertView,
  createOne,
  expectFault,
  expectStatus,
  getOne,
  holdReconciler,
  memberOf,
  readerOf,
  str,
  type Wire,
} from './api-fixtures.js';
import { withServer } from './api-fixtures.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

async function policy(s: TestServer, listenerId: string, extra: Wire = {}, headers = {}): Promise<Wire> {
  const p = await createOne(
    s,
    'l7policies',
    'l7policy',
    { listener_id: listenerId, action: 'REJECT', ...extra },
    headers,
  );
  await s.settle();
  return p;
}

async function positions(s: TestServer, listenerId: string): Promise<[string, number][]> {
  const res = await s.json('GET', `${API}/l7policies?listener_id=${listenerId}&sort=position`);
  return arr(expectStatus(res, 200), 'l7policies').map((p) => [str(p, 'name'), p.position as number]);
}

test('POST l7policy: 201 view, LB and listener PENDING_UPDATE, then ACTIVE/ONLINE; listener lists it', async () => {
  await withServer(async (s) => {
    const { lbId, listenerId, poolId } = await activeStack(s);
    const release = holdReconciler(s);
    const p = await createOne(s, 'l7policies', 'l7policy', {
      listener_id: listenerId,
      action: 'REDIRECT_TO_POOL',
      redirect_pool_id: poolId,
      name: 'api',
      tags: ['t'],
    });
    assertView(p, {
      id: UUID,
      name: 'api',
      description: '',
      provisioning_status: 'PENDING_CREATE',
      operating_status: 'OFFLINE',
      admin_state_up: true,
      project_id: DEFAULT_PROJECT,
      tenant_id: DEFAULT_PROJECT,
      action: 'REDIRECT_TO_POOL',
      listener_id: listenerId,
      redirect_pool_id: poolId,
      redirect_url: null,
      redirect_prefix: null,
      position: 1,
      rules: [],
      created_at: TIMESTAMP,
      updated_at: null,
      tags: ['t'],
      redirect_http_code: null,
    });
    assert.equal(
      (await getOne(s, `listeners/${listenerId}`, 'listener')).provisioning_status,
      'PENDING_UPDATE',
    );
    assert.equal(
      (await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
      'PENDING_UPDATE',
    );
    expectFault(
      await s.json('POST', `${API}/l7policies`, { l7policy: { listener_id: listenerId, action: 'REJECT' } }),
      409,
      `Load Balancer ${lbId} is immutable and cannot be updated.`,
    );
    release();
    await s.settle();
    const got = await getOne(s, `l7policies/${str(p, 'id')}`, 'l7policy');
    assert.equal(got.provisioning_status, 'ACTIVE');
    assert.equal(got.operating_status, 'ONLINE');
    assert.deepEqual((await getOne(s, `listeners/${listenerId}`, 'listener')).l7policies, [{ id: p.id }]);
    assert.equal((await getOne(s, `listeners/${listenerId}`, 'listener')).provisioning_status, 'ACTIVE');
    // A disabled policy is OFFLINE once active.
    const off = await policy(s, listenerId, { admin_state_up: false });
    assert.equal((await getOne(s, `l7policies/${str(off, 'id')}`, 'l7policy')).operating_status, 'OFFLINE');
  });
});

test('action sanitising and redirect_http_code (spec §4.6)', async () => {
  await withServer(async (s) => {
    const { listenerId, poolId } = await activeStack(s);
    const post = (body: Wire) =>
      s.json('POST', `${API}/l7policies`, { l7policy: { listener_id: listenerId, ...body } });
    expectFault(
      await post({ action: 'REDIRECT_TO_URL' }),
      400,
      'Invalid L7 Policy arguments: redirect_url must not be None',
    );
    expectFault(
      await post({ action: 'REDIRECT_TO_POOL' }),
      400,
      'Invalid L7 Policy arguments: redirect_pool_id or redirect_pool must not be None',
    );
    expectFault(
      await post({ action: 'REDIRECT_PREFIX' }),
      400,
      'Invalid L7 Policy arguments: redirect_prefix must not be None',
    );
    expectFault(
      await post({
        action: 'REDIRECT_PREFIX',
        redirect_prefix: 'http://a.example',
        redirect_pool_id: poolId,
      }),
      400,
      'Invalid L7 Policy arguments: Cannot specify redirect_pool_id and redirect_url or redirect_prefix at the same time',
    );
    assert.equal((await post({ action: 'BOGUS' })).status, 400);
    assert.equal((await post({ action: 'REDIRECT_TO_URL', redirect_url: 'not a url' })).status, 400);
    assert.equal(
      (await post({ action: 'REDIRECT_TO_URL', redirect_url: 'http://a.example', redirect_http_code: 304 }))
        .status,
      400,
    );
    expectFault(
      await post({ action: 'REJECT', redirect_pool_id: MISSING }),
      404,
      `Pool ${MISSING} not found.`,
    );

    const url = await policy(s, listenerId, {
      action: 'REDIRECT_TO_URL',
      redirect_url: 'http://a.example/x',
    });
    assert.equal(url.redirect_http_code, 302);
    const pre = await policy(s, listenerId, {
      action: 'REDIRECT_PREFIX',
      redirect_prefix: 'https://b.example',
      redirect_http_code: 308,
    });
    assert.equal(pre.redirect_http_code, 308);
    // REJECT keeps the code on create; REJECT + prefix silently becomes REDIRECT_PREFIX (Octavia quirk).
    const rej = await policy(s, listenerId, { action: 'REJECT', redirect_http_code: 301 });
    assert.equal(rej.redirect_http_code, 301);
    const quirk = await policy(s, listenerId, { action: 'REJECT', redirect_prefix: 'http://c.example' });
    assert.equal(quirk.action, 'REDIRECT_PREFIX');
    const toPool = await policy(s, listenerId, {
      action: 'REDIRECT_TO_POOL',
      redirect_pool_id: poolId,
      redirect_http_code: 301,
    });
    assert.equal(toPool.redirect_http_code, null);

    // PUT: a lone redirect_url switches the action; REJECT clears everything; empty PUT is 400.
    const id = str(toPool, 'id');
    const put = (body: Wire) => s.json('PUT', `${API}/l7policies/${id}`, { l7policy: body });
    let v = expectStatus(await put({ redirect_url: 'http://d.example' }), 200).l7policy as Wire;
    assert.deepEqual(
      [v.action, v.redirect_pool_id, v.redirect_url, v.redirect_http_code, v.provisioning_status],
      ['REDIRECT_TO_URL', null, 'http://d.example', 302, 'PENDING_UPDATE'],
    );
    await s.settle();
    v = expectStatus(await put({ action: 'REJECT' }), 200).l7policy as Wire;
    assert.deepEqual(
      [v.action, v.redirect_url, v.redirect_prefix, v.redirect_http_code],
      ['REJECT', null, null, null],
    );
    await s.settle();
    expectFault(await put({}), 400, 'Invalid L7 Policy arguments: Invalid update options');
    expectFault(
      await put({ action: 'REDIRECT_TO_URL' }),
      400,
      'Invalid L7 Policy arguments: redirect_url must not be None',
    );
    assert.equal((await put({ listener_id: listenerId })).status, 400);
  });
});

test('listener protocol: PROMETHEUS 400, TCP 501; redirect pool must be on the same LB and compatible', async () => {
  await withServer(async (s) => {
    const { lbId, listenerId } = await activeStack(s);
    const tcp = await createOne(s, 'listeners', 'listener', {
      loadbalancer_id: lbId,
      protocol: 'TCP',
      protocol_port: 81,
    });
    await s.settle();
    expectFault(
      await s.json('POST', `${API}/l7policies`, { l7policy: { listener_id: tcp.id, action: 'REJECT' } }),
      501,
      "Provider 'amphora' does not support a requested option: TCP protocol listeners do not support L7 policies",
    );
    expectFault(
      await s.json('POST', `${API}/l7policies`, { l7policy: { listener_id: MISSING, action: 'REJECT' } }),
      404,
      `Listener ${MISSING} not found.`,
    );
    const tcpPool = await createOne(s, 'pools', 'pool', {
      loadbalancer_id: lbId,
      protocol: 'TCP',
      lb_algorithm: 'ROUND_ROBIN',
    });
    await s.settle();
    expectFault(
      await s.json('POST', `${API}/l7policies`, {
        l7policy: { listener_id: listenerId, action: 'REDIRECT_TO_POOL', redirect_pool_id: tcpPool.id },
      }),
      400,
      "Validation failure: The pool protocol 'TCP' is invalid while the listener protocol is 'HTTP'.",
    );
    const other = await activeStack(s);
    expectFault(
      await s.json('POST', `${API}/l7policies`, {
        l7policy: { listener_id: listenerId, action: 'REDIRECT_TO_POOL', redirect_pool_id: other.poolId },
      }),
      404,
      `Pool ${other.poolId} not found.`,
    );
  });
});

test('position: insert, append, move and renumber 1..N without gaps', async () => {
  await withServer(async (s) => {
    const { listenerId } = await activeStack(s);
    const a = await policy(s, listenerId, { name: 'a' });
    await policy(s, listenerId, { name: 'b', position: 100 });
    assert.deepEqual(await positions(s, listenerId), [
      ['a', 1],
      ['b', 2],
    ]);
    await policy(s, listenerId, { name: 'c', position: 1 });
    await policy(s, listenerId, { name: 'd', position: 3 });
    assert.deepEqual(await positions(s, listenerId), [
      ['c', 1],
      ['a', 2],
      ['d', 3],
      ['b', 4],
    ]);
    // Move a to the end, then to the front.
    expectStatus(
      await s.json('PUT', `${API}/l7policies/${str(a, 'id')}`, { l7policy: { position: 2147483647 } }),
      200,
    );
    await s.settle();
    assert.deepEqual(await positions(s, listenerId), [
      ['c', 1],
      ['d', 2],
      ['b', 3],
      ['a', 4],
    ]);
    const moved = expectStatus(
      await s.json('PUT', `${API}/l7policies/${str(a, 'id')}`, { l7policy: { position: 1 } }),
      200,
    ).l7policy as Wire;
    assert.equal(moved.position, 1);
    await s.settle();
    assert.deepEqual(await positions(s, listenerId), [
      ['a', 1],
      ['c', 2],
      ['d', 3],
      ['b', 4],
    ]);
    // Delete renumbers the rest; the listener lists its policies in position order.
    const all = arr(expectStatus(await s.json('GET', `${API}/l7policies?sort=position`), 200), 'l7policies');
    const c = all.find((p) => p.name === 'c') as Wire;
    assert.equal((await s.request('DELETE', `${API}/l7policies/${str(c, 'id')}`)).statusCode, 204);
    await s.settle();
    assert.deepEqual(await positions(s, listenerId), [
      ['a', 1],
      ['d', 2],
      ['b', 3],
    ]);
    expectFault(
      await s.json('GET', `${API}/l7policies/${str(c, 'id')}`),
      404,
      `L7 Policy ${str(c, 'id')} not found.`,
    );
    expectFault(
      await s.json('PUT', `${API}/l7policies/${str(c, 'id')}`, { l7policy: { name: 'x' } }),
      404,
      `L7 Policy ${str(c, 'id')} not found.`,
    );
    const listener = await getOne(s, `listeners/${listenerId}`, 'listener');
    const byPos = (await positions(s, listenerId)).map(([n]) => n);
    const names = new Map(all.map((p) => [p.id, p.name]));
    assert.deepEqual(
      (listener.l7policies as Wire[]).map((r) => names.get(r.id)),
      byPos,
    );
  });
});

test('list engine: filters, fields, tags, sorting, pagination; RBAC like pools', async () => {
  await withServer(async (s) => {
    const h1 = memberOf('p1');
    const { listenerId } = await activeStack(s, h1);
    await policy(s, listenerId, { name: 'x', tags: ['a', 'b'] }, h1);
    await policy(s, listenerId, { name: 'y', tags: ['b'], admin_state_up: false }, h1);
    const list = async (q: string, headers: Record<string, string> = h1) =>
      arr(expectStatus(await s.json('GET', `${API}/l7policies${q}`, undefined, headers), 200), 'l7policies');
    assert.deepEqual(
      (await list('?admin_state_up=false')).map((p) => p.name),
      ['y'],
    );
    assert.deepEqual(
      (await list('?tags=a')).map((p) => p.name),
      ['x'],
    );
    assert.deepEqual(
      (await list('?not-tags=a')).map((p) => p.name),
      ['y'],
    );
    assert.deepEqual(
      (await list('?sort=name:desc')).map((p) => p.name),
      ['y', 'x'],
    );
    assert.deepEqual(await list('?fields=name&sort=name'), [{ name: 'x' }, { name: 'y' }]);
    const page = expectStatus(await s.json('GET', `${API}/l7policies?limit=1`, undefined, h1), 200);
    assert.equal((page.l7policies as Wire[]).length, 1);
    assert.equal((page.l7policies_links as Wire[])[0]?.rel, 'next');
    expectFault(
      await s.json('GET', `${API}/l7policies?bogus=1`, undefined, h1),
      400,
      'One or more arguments are either duplicate or invalid',
    );
    // Another project sees nothing, cannot read or change p1's policies.
    const h2 = memberOf('p2');
    assert.deepEqual(await list('', h2), []);
    const id = str((await list(''))[0] as Wire, 'id');
    expectFault(
      await s.json('GET', `${API}/l7policies/${id}`, undefined, h2),
      403,
      'Policy does not allow this request to be performed.',
    );
    expectFault(
      await s.json('DELETE', `${API}/l7policies/${id}`, undefined, h2),
      403,
      'Policy does not allow this request to be performed.',
    );
    expectFault(
      await s.json('PUT', `${API}/l7policies/${id}`, { l7policy: { name: 'z' } }, readerOf('p1')),
      403,
      'Policy does not allow this request to be performed.',
    );
    assert.equal((await list('', readerOf('p1'))).length, 2);
    // Both mounts serve it.
    assert.equal((await s.json('GET', '/load-balancer/v2/l7policies', undefined, h1)).status, 200);
  });
});

test('cascade: listener delete removes its policies and rules; pool used by a policy is in use (409)', async () => {
  await withServer(async (s) => {
    const { lbId, listenerId, poolId } = await activeStack(s);
    const p = await policy(s, listenerId, { action: 'REDIRECT_TO_POOL', redirect_pool_id: poolId });
    const pid = str(p, 'id');
    await createOne(s, `l7policies/${pid}/rules`, 'rule', {
      type: 'PATH',
      compare_type: 'STARTS_WITH',
      value: '/api',
    });
    await s.settle();
    expectFault(
      await s.json('DELETE', `${API}/pools/${poolId}`),
      409,
      `Pool ${poolId} is in use by L7 policy ${pid}`,
    );
    // The status tree shows the redirect pool under the listener; the pool lists the listener.
    const tree = expectStatus(await s.json('GET', `${API}/loadbalancers/${lbId}/status`), 200);
    const listeners = ((tree.statuses as Wire).loadbalancer as Wire).listeners as Wire[];
    assert.deepEqual(
      ((listeners[0] as Wire).pools as Wire[]).map((x) => x.id),
      [poolId],
    );
    assert.equal((await s.request('DELETE', `${API}/listeners/${listenerId}`)).statusCode, 204);
    await s.settle();
    expectFault(await s.json('GET', `${API}/l7policies/${pid}`), 404, `L7 Policy ${pid} not found.`);
    const rules = await s.handle.store.read((tx) => tx.l7Rules.find({ l7policy_id: pid }));
    assert.deepEqual(rules, []);
    assert.equal((await s.request('DELETE', `${API}/pools/${poolId}`)).statusCode, 204);
  });
});

test('status tree: listener pools = default pool + redirect pools of enabled policies with rules', async () => {
  await withServer(async (s) => {
    const { lbId, listenerId, poolId } = await activeStack(s);
    const api = await createOne(s, 'pools', 'pool', {
      loadbalancer_id: lbId,
      protocol: 'HTTP',
      lb_algorithm: 'ROUND_ROBIN',
    });
    await s.settle();
    const p = await policy(s, listenerId, { action: 'REDIRECT_TO_POOL', redirect_pool_id: api.id });
    const treePools = async (): Promise<unknown[]> => {
      const tree = expectStatus(await s.json('GET', `${API}/loadbalancers/${lbId}/status`), 200);
      const l = (((tree.statuses as Wire).loadbalancer as Wire).listeners as Wire[])[0] as Wire;
      return (l.pools as Wire[]).map((x) => x.id).sort();
    };
    assert.deepEqual(await treePools(), [poolId]);
    await createOne(s, `l7policies/${str(p, 'id')}/rules`, 'rule', {
      type: 'PATH',
      compare_type: 'EQUAL_TO',
      value: '/a',
    });
    await s.settle();
    assert.deepEqual(await treePools(), [poolId, str(api, 'id')].sort());
    assert.deepEqual((await getOne(s, `pools/${str(api, 'id')}`, 'pool')).listeners, [{ id: listenerId }]);
  });
});

test('load balancer cascade delete removes L7 objects', async () => {
  await withServer(async (s) => {
    const { lbId, listenerId } = await activeStack(s);
    const p = await policy(s, listenerId);
    await createOne(s, `l7policies/${str(p, 'id')}/rules`, 'rule', {
      type: 'HOST_NAME',
      compare_type: 'EQUAL_TO',
      value: 'a.example',
    });
    await s.settle();
    assert.equal((await s.request('DELETE', `${API}/loadbalancers/${lbId}?cascade=true`)).statusCode, 204);
    await s.settle();
    const left = await s.handle.store.read(async (tx) => [
      ...(await tx.l7Policies.find({})),
      ...(await tx.l7Rules.find({})),
    ]);
    assert.deepEqual(left, []);
  });
});

test('quota l7policy: the limit is enforced in the create transaction', async () => {
  await withServer(async (s) => {
    const h1 = memberOf('p1');
    const { listenerId } = await activeStack(s, h1);
    expectStatus(await s.json('PUT', `${API}/quotas/p1`, { quota: { l7policy: 1 } }), 202);
    await policy(s, listenerId, {}, h1);
    expectFault(
      await s.json(
        'POST',
        `${API}/l7policies`,
        { l7policy: { listener_id: listenerId, action: 'REJECT' } },
        h1,
      ),
      403,
      'Quota has been met for resources: L7 Policy',
    );
    const count = await s.handle.store.read((tx) => tx.l7Policies.find({ project_id: 'p1' }));
    assert.equal(count.length, 1);
  });
});
