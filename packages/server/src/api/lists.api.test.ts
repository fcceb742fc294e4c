import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestServer } from '../test-support/test-server.js';
import {
  API,
  activeLb,
  activeStack,
  arr,
  expectFault,
  expectStatus,
  ids,
  str,
  type Wire,
  withServer,
} from './api-fixtures.js';

async function list(s: TestServer, query: string, collection = 'loadbalancers'): Promise<Wire> {
  return expectStatus(await s.json('GET', `${API}/${collection}${query}`), 200);
}

/** Three ACTIVE load balancers a, b, c with tags and one disabled. */
async function threeLbs(s: TestServer): Promise<{ a: string; b: string; c: string }> {
  const a = await activeLb(s, { name: 'a', tags: ['red', 'blue'] });
  const b = await activeLb(s, { name: 'b', tags: ['red'], admin_state_up: false });
  const c = await activeLb(s, { name: 'c', tags: ['green'] });
  return { a, b, c };
}

test('filters: name, id, booleans (any bool_from_string spelling), AND between keys', async () => {
  await withServer(async (s) => {
    const { a, b, c } = await threeLbs(s);
    assert.deepEqual(ids(arr(await list(s, '?name=b'), 'loadbalancers')), [b]);
    assert.deepEqual(ids(arr(await list(s, `?id=${c}`), 'loadbalancers')), [c]);
    assert.deepEqual(ids(arr(await list(s, '?admin_state_up=false'), 'loadbalancers')), [b]);
    assert.deepEqual(ids(arr(await list(s, '?admin_state_up=False'), 'loadbalancers')), [b]);
    assert.deepEqual(ids(arr(await list(s, '?admin_state_up=0'), 'loadbalancers')), [b]);
    assert.deepEqual(ids(arr(await list(s, '?admin_state_up=true&sort=name'), 'loadbalancers')), [a, c]);
    assert.deepEqual(ids(arr(await list(s, '?admin_state_up=true&name=b'), 'loadbalancers')), []);
    assert.deepEqual(ids(arr(await list(s, '?provisioning_status=ACTIVE&sort=name'), 'loadbalancers')), [
      a,
      b,
      c,
    ]);
  });
});

test('tag filters: tags (all), tags-any, not-tags, not-tags-any; comma or repeated', async () => {
  await withServer(async (s) => {
    const { a, b, c } = await threeLbs(s);
    const q = async (query: string): Promise<string[]> =>
      ids(arr(await list(s, `${query}&sort=name`), 'loadbalancers'));
    assert.deepEqual(await q('?tags=red'), [a, b]);
    assert.deepEqual(await q('?tags=red,blue'), [a]);
    assert.deepEqual(await q('?tags=red&tags=blue'), [a]);
    assert.deepEqual(await q('?tags-any=blue,green'), [a, c]);
    assert.deepEqual(await q('?not-tags=red,blue'), [b, c]);
    assert.deepEqual(await q('?not-tags-any=blue&not-tags-any=green'), [b]);
    assert.deepEqual(await q('?tags=red&not-tags=blue'), [b]);
  });
});

test('fields= keeps only the named attributes (repeatable, unknown names ignored)', async () => {
  await withServer(async (s) => {
    const { a, b, c } = await threeLbs(s);
    const body = await list(s, '?fields=id&fields=name&fields=bogus&sort=name');
    assert.deepEqual(body, {
      loadbalancers: [
        { id: a, name: 'a' },
        { id: b, name: 'b' },
        { id: c, name: 'c' },
      ],
      loadbalancers_links: [],
    });
    assert.deepEqual(await list(s, `?fields=tags&id=${a}`), {
      loadbalancers: [{ tags: ['red', 'blue'] }],
      loadbalancers_links: [],
    });
  });
});

test('sorting: sort=key:dir, sort_key/sort_dir, invalid key and direction 400', async () => {
  await withServer(async (s) => {
    const { a, b, c } = await threeLbs(s);
    assert.deepEqual(ids(arr(await list(s, '?sort=name:desc'), 'loadbalancers')), [c, b, a]);
    assert.deepEqual(ids(arr(await list(s, '?sort=admin_state_up:asc,name:desc'), 'loadbalancers')), [
      b,
      c,
      a,
    ]);
    assert.deepEqual(ids(arr(await list(s, '?sort_key=name&sort_dir=desc'), 'loadbalancers')), [c, b, a]);
    assert.deepEqual(ids(arr(await list(s, '?sort_key=name'), 'loadbalancers')), [a, b, c]);
    expectFault(
      await s.json('GET', `${API}/loadbalancers?sort=bogus`),
      400,
      "Supplied sort key 'bogus' is not valid.",
    );
    expectFault(
      await s.json('GET', `${API}/loadbalancers?sort=name:sideways`),
      400,
      "Supplied sort direction 'sideways' is not valid.",
    );
  });
});

