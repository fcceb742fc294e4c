import { DomainError } from '../errors/domain-error.js';
import { boolFromString } from './bool-from-string.js';
import { compareWireValues, wireString } from './compare-wire-values.js';
import type { ListQuery, ListSpec, SortCriterion, TagFilters } from './list-spec.js';

/** One entry of `<collection>_links`. */
export interface PageLink {
  href: string;
  rel: 'next' | 'previous';
}

// Octavia constants.DEFAULT_SORT_KEYS, appended (ascending) unless the caller already sorts by them.
const DEFAULT_SORT_KEYS = ['created_at', 'id'] as const;

function matchesFilter(
  row: Record<string, unknown>,
  key: string,
  values: readonly string[],
  isBoolean: boolean,
): boolean {
  const actual = row[key];
  // SQL equality never matches NULL.
  if (actual === null || actual === undefined) return false;
  if (isBoolean) {
    // oslo bool_from_string is non-strict there: anything unrecognised means False.
    return values.some((v) => (boolFromString(v) ?? false) === actual);
  }
  const text = wireString(actual);
  return values.some((v) => v === text);
}

function matchesTags(row: Record<string, unknown>, tags: TagFilters): boolean {
  const value = row['tags'];
  const have = new Set(Array.isArray(value) ? value.map((t) => wireString(t)) : []);
  if (!tags.all.every((t) => have.has(t))) return false;
  if (tags.any.length > 0 && !tags.any.some((t) => have.has(t))) return false;
  if (tags.notAll.length > 0 && tags.notAll.every((t) => have.has(t))) return false;
  if (tags.notAny.some((t) => have.has(t))) return false;
  return true;
}

function effectiveSort(query: ListQuery, spec: ListSpec): SortCriterion[] {
  const sort = [...query.sort];
  for (const key of DEFAULT_SORT_KEYS) {
    if (spec.attributes.includes(key) && !sort.some((c) => c.key === key)) sort.push({ key, dir: 'asc' });
  }
  return sort;
}

function compareRows(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  sort: readonly SortCriterion[],
): number {
  for (const { key, dir } of sort) {
    const c = compareWireValues(a[key], b[key]);
    if (c !== 0) return dir === 'asc' ? c : -c;
  }
  return 0;
}

/** Query-string value as Octavia echoes it (raw), escaping only what would break the query string. */
function echo(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

function buildLinks(
  items: readonly Record<string, unknown>[],
  query: ListQuery,
  basePath: string,
): PageLink[] {
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) return [];
  // An unlimited page is linked with limit=0 (which means "unlimited" when followed); Octavia's own
  // "limit=None" would be rejected by itself.
  const params = [`limit=${query.limit ?? 0}`];
  if (query.raw.sort) params.push(`sort=${echo(query.raw.sort)}`);
  if (query.raw.sortKey) params.push(`sort_key=${echo(query.raw.sortKey)}`);
  const links: PageLink[] = [];
  if (query.marker) {
    const href = `${basePath}?${[...params, `marker=${wireString(first['id'])}`, 'page_reverse=True'].join('&')}`;
    links.push({ href, rel: 'previous' });
  }
  // Octavia also emits `next` for unlimited pages (as limit=None); the spec advises omitting it.
  if (query.limit !== undefined && items.length >= query.limit) {
    links.push({
      href: `${basePath}?${[...params, `marker=${wireString(last['id'])}`].join('&')}`,
      rel: 'next',
    });
  }
  return links;
}

/**
 * Filters, tag-filters, sorts (default created_at, id appended), paginates with marker/page_reverse
 * (400 `Supplied pagination marker '<id>' is not valid.`), and builds links (`previous` only with a marker,
 * `next` only when the page is full and limit is finite; no links for an empty page). Field selection is
 * NOT applied here. The marker is looked up among all `rows` (Octavia looks it up unfiltered). With
 * page_reverse the rows before the marker are returned in forward order, limited from their start — the
 * SQL Octavia runs does exactly that.
 */
export function applyListQuery<T extends Record<string, unknown>>(
  rows: readonly T[],
  query: ListQuery,
  spec: ListSpec,
  basePath: string,
): { items: T[]; links: PageLink[] } {
  const booleans = new Set(spec.booleans);
  const filterEntries = Object.entries(query.filters);
  let items = rows.filter(
    (row) =>
      filterEntries.every(([key, values]) => matchesFilter(row, key, values, booleans.has(key))) &&
      (!spec.tagged || matchesTags(row, query.tags)),
  );

  const sort = effectiveSort(query, spec);
  items.sort((a, b) => compareRows(a, b, sort));

  if (query.marker !== undefined) {
    const markerId = query.marker;
    const marker = rows.find((row) => row['id'] === markerId);
    if (marker === undefined)
      throw new DomainError('invalid', `Supplied pagination marker '${markerId}' is not valid.`);
    items = items.filter((row) => {
      const c = compareRows(row, marker, sort);
      return query.pageReverse ? c < 0 : c > 0;
    });
  }
  if (query.limit !== undefined) items = items.slice(0, query.limit);
  return { items, links: buildLinks(items, query, basePath) };
}
