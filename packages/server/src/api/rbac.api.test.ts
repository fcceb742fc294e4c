import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  API,
  activeLb,
  activeStack,
  arr,
  defaultSubnetId,
  expectFault,
  expectStatus,
  ids,
  memberOf,
  obj,
  readerOf,
  withServer,
} from './api-fixtures.js';

const FORBIDDEN = 'Policy does not allow this request to be performed.';
const P1 = memberOf('p1');
const P2 = memberOf('p2');

test('a project member creates in its own project and sees only its objects', async () => {
  await withServer(async (s) => {
    const one = await activeLb(s, { name: 'one' }, P1);
    const two = await activeLb(s, { name: 'two' }, P2);
    const lb = obj(
      expectStatus(await s.json('GET', `${API}/loadbalancers/${one}`, undefined, P1), 200),
      'loadbalancer',
    );
    assert.deepEqual([lb.project_id, lb.tenant_id], ['p1', 'p1']);
    assert.deepEqual(
      ids(
        arr(expectStatus(await s.json('GET', `${API}/loadbalancers`, undefined, P1), 200), 'loadbalancers'),
      ),
      [one],
    );
    assert.deepEqual(
      ids(
        arr(expectStatus(await s.json('GET', `${API}/loadbalancers`, undefined, P2), 200), 'loadbalancers'),
      ),
      [two],
    );
    assert.deepEqual(
      ids(
        arr(
          expectStatus(await s.json('GET', `${API}/loadbalancers?project_id=p1`, undefined, P1), 200),
          'loadbalancers',
        ),
      ),
      [one],
    );
    expectFault(await s.json('GET', `${API}/loadbalancers?project_id=p2`, undefined, P1), 403, FORBIDDEN);
  });
});

test("another project's objects: 403 on GET/PUT/DELETE, 404 for unknown ids", async () => {
  await withServer(async (s) => {
    const { lbId, listenerId, poolId } = await activeStack(s, P2);
    for (const [path, key] of [
      [`loadbalancers/${lbId}`, 'loadbalancer'],
      [`listeners/${listenerId}`, 'listener'],
      [`pools/${poolId}`, 'pool'],
    ] as const) {
      expectFault(await s.json('GET', `${API}/${path}`, undefined, P1), 403, FORBIDDEN);
      expectFault(await s.json('PUT', `${API}/${path}`, { [key]: { name: 'x' } }, P1), 403, FORBIDDEN);
      expectFault(await s.json('DELETE', `${API}/${path}`, undefined, P1), 403, FORBIDDEN);
    }
    expectFault(await s.json('GET', `${API}/loadbalancers/${lbId}/status`, undefined, P1), 403, FORBIDDEN);
    expectFault(await s.json('GET', `${API}/pools/${poolId}/members`, undefined, P1), 403, FORBIDDEN);
    expectFault(
      await s.json(
        'POST',
        `${API}/pools/${poolId}/members`,
        { member: { address: '192.0.2.1', protocol_port: 80 } },
        P1,
      ),
      403,
      FORBIDDEN,
    );
    expectFault(
      await s.json(
        'POST',
        `${API}/listeners`,
        { listener: { loadbalancer_id: lbId, protocol: 'TCP', protocol_port: 81 } },
        P1,
      ),
      403,
      FORBIDDEN,
    );
    const missing = '88888888-8888-8888-8888-888888888888';
    expectFault(
      await s.json('GET', `${API}/loadbalancers/${missing}`, undefined, P1),
      404,
      `Load Balancer ${missing} not found.`,
    );
    // Nothing of p2's leaked into p1's lists.
    for (const c of ['loadbalancers', 'listeners', 'pools', 'healthmonitors']) {
      assert.deepEqual(arr(expectStatus(await s.json('GET', `${API}/${c}`, undefined, P1), 200), c), [], c);
    }
  });
});