test('pagination: limit, marker, page_reverse and loadbalancers_links', async () => {
  await withServer(async (s) => {
    await threeLbs(s);
    const all = ids(arr(await list(s, ''), 'loadbalancers'));
    assert.equal(all.length, 3);
    const [first, second, third] = all as [string, string, string];
    const base = `${API}/loadbalancers`;

    const page1 = await list(s, '?limit=2');
    assert.deepEqual(ids(arr(page1, 'loadbalancers')), [first, second]);
    assert.deepEqual(page1.loadbalancers_links, [{ href: `${base}?limit=2&marker=${second}`, rel: 'next' }]);

    const page2 = await list(s, `?limit=2&marker=${second}`);
    assert.deepEqual(ids(arr(page2, 'loadbalancers')), [third]);
    assert.deepEqual(page2.loadbalancers_links, [
      { href: `${base}?limit=2&marker=${third}&page_reverse=True`, rel: 'previous' },
    ]);

    const back = await list(s, `?limit=2&marker=${third}&page_reverse=True`);
    assert.deepEqual(ids(arr(back, 'loadbalancers')), [first, second]);

    const sorted = await list(s, `?limit=1&sort=name:desc`);
    assert.deepEqual(sorted.loadbalancers_links, [
      {
        href: `${base}?limit=1&sort=name:desc&marker=${str(arr(sorted, 'loadbalancers')[0] ?? {}, 'id')}`,
        rel: 'next',
      },
    ]);

    assert.deepEqual(ids(arr(await list(s, '?limit=0'), 'loadbalancers')), all);
    expectFault(
      await s.json('GET', `${base}?limit=abc`),
      400,
      "Supplied pagination limit 'abc' is not valid.",
    );
    const bogus = '66666666-6666-6666-6666-666666666666';
    expectFault(
      await s.json('GET', `${base}?marker=${bogus}`),
      400,
      `Supplied pagination marker '${bogus}' is not valid.`,
    );
  });
});

test('unknown filter keys (and tenant_id) are 400', async () => {
  await withServer(async (s) => {
    for (const q of ['?bogus=1', '?tenant_id=x']) {
      expectFault(
        await s.json('GET', `${API}/loadbalancers${q}`),
        400,
        'One or more arguments are either duplicate or invalid',
      );
    }
    expectFault(
      await s.json('GET', `${API}/listeners?bogus=1`),
      400,
      'One or more arguments are either duplicate or invalid',
    );
  });
});

test('child collections filter by loadbalancer_id / pool_id and the relation is not rendered', async () => {
  await withServer(async (s) => {
    const first = await activeStack(s);
    const second = await activeStack(s);
    const listeners = arr(await list(s, `?loadbalancer_id=${second.lbId}`, 'listeners'), 'listeners');
    assert.deepEqual(ids(listeners), [second.listenerId]);
    assert.equal('loadbalancer_id' in (listeners[0] ?? {}), false);
    assert.deepEqual(ids(arr(await list(s, `?loadbalancer_id=${first.lbId}`, 'pools'), 'pools')), [
      first.poolId,
    ]);
    const hm = expectStatus(
      await s.json('POST', `${API}/healthmonitors`, {
        healthmonitor: { pool_id: first.poolId, type: 'TCP', delay: 1, timeout: 1, max_retries: 1 },
      }),
      201,
    );
    await s.settle();
    const hms = arr(await list(s, `?pool_id=${first.poolId}`, 'healthmonitors'), 'healthmonitors');
    assert.deepEqual(ids(hms), [(hm.healthmonitor as Wire).id]);
    assert.equal('pool_id' in (hms[0] ?? {}), false);
    assert.deepEqual(arr(await list(s, `?pool_id=${second.poolId}`, 'healthmonitors'), 'healthmonitors'), []);
  });
});

test('member lists filter too', async () => {
  await withServer(async (s) => {
    const { poolId } = await activeStack(s);
    for (const [address, port] of [
      ['192.0.2.1', 80],
      ['192.0.2.2', 81],
    ] as const) {
      expectStatus(
        await s.json('POST', `${API}/pools/${poolId}/members`, {
          member: { address, protocol_port: port, weight: port - 79 },
        }),
        201,
      );
      await s.settle();
    }
    const body = await list(s, '?address=192.0.2.2&fields=address&fields=weight', `pools/${poolId}/members`);
    assert.deepEqual(body, { members: [{ address: '192.0.2.2', weight: 2 }], members_links: [] });
  });
});
