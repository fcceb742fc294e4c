import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../errors/domain-error.js';
import { applyListQuery } from './apply-list-query.js';
import type { ListSpec } from './list-spec.js';
import { parseListQuery } from './parse-list-query.js';

const spec: ListSpec = {
  collection: 'listeners',
  attributes: ['id', 'name', 'admin_state_up', 'protocol_port', 'created_at', 'description'],
  booleans: ['admin_state_up'],
  tagged: true,
  maxLimit: 1000,
};
const BASE = '/v2/lbaas/listeners';

interface Row extends Record<string, unknown> {
  id: string;
  name: string;
  admin_state_up: boolean;
  protocol_port: number;
  created_at: string;
  description: string | null;
  tags: string[];
}

// Created in the order a..f; names and ports chosen so other sort orders differ from creation order.
const rows: Row[] = [
  {
    id: 'a',
    name: 'web',
    admin_state_up: true,
    protocol_port: 80,
    created_at: '2024-01-01T00:00:01',
    description: null,
    tags: ['x', 'y'],
  },
  {
    id: 'b',
    name: 'api',
    admin_state_up: false,
    protocol_port: 8080,
    created_at: '2024-01-01T00:00:02',
    description: 'd',
    tags: ['x'],
  },
  {
    id: 'c',
    name: 'web',
    admin_state_up: true,
    protocol_port: 443,
    created_at: '2024-01-01T00:00:03',
    description: 'd',
    tags: [],
  },
  {
    id: 'e',
    name: 'db',
    admin_state_up: true,
    protocol_port: 5432,
    created_at: '2024-01-01T00:00:04',
    description: 'd',
    tags: ['y', 'z'],
  },
  {
    id: 'd',
    name: 'api',
    admin_state_up: false,
    protocol_port: 9,
    created_at: '2024-01-01T00:00:04',
    description: 'd',
    tags: ['z'],
  },
  {
    id: 'f',
    name: 'zed',
    admin_state_up: true,
    protocol_port: 22,
    created_at: '2024-01-01T00:00:06',
    description: 'd',
    tags: ['x', 'y', 'z'],
  },
];

function list(
  raw: Record<string, string | string[]>,
  s: ListSpec = spec,
): { ids: string[]; links: { href: string; rel: string }[] } {
  const result = applyListQuery(rows, parseListQuery(raw, s), s, BASE);
  return { ids: result.items.map((r) => r.id), links: result.links };
}

