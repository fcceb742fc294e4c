import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../errors/domain-error.js';
import type { ListSpec } from './list-spec.js';
import { parseListQuery } from './parse-list-query.js';

const spec: ListSpec = {
  collection: 'loadbalancers',
  attributes: ['id', 'name', 'admin_state_up', 'created_at', 'provisioning_status', 'vip_address'],
  booleans: ['admin_state_up'],
  tagged: true,
  maxLimit: 1000,
};

function rejects(raw: Record<string, string | string[]>, message: string, s: ListSpec = spec): void {
  assert.throws(
    () => parseListQuery(raw, s),
    (e: unknown) => e instanceof DomainError && e.kind === 'invalid' && e.message === message,
  );
}

describe('parseListQuery', () => {
  it('defaults: no filters, max limit, no sort, no fields', () => {
    assert.deepEqual(parseListQuery({}, spec), {
      filters: {},
      tags: { all: [], any: [], notAll: [], notAny: [] },
      fields: undefined,
      sort: [],
      limit: 1000,
      marker: undefined,
      pageReverse: false,
      projectId: undefined,
      raw: {},
    });
  });

  it('collects equality filters, repeated keys as several values', () => {
    const q = parseListQuery({ name: 'web', provisioning_status: ['ACTIVE', 'ERROR'] }, spec);
    assert.deepEqual(q.filters, { name: ['web'], provisioning_status: ['ACTIVE', 'ERROR'] });
  });

  it('rejects unknown filters and tenant_id', () => {
    rejects({ bogus: 'x' }, 'One or more arguments are either duplicate or invalid');
    rejects({ tenant_id: 'p1' }, 'One or more arguments are either duplicate or invalid');
  });

  it('keeps project_id out of the filters', () => {
    const q = parseListQuery({ project_id: 'p1' }, spec);
    assert.equal(q.projectId, 'p1');
    assert.deepEqual(q.filters, {});
  });

  it('splits tag filters on commas and merges repeated keys', () => {
    const q = parseListQuery(
      { tags: 'a,b', 'tags-any': ['c', 'd,e'], 'not-tags': 'f', 'not-tags-any': 'g,h' },
      spec,
    );
    assert.deepEqual(q.tags, { all: ['a', 'b'], any: ['c', 'd', 'e'], notAll: ['f'], notAny: ['g', 'h'] });
  });

  it('ignores tag parameters of an untagged collection instead of rejecting them', () => {
    const q = parseListQuery({ tags: 'a' }, { ...spec, tagged: false });
    assert.deepEqual(q.filters, {});
  });

  it('keeps each fields value as one attribute name', () => {
    assert.deepEqual(parseListQuery({ fields: ['id', 'name'] }, spec).fields, ['id', 'name']);
    assert.deepEqual(parseListQuery({ fields: 'id' }, spec).fields, ['id']);
  });

  describe('limit', () => {
    it('caps at the maximum', () => {
      assert.equal(parseListQuery({ limit: '5' }, spec).limit, 5);
      assert.equal(parseListQuery({ limit: '5000' }, spec).limit, 1000);
    });
    it('treats 0, negatives and "infinite" as unlimited, bypassing the maximum', () => {
      assert.equal(parseListQuery({ limit: '0' }, spec).limit, undefined);
      assert.equal(parseListQuery({ limit: '-3' }, spec).limit, undefined);
      assert.equal(parseListQuery({ limit: 'infinite' }, spec).limit, undefined);
    });
    it('has no default cap when the maximum is infinite', () => {
      assert.equal(parseListQuery({}, { ...spec, maxLimit: Infinity }).limit, undefined);
      assert.equal(parseListQuery({ limit: '5000' }, { ...spec, maxLimit: Infinity }).limit, 5000);
    });
    it('rejects non-integers', () => {
      rejects({ limit: 'abc' }, "Supplied pagination limit 'abc' is not valid.");
      rejects({ limit: '1.5' }, "Supplied pagination limit '1.5' is not valid.");
      rejects({ limit: '' }, "Supplied pagination limit '' is not valid.");
    });
  });

  describe('sorting', () => {
    it('parses sort=k:dir,k2 with asc as the default direction', () => {
      const q = parseListQuery({ sort: 'name:desc,id' }, spec);
      assert.deepEqual(q.sort, [
        { key: 'name', dir: 'desc' },
        { key: 'id', dir: 'asc' },
      ]);
      assert.deepEqual(q.raw, { sort: 'name:desc,id' });
    });
    it('accepts directions case-insensitively', () => {
      assert.deepEqual(parseListQuery({ sort: 'name:DESC' }, spec).sort, [{ key: 'name', dir: 'desc' }]);
    });
    it('parses sort_key/sort_dir, defaulting missing directions to asc', () => {
      const q = parseListQuery({ sort_key: 'name,id,created_at', sort_dir: 'desc,asc' }, spec);
      assert.deepEqual(q.sort, [
        { key: 'name', dir: 'desc' },
        { key: 'id', dir: 'asc' },
        { key: 'created_at', dir: 'asc' },
      ]);
      assert.deepEqual(q.raw, { sortKey: 'name,id,created_at' });
    });
    it('prefers sort over sort_key', () => {
      assert.deepEqual(parseListQuery({ sort: 'id', sort_key: 'name' }, spec).sort, [
        { key: 'id', dir: 'asc' },
      ]);
    });
    it('rejects unknown keys, bad directions and extra colons', () => {
      rejects({ sort: 'bogus' }, "Supplied sort key 'bogus' is not valid.");
      rejects({ sort_key: 'name,bogus' }, "Supplied sort key 'bogus' is not valid.");
      rejects({ sort: 'name:UP' }, "Supplied sort direction 'up' is not valid.");
      rejects({ sort_key: 'name', sort_dir: 'sideways' }, "Supplied sort direction 'sideways' is not valid.");
      rejects({ sort: 'name:asc:x' }, "Supplied sort key '['name', 'asc', 'x']' is not valid.");
    });
    it('checks the limit before the sort and filters before sort keys, like Octavia', () => {
      rejects({ limit: 'x', sort: 'name:up' }, "Supplied pagination limit 'x' is not valid.");
      rejects({ sort: 'bogus', bogus: '1' }, 'One or more arguments are either duplicate or invalid');
    });
  });

  it('reads marker and compares page_reverse exactly with "True"', () => {
    assert.equal(parseListQuery({ marker: 'm1', page_reverse: 'True' }, spec).pageReverse, true);
    assert.equal(parseListQuery({ marker: 'm1', page_reverse: 'true' }, spec).pageReverse, false);
    assert.equal(parseListQuery({ marker: 'm1' }, spec).marker, 'm1');
  });
});
