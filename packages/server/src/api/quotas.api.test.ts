import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestServer } from '../test-support/test-server.js';
import { API, expectFault, expectStatus, memberOf, readerOf, withServer, type Wire } from './api-fixtures.js';

const FORBIDDEN = 'Policy does not allow this request to be performed.';

/** A quota as the API renders it: both spellings, project_id and tenant_id. */
function quota(
  project: string,
  v: Partial<Record<string, number | null>> = {},
  fill: number | null = -1,
): Wire {
  const get = (k: string): number | null => (k in v ? (v[k] ?? null) : fill);
  return {
    project_id: project,
    tenant_id: project,
    loadbalancer: get('loadbalancer'),
    load_balancer: get('loadbalancer'),
    listener: get('listener'),
    pool: get('pool'),
    healthmonitor: get('healthmonitor'),
    health_monitor: get('healthmonitor'),
    member: get('member'),
    l7policy: get('l7policy'),
    l7rule: get('l7rule'),
  };
}

const put = (s: TestServer, project: string, body: Wire, headers: Record<string, string> = {}) =>
  s.json('PUT', `${API}/quotas/${project}`, { quota: body }, headers);

test('GET/PUT/DELETE /quotas: exact bodies and status codes', async () => {
  await withServer(async (s) => {
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/quotas`), 200), {
      quotas: [],
      quotas_links: [],
    });
    // Effective quota of a project without a record: the deployment defaults (all unlimited here).
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/quotas/p1`), 200), { quota: quota('p1') });
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/quotas/p1/default`), 200), {
      quota: quota('p1'),
    });
    // Octavia routes /quotas/defaults as the quota of a project called "defaults".
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/quotas/defaults`), 200), {
      quota: quota('defaults'),
    });

    assert.deepEqual(expectStatus(await put(s, 'p1', { loadbalancer: 10, member: 0 }), 202), {
      quota: quota('p1', { loadbalancer: 10, member: 0 }),
    });
    // The list shows stored records: what was never set is null.
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/quotas`), 200), {
      quotas: [quota('p1', { loadbalancer: 10, member: 0 }, null)],
      quotas_links: [],
    });
    // A second PUT changes only what it names; null puts one limit back to the default.
    assert.deepEqual(expectStatus(await put(s, 'p1', { pool: 5, member: null }), 202), {
      quota: quota('p1', { loadbalancer: 10, pool: 5 }),
    });
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/quotas/p1`), 200), {
      quota: quota('p1', { loadbalancer: 10, pool: 5 }),
    });
    await put(s, 'p0', { l7rule: 3 });
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/quotas?project_id=p1`), 200), {
      quotas: [quota('p1', { loadbalancer: 10, pool: 5 }, null)],
      quotas_links: [],
    });
    assert.deepEqual(
      (arrOf(expectStatus(await s.json('GET', `${API}/quotas`), 200)) as Wire[]).map((q) => q.project_id),
      ['p0', 'p1'],
    );

    // DELETE: 202 without a body; every limit back to the default; the record stays (all null).
    const del = await s.request('DELETE', `${API}/quotas/p1`);
    assert.equal(del.statusCode, 202);
    assert.equal(del.body, '');
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/quotas/p1`), 200), { quota: quota('p1') });
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/quotas?project_id=p1`), 200), {
      quotas: [quota('p1', {}, null)],
      quotas_links: [],
    });
    expectFault(await s.json('DELETE', `${API}/quotas/p9`), 404, 'Quotas p9 not found.');
    expectFault(
      await s.json('POST', `${API}/quotas`, { quota: {} }),
      405,
      'The method POST is not allowed for this resource.',
    );
  });
});

function arrOf(body: Wire): unknown[] {
  const v = body.quotas;
  assert.ok(Array.isArray(v));
  return v;
}

test('/quotas is served under every Octavia prefix', async () => {
  await withServer(async (s) => {
    for (const prefix of [
      '/load-balancer/v2.0/lbaas',
      '/load-balancer/v2/lbaas',
      '/load-balancer/v2.0',
      '/load-balancer/v2',
    ]) {
      expectStatus(await s.json('PUT', `${prefix}/quotas/p1`, { quota: { pool: 2 } }), 202);
      assert.equal(obj(expectStatus(await s.json('GET', `${prefix}/quotas/p1`), 200)).pool, 2);
      expectStatus(await s.json('GET', `${prefix}/quotas`), 200);
      expectStatus(await s.json('GET', `${prefix}/quotas/p1/default`), 200);
      assert.equal((await s.request('DELETE', `${prefix}/quotas/p1`)).statusCode, 202);
    }
  });
});

function obj(body: Wire): Wire {
  return body.quota as Wire;
}

test('both spellings are accepted; the canonical one wins when both are sent', async () => {
  await withServer(async (s) => {
    // What octaviaclient sends on `quota set`.
    assert.deepEqual(obj(expectStatus(await put(s, 'p1', { load_balancer: 3, health_monitor: 4 }), 202)), {
      ...quota('p1', { loadbalancer: 3, healthmonitor: 4 }),
    });
    // QuotaBase.to_dict copies `loadbalancer` over `load_balancer`.
    const both = obj(
      expectStatus(
        await put(s, 'p1', { load_balancer: 7, loadbalancer: 8, healthmonitor: 5, health_monitor: 6 }),
        202,
      ),
    );
    assert.deepEqual(
      [both.loadbalancer, both.load_balancer, both.healthmonitor, both.health_monitor],
      [8, 8, 5, 5],
    );
    // What `quota unset --loadbalancer --healthmonitor` sends.
    assert.deepEqual(
      obj(expectStatus(await put(s, 'p1', { loadbalancer: null, healthmonitor: null }), 202)),
      {
        ...quota('p1'),
      },
    );
    // Strings are coerced like WSME does; -1 and the maximum are in range.
    assert.equal(obj(expectStatus(await put(s, 'p1', { member: '12' }), 202)).member, 12);
    assert.equal(
      obj(expectStatus(await put(s, 'p1', { member: 2000000000, pool: -1 }), 202)).member,
      2000000000,
    );
  });
});

test("validation faults use WSME's messages", async () => {
  await withServer(async (s) => {
    expectFault(
      await put(s, 'p1', { loadbalancer: -2 }),
      400,
      "Invalid input for field/attribute loadbalancer. Value: '-2'. Value should be greater or equal to -1",
    );
    expectFault(
      await put(s, 'p1', { health_monitor: 2000000001 }),
      400,
      "Invalid input for field/attribute health_monitor. Value: '2000000001'. Value should be lower or equal to 2000000000",
    );
    expectFault(await put(s, 'p1', { pools: 1 }), 400, 'Unknown attribute for argument quotas.quota: pools');
    expectFault(
      await s.json('PUT', `${API}/quotas/p1`, { quotas: {} }),
      400,
      'Unknown attribute for argument quotas: quotas',
    );
    expectFault(
      await s.json('PUT', `${API}/quotas/p1`, {}),
      400,
      "Invalid input for field/attribute quota. Value: 'None'. Mandatory field missing.",
    );
    expectFault(
      await put(s, 'p1', { listener: 'many' }),
      400,
      "Invalid input for field/attribute quotas. Value: '{'quota': {'listener': 'many'}}'. invalid literal for int() with base 10: 'many'",
    );
    // Nothing was stored by the refused requests.
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/quotas`), 200), {
      quotas: [],
      quotas_links: [],
    });
  });
});

