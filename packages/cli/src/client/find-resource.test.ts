import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CliError } from '../cli-error.js';
import type { ApiClient, RequestOptions, ServiceName } from './api-client.js';
import { findResource } from './find-resource.js';
import { listAll } from './list-all.js';

type Row = Record<string, unknown>;

/** An ApiClient over an in-memory collection: filters by every query key, pages by `limit`/`marker`. */
function fakeClient(rows: Row[], key = 'pools', pageSize = 100): { client: ApiClient; calls: string[] } {
  const calls: string[] = [];
  const request = <T>(
    service: ServiceName,
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<T> => {
    const query = opts.query ?? [];
    calls.push(
      `${service} ${method} ${path}?${new URLSearchParams(query.map(([k, v]): [string, string] => [k, v])).toString()}`,
    );
    const filters = query.filter(([k]) => k !== 'marker' && k !== 'limit');
    const matching = rows.filter((r) => filters.every(([k, v]) => String(r[k]) === v));
    const marker = query.find(([k]) => k === 'marker')?.[1];
    const start = marker === undefined ? 0 : matching.findIndex((r) => r.id === marker) + 1;
    const page = matching.slice(start, start + pageSize);
    const last = page.at(-1);
    const more = start + pageSize < matching.length && last !== undefined;
    const next = new URLSearchParams([
      ...filters.map(([k, v]): [string, string] => [k, v]),
      ['limit', String(pageSize)],
      ['marker', String(last?.id)],
    ]);
    return Promise.resolve({
      [key]: page,
      [`${key}_links`]: more
        ? [{ rel: 'next', href: `http://h/load-balancer${path}?${next.toString()}` }]
        : [],
    } as T);
  };
  return {
    calls,
    client: { request, requestOptional: request },
  };
}

const UUID_A = '0b6d7e4e-0c3a-4f5e-9d8a-6b1f2e3d4c5a';
const UUID_B = '1b6d7e4e-0c3a-4f5e-9d8a-6b1f2e3d4c5a';
const spec = (value: string): Parameters<typeof findResource>[1] => ({
  service: 'load-balancer',
  path: '/v2.0/lbaas/pools',
  collectionKey: 'pools',
  resourceLabel: 'pools',
  value,
});

test('a UUID is looked up by id first', async () => {
  const { client, calls } = fakeClient([{ id: UUID_A, name: 'p1' }]);
  assert.deepEqual(await findResource(client, spec(UUID_A)), { id: UUID_A, name: 'p1' });
  assert.deepEqual(calls, [`load-balancer GET /v2.0/lbaas/pools?id=${UUID_A}`]);
});

test('a UUID that is a name is found by name next', async () => {
  const { client, calls } = fakeClient([{ id: UUID_B, name: UUID_A }]);
  assert.equal((await findResource(client, spec(UUID_A))).id, UUID_B);
  assert.deepEqual(calls, [
    `load-balancer GET /v2.0/lbaas/pools?id=${UUID_A}`,
    `load-balancer GET /v2.0/lbaas/pools?name=${UUID_A}`,
  ]);
});

test('a name is looked up by name first, then as an id', async () => {
  const { client, calls } = fakeClient([{ id: 'short-id', name: 'p1' }]);
  assert.equal((await findResource(client, spec('p1'))).id, 'short-id');
  assert.equal((await findResource(client, spec('short-id'))).name, 'p1');
  assert.deepEqual(calls, [
    'load-balancer GET /v2.0/lbaas/pools?name=p1',
    'load-balancer GET /v2.0/lbaas/pools?name=short-id',
    'load-balancer GET /v2.0/lbaas/pools?id=short-id',
  ]);
});

test('no match: octaviaclient "Unable to locate"', async () => {
  const { client } = fakeClient([]);
  await assert.rejects(
    findResource(client, { ...spec('x'), resourceLabel: 'l7rules' }),
    (err: unknown) => err instanceof CliError && err.message === 'Unable to locate x in l7rules',
  );
});

test('several by name: octaviaclient "N <resources> found"', async () => {
  const { client } = fakeClient([
    { id: UUID_A, name: 'dup' },
    { id: UUID_B, name: 'dup' },
  ]);
  await assert.rejects(
    findResource(client, spec('dup')),
    (err: unknown) =>
      err instanceof CliError &&
      err.message === '2 pools found with name or ID of dup. Please try again with UUID',
  );
});

test('by name only (availability zones) never asks for an id', async () => {
  const { client, calls } = fakeClient([{ name: 'az1' }], 'availability_zones');
  const az = await findResource(client, {
    service: 'load-balancer',
    path: '/v2.0/lbaas/availabilityzones',
    collectionKey: 'availability_zones',
    resourceLabel: 'availability_zones',
    value: 'az1',
    byNameOnly: true,
  });
  assert.deepEqual(az, { name: 'az1' });
  await assert.rejects(
    findResource(client, {
      service: 'load-balancer',
      path: '/v2.0/lbaas/availabilityzones',
      collectionKey: 'availability_zones',
      resourceLabel: 'availability_zones',
      value: UUID_A,
      byNameOnly: true,
    }),
    /Unable to locate/,
  );
  assert.ok(calls.every((c) => !c.includes('id=')));
});

test('members are looked up under their pool, with idField as the id filter', async () => {
  const { client, calls } = fakeClient([{ member_id: 'm', id: UUID_A, name: 'm1' }], 'members');
  const member = await findResource(client, {
    service: 'load-balancer',
    path: `/v2.0/lbaas/pools/${UUID_B}/members`,
    collectionKey: 'members',
    resourceLabel: 'members',
    value: 'm',
    idField: 'member_id',
  });
  assert.equal(member.id, UUID_A);
  assert.deepEqual(calls.at(-1), `load-balancer GET /v2.0/lbaas/pools/${UUID_B}/members?member_id=m`);
});

test('listAll follows next links until exhausted, keeping the filters; find sees every page', async () => {
  const rows = Array.from({ length: 7 }, (_, i) => ({
    id: `id-${i}`,
    name: i === 6 ? 'last' : 'same',
    tag: 'x',
  }));
  const { client, calls } = fakeClient(rows, 'pools', 3);
  const all = await listAll(client, 'load-balancer', '/v2.0/lbaas/pools', 'pools', [['tag', 'x']]);
  assert.deepEqual(
    all.map((r) => r.id),
    rows.map((r) => r.id),
  );
  assert.deepEqual(calls, [
    'load-balancer GET /v2.0/lbaas/pools?tag=x',
    'load-balancer GET /v2.0/lbaas/pools?tag=x&limit=3&marker=id-2',
    'load-balancer GET /v2.0/lbaas/pools?tag=x&limit=3&marker=id-5',
  ]);
  await assert.rejects(
    findResource(client, spec('same')),
    /^CliError: 6 pools found with name or ID of same/,
  );
});

test('listAll stops on a next link that repeats', async () => {
  let n = 0;
  const request = <T>(): Promise<T> => {
    n++;
    return Promise.resolve({
      pools: [{ id: 'a' }],
      pools_links: [{ rel: 'next', href: 'http://h/x?marker=a' }],
    } as T);
  };
  const rows = await listAll(
    { request, requestOptional: request },
    'load-balancer',
    '/v2.0/lbaas/pools',
    'pools',
  );
  assert.equal(n, 2);
  assert.equal(rows.length, 2);
});