test('a reader may read but not write; a member may not create in another project', async () => {
  await withServer(async (s) => {
    const subnet = await defaultSubnetId(s);
    const id = await activeLb(s, {}, P1);
    expectFault(
      await s.json(
        'POST',
        `${API}/loadbalancers`,
        { loadbalancer: { vip_subnet_id: subnet } },
        readerOf('p1'),
      ),
      403,
      FORBIDDEN,
    );
    expectFault(
      await s.json('PUT', `${API}/loadbalancers/${id}`, { loadbalancer: { name: 'x' } }, readerOf('p1')),
      403,
      FORBIDDEN,
    );
    expectFault(
      await s.json('DELETE', `${API}/loadbalancers/${id}`, undefined, readerOf('p1')),
      403,
      FORBIDDEN,
    );
    expectStatus(await s.json('GET', `${API}/loadbalancers/${id}`, undefined, readerOf('p1')), 200);
    assert.deepEqual(
      ids(
        arr(
          expectStatus(await s.json('GET', `${API}/loadbalancers`, undefined, readerOf('p1')), 200),
          'loadbalancers',
        ),
      ),
      [id],
    );
    expectFault(await s.json('GET', `${API}/loadbalancers/${id}`, undefined, readerOf('p2')), 403, FORBIDDEN);
    expectFault(
      await s.json(
        'POST',
        `${API}/loadbalancers`,
        { loadbalancer: { vip_subnet_id: subnet, project_id: 'p2' } },
        P1,
      ),
      403,
      FORBIDDEN,
    );
    expectFault(
      await s.json('GET', `${API}/loadbalancers`, undefined, { 'x-project-id': 'p1', 'x-roles': 'nobody' }),
      403,
      FORBIDDEN,
    );
  });
});

test('admin (no X-Roles) sees every project, filters with ?project_id= and may create for another project', async () => {
  await withServer(async (s) => {
    const one = await activeLb(s, { name: 'one' }, P1);
    const two = await activeLb(s, { name: 'two' }, P2);
    const three = await activeLb(s, { name: 'three', project_id: 'p3' });
    const all = ids(
      arr(expectStatus(await s.json('GET', `${API}/loadbalancers?sort=name`), 200), 'loadbalancers'),
    );
    assert.deepEqual(all, [one, three, two]);
    assert.deepEqual(
      ids(arr(expectStatus(await s.json('GET', `${API}/loadbalancers?project_id=p2`), 200), 'loadbalancers')),
      [two],
    );
    const lb = obj(expectStatus(await s.json('GET', `${API}/loadbalancers/${three}`), 200), 'loadbalancer');
    assert.deepEqual([lb.project_id, lb.tenant_id], ['p3', 'p3']);
    expectStatus(
      await s.json('GET', `${API}/loadbalancers/${one}`, undefined, {
        'x-project-id': 'other',
        'x-roles': 'admin',
      }),
      200,
    );
    const viaTenant = obj(
      expectStatus(
        await s.json('POST', `${API}/loadbalancers`, {
          loadbalancer: { vip_subnet_id: await defaultSubnetId(s), tenant_id: 'p4' },
        }),
        201,
      ),
      'loadbalancer',
    );
    assert.deepEqual([viaTenant.project_id, viaTenant.tenant_id], ['p4', 'p4']);
  });
});

test('children inherit the project of their load balancer', async () => {
  await withServer(async (s) => {
    const { listenerId, poolId } = await activeStack(s, P1);
    for (const [path, key] of [
      [`listeners/${listenerId}`, 'listener'],
      [`pools/${poolId}`, 'pool'],
    ] as const) {
      const o = obj(expectStatus(await s.json('GET', `${API}/${path}`, undefined, P1), 200), key);
      assert.deepEqual([o.project_id, o.tenant_id], ['p1', 'p1'], path);
    }
    const m = obj(
      expectStatus(
        await s.json(
          'POST',
          `${API}/pools/${poolId}/members`,
          { member: { address: '192.0.2.1', protocol_port: 80, project_id: 'zzz' } },
          P1,
        ),
        201,
      ),
      'member',
    );
    assert.deepEqual([m.project_id, m.tenant_id], ['p1', 'p1']);
  });
});