test('RBAC: readers and members see their own quota, global readers all, only quota admins write', async () => {
  await withServer(async (s) => {
    await put(s, 'p1', { pool: 1 });
    await put(s, 'p2', { pool: 2 });
    const QUOTA_ADMIN = { 'x-project-id': 'ops', 'x-roles': 'load-balancer_quota_admin' };
    const GLOBAL = { 'x-project-id': 'ops', 'x-roles': 'load-balancer_global_observer' };
    const ADMIN = { 'x-project-id': 'ops', 'x-roles': 'admin' };
    const NOBODY = { 'x-project-id': 'p1', 'x-roles': 'something' };
    const listed = async (h: Record<string, string>, query = ''): Promise<string[]> =>
      (arrOf(expectStatus(await s.json('GET', `${API}/quotas${query}`, undefined, h), 200)) as Wire[]).map(
        (q) => String(q.project_id),
      );

    for (const own of [
      readerOf('p1'),
      memberOf('p1'),
      { 'x-project-id': 'p1', 'x-roles': 'load-balancer_observer' },
    ]) {
      assert.deepEqual(await listed(own), ['p1']);
      assert.deepEqual(await listed(own, '?project_id=p1'), ['p1']);
      expectFault(await s.json('GET', `${API}/quotas?project_id=p2`, undefined, own), 403, FORBIDDEN);
      assert.equal(obj(expectStatus(await s.json('GET', `${API}/quotas/p1`, undefined, own), 200)).pool, 1);
      expectStatus(await s.json('GET', `${API}/quotas/p1/default`, undefined, own), 200);
      expectFault(await s.json('GET', `${API}/quotas/p2`, undefined, own), 403, FORBIDDEN);
      expectFault(await s.json('GET', `${API}/quotas/p2/default`, undefined, own), 403, FORBIDDEN);
      expectFault(await s.json('GET', `${API}/quotas/defaults`, undefined, own), 403, FORBIDDEN);
      expectFault(await put(s, 'p1', { pool: 9 }, own), 403, FORBIDDEN);
      expectFault(await s.json('DELETE', `${API}/quotas/p1`, undefined, own), 403, FORBIDDEN);
    }
    expectFault(await s.json('GET', `${API}/quotas`, undefined, NOBODY), 403, FORBIDDEN);
    expectFault(await s.json('GET', `${API}/quotas/p1`, undefined, NOBODY), 403, FORBIDDEN);

    for (const global of [GLOBAL, QUOTA_ADMIN, ADMIN]) {
      assert.deepEqual(await listed(global), ['p1', 'p2']);
      assert.deepEqual(await listed(global, '?project_id=p2'), ['p2']);
      assert.equal(
        obj(expectStatus(await s.json('GET', `${API}/quotas/p2`, undefined, global), 200)).pool,
        2,
      );
      expectStatus(await s.json('GET', `${API}/quotas/defaults`, undefined, global), 200);
    }
    expectFault(await put(s, 'p2', { pool: 9 }, GLOBAL), 403, FORBIDDEN);
    expectFault(await s.json('DELETE', `${API}/quotas/p2`, undefined, GLOBAL), 403, FORBIDDEN);
    for (const writer of [QUOTA_ADMIN, ADMIN]) {
      expectStatus(await put(s, 'p2', { pool: 9 }, writer), 202);
      assert.equal((await s.request('DELETE', `${API}/quotas/p2`, undefined, writer)).statusCode, 202);
    }
    // The other RBAC checks come first: an unauthorized DELETE of a missing record is a 403, not a 404.
    expectFault(await s.json('DELETE', `${API}/quotas/p9`, undefined, memberOf('p9')), 403, FORBIDDEN);
  });
});

test('deployment defaults come from the config and show wherever a limit is null', async () => {
  const defaults = {
    loadbalancer: 5,
    listener: 4,
    pool: 3,
    healthmonitor: 2,
    member: 1,
    l7policy: 0,
    l7rule: -1,
  };
  const s = await TestServer.start({ config: { quotaDefaults: defaults } });
  try {
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/quotas/p1/default`), 200), {
      quota: quota('p1', defaults),
    });
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/quotas/p1`), 200), {
      quota: quota('p1', defaults),
    });
    assert.deepEqual(
      obj(expectStatus(await put(s, 'p1', { member: 50 }), 202)),
      quota('p1', { ...defaults, member: 50 }),
    );
    // /default always shows the deployment defaults, whatever the project set.
    assert.deepEqual(
      obj(expectStatus(await s.json('GET', `${API}/quotas/p1/default`), 200)),
      quota('p1', defaults),
    );
    assert.equal((await s.request('DELETE', `${API}/quotas/p1`)).statusCode, 202);
    assert.deepEqual(obj(expectStatus(await s.json('GET', `${API}/quotas/p1`), 200)), quota('p1', defaults));
  } finally {
    await s.close();
  }
});