describe('applyListQuery', () => {
  it('orders by created_at then id by default and emits no links for a partial page', () => {
    assert.deepEqual(list({}), { ids: ['a', 'b', 'c', 'd', 'e', 'f'], links: [] });
  });

  describe('filters', () => {
    it('matches by string form; several values of one key match any', () => {
      assert.deepEqual(list({ name: 'web' }).ids, ['a', 'c']);
      assert.deepEqual(list({ protocol_port: '443' }).ids, ['c']);
      assert.deepEqual(list({ name: ['web', 'db'] }).ids, ['a', 'c', 'e']);
    });
    it('ANDs different keys', () => {
      assert.deepEqual(list({ name: 'api', protocol_port: '9' }).ids, ['d']);
    });
    it('parses boolean filters with bool_from_string (unrecognised means false)', () => {
      assert.deepEqual(list({ admin_state_up: 'false' }).ids, ['b', 'd']);
      assert.deepEqual(list({ admin_state_up: 'YES' }).ids, ['a', 'c', 'e', 'f']);
      assert.deepEqual(list({ admin_state_up: 'maybe' }).ids, ['b', 'd']);
    });
    it('never matches null values', () => {
      assert.deepEqual(list({ description: 'null' }).ids, []);
    });
  });

  describe('tag filters', () => {
    it('tags requires all listed tags', () => {
      assert.deepEqual(list({ tags: 'x,y' }).ids, ['a', 'f']);
      assert.deepEqual(list({ tags: ['x', 'y'] }).ids, ['a', 'f']);
    });
    it('tags-any requires at least one', () => {
      assert.deepEqual(list({ 'tags-any': 'x,z' }).ids, ['a', 'b', 'd', 'e', 'f']);
    });
    it('not-tags excludes items having all listed tags', () => {
      assert.deepEqual(list({ 'not-tags': 'x,y' }).ids, ['b', 'c', 'd', 'e']);
    });
    it('not-tags-any excludes items having any listed tag', () => {
      assert.deepEqual(list({ 'not-tags-any': 'x,z' }).ids, ['c']);
    });
    it('combines with each other and with plain filters', () => {
      assert.deepEqual(list({ 'tags-any': 'z', 'not-tags': 'x', name: 'api' }).ids, ['d']);
    });
    it('are ignored for untagged collections', () => {
      assert.deepEqual(list({ tags: 'nope' }, { ...spec, tagged: false }).ids, [
        'a',
        'b',
        'c',
        'd',
        'e',
        'f',
      ]);
    });
  });

  describe('sorting', () => {
    it('sorts by name desc, then the default created_at, id', () => {
      assert.deepEqual(list({ sort: 'name:desc' }).ids, ['f', 'a', 'c', 'e', 'b', 'd']);
    });
    it('sorts numbers numerically', () => {
      assert.deepEqual(list({ sort: 'protocol_port' }).ids, ['d', 'f', 'a', 'c', 'e', 'b']);
    });
    it('sorts with sort_key/sort_dir', () => {
      assert.deepEqual(list({ sort_key: 'name,protocol_port', sort_dir: 'asc,desc' }).ids, [
        'b',
        'd',
        'e',
        'c',
        'a',
        'f',
      ]);
    });
    it('puts nulls first ascending', () => {
      assert.deepEqual(list({ sort: 'description:asc,id:desc' }).ids, ['a', 'f', 'e', 'd', 'c', 'b']);
    });
    it('breaks created_at ties by id', () => {
      assert.deepEqual(list({ created_at: '2024-01-01T00:00:04' }).ids, ['d', 'e']);
    });
  });

  describe('pagination', () => {
    it('limits and links next with the last id when the page is full', () => {
      assert.deepEqual(list({ limit: '2' }), {
        ids: ['a', 'b'],
        links: [{ href: `${BASE}?limit=2&marker=b`, rel: 'next' }],
      });
    });

    it('returns items after the marker and links previous and next', () => {
      assert.deepEqual(list({ limit: '2', marker: 'b' }), {
        ids: ['c', 'd'],
        links: [
          { href: `${BASE}?limit=2&marker=c&page_reverse=True`, rel: 'previous' },
          { href: `${BASE}?limit=2&marker=d`, rel: 'next' },
        ],
      });
    });

    it('omits next on the last partial page but keeps previous', () => {
      assert.deepEqual(list({ limit: '4', marker: 'd' }), {
        ids: ['e', 'f'],
        links: [{ href: `${BASE}?limit=4&marker=e&page_reverse=True`, rel: 'previous' }],
      });
    });

    it('emits no links at all for an empty page', () => {
      assert.deepEqual(list({ limit: '2', marker: 'f' }), { ids: [], links: [] });
    });

    it('page_reverse returns items before the marker in forward order, limited from their start', () => {
      assert.deepEqual(list({ limit: '2', marker: 'e', page_reverse: 'True' }), {
        ids: ['a', 'b'],
        links: [
          { href: `${BASE}?limit=2&marker=a&page_reverse=True`, rel: 'previous' },
          { href: `${BASE}?limit=2&marker=b`, rel: 'next' },
        ],
      });
    });

    it('echoes sort and sort_key into links but not the filters', () => {
      assert.deepEqual(list({ limit: '1', sort: 'name:desc,id', name: 'web' }).links, [
        { href: `${BASE}?limit=1&sort=name:desc,id&marker=a`, rel: 'next' },
      ]);
      assert.deepEqual(list({ limit: '1', sort_key: 'name', sort_dir: 'desc' }).links, [
        { href: `${BASE}?limit=1&sort_key=name&marker=f`, rel: 'next' },
      ]);
    });

    it('follows a sort order with the marker', () => {
      assert.deepEqual(list({ sort: 'name:desc', limit: '2', marker: 'c' }).ids, ['e', 'b']);
    });

    it('limit=0 is unlimited: everything, and no next link', () => {
      assert.deepEqual(list({ limit: '0' }), { ids: ['a', 'b', 'c', 'd', 'e', 'f'], links: [] });
      assert.deepEqual(list({ limit: '0', marker: 'd' }), {
        ids: ['e', 'f'],
        links: [{ href: `${BASE}?limit=0&marker=e&page_reverse=True`, rel: 'previous' }],
      });
    });

    it('applies the configured maximum when no limit is given', () => {
      assert.deepEqual(list({}, { ...spec, maxLimit: 3 }), {
        ids: ['a', 'b', 'c'],
        links: [{ href: `${BASE}?limit=3&marker=c`, rel: 'next' }],
      });
    });

    it('accepts a marker excluded by the filters (Octavia looks it up unfiltered)', () => {
      assert.deepEqual(list({ name: 'web', marker: 'b' }).ids, ['c']);
    });

    it('rejects an unknown marker', () => {
      assert.throws(
        () => applyListQuery(rows, parseListQuery({ marker: 'zzz' }, spec), spec, BASE),
        (e: unknown) =>
          e instanceof DomainError &&
          e.kind === 'invalid' &&
          e.message === "Supplied pagination marker 'zzz' is not valid.",
      );
    });
  });

  it('does not apply field selection', () => {
    const result = applyListQuery(rows, parseListQuery({ fields: 'id', limit: '1' }, spec), spec, BASE);
    assert.deepEqual(result.items, [rows[0]]);
  });
});
