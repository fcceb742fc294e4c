import { DomainError } from '../errors/domain-error.js';
import type { ListQuery, ListSpec, SortCriterion, TagFilters } from './list-spec.js';

/** Raw query values as Fastify hands them over (a repeated key becomes an array). */
export type RawListQuery = Readonly<Record<string, string | string[] | undefined>>;

// Octavia's PaginationHelper._auxiliary_arguments: never treated as filters.
const RESERVED: ReadonlySet<string> = new Set([
  'limit',
  'marker',
  'page_reverse',
  'sort',
  'sort_key',
  'sort_dir',
  'fields',
]);
const TAG_KEYS = { tags: 'all', 'tags-any': 'any', 'not-tags': 'notAll', 'not-tags-any': 'notAny' } as const;
const INTEGER = /^\s*[+-]?\d+\s*$/;

function allValues(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

/** A scalar parameter given several times: the last one wins, like WebOb's MultiDict.get. */
function lastValue(value: string | string[] | undefined): string | undefined {
  const values = allValues(value);
  return values[values.length - 1];
}

function invalidSortKey(key: string): DomainError {
  return new DomainError('invalid', `Supplied sort key '${key}' is not valid.`);
}

function sortDirection(dir: string): 'asc' | 'desc' {
  // Octavia lower-cases first and reports the lower-cased text.
  const lowered = dir.toLowerCase();
  if (lowered !== 'asc' && lowered !== 'desc') {
    throw new DomainError('invalid', `Supplied sort direction '${lowered}' is not valid.`);
  }
  return lowered;
}

function parseLimit(raw: string | undefined, maxLimit: number): number | undefined {
  const max = Number.isFinite(maxLimit) ? maxLimit : undefined;
  if (raw === undefined) return max;
  if (raw === 'infinite') return undefined;
  // Python int(): optional sign and surrounding whitespace, decimal digits only.
  if (!INTEGER.test(raw))
    throw new DomainError('invalid', `Supplied pagination limit '${raw}' is not valid.`);
  const limit = Number(raw.trim());
  // limit <= 0 bypasses even the configured maximum (an Octavia quirk clients rely on for "all").
  if (limit < 1) return undefined;
  return max === undefined ? limit : Math.min(limit, max);
}

function parseSort(
  sort: string | undefined,
  sortKey: string | undefined,
  sortDir: string | undefined,
): SortCriterion[] {
  const criteria: SortCriterion[] = [];
  if (sort !== undefined && sort !== '') {
    for (const segment of sort.split(',')) {
      const comps = segment.split(':');
      const [key, dir] = comps;
      if (comps.length === 1 && key !== undefined) criteria.push({ key, dir: 'asc' });
      else if (comps.length === 2 && key !== undefined && dir !== undefined)
        criteria.push({ key, dir: sortDirection(dir) });
      // Octavia passes the split list itself to the message, so it shows Python's list repr.
      else throw invalidSortKey(`[${comps.map((c) => `'${c}'`).join(', ')}]`);
    }
  } else if (sortKey !== undefined && sortKey !== '') {
    const keys = sortKey.split(',');
    const dirs = sortDir === undefined || sortDir === '' ? [] : sortDir.split(',');
    keys.forEach((key, i) => criteria.push({ key, dir: sortDirection(dirs[i] ?? 'asc') }));
  }
  return criteria;
}

/**
 * Parses a raw query (values as Fastify gives them: string | string[]) — 400s: `One or more arguments are
 * either duplicate or invalid` (unknown filter, tenant_id), `Supplied sort key '<k>' is not valid.`,
 * `Supplied sort direction '<d>' is not valid.`, `Supplied pagination limit '<v>' is not valid.`.
 * `project_id` goes to projectId (not a filter). Tag parameters of an untagged collection are ignored,
 * as Octavia pops them before validating filters. Checks run in Octavia's order: limit, sort syntax and
 * directions, filters, sort keys.
 */
export function parseListQuery(raw: RawListQuery, spec: ListSpec): ListQuery {
  const limit = parseLimit(lastValue(raw['limit']), spec.maxLimit);
  const sortText = lastValue(raw['sort']);
  const sortKeyText = lastValue(raw['sort_key']);
  const sort = parseSort(sortText, sortKeyText, lastValue(raw['sort_dir']));

  const attributes = new Set(spec.attributes);
  const filters: Record<string, string[]> = {};
  const tags: TagFilters = { all: [], any: [], notAll: [], notAny: [] };
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || RESERVED.has(key) || key === 'project_id') continue;
    if (Object.hasOwn(TAG_KEYS, key)) {
      const slot = TAG_KEYS[key as keyof typeof TAG_KEYS];
      tags[slot] = allValues(value).flatMap((v) => v.split(','));
      continue;
    }
    if (key === 'tenant_id' || !attributes.has(key)) {
      throw new DomainError('invalid', 'One or more arguments are either duplicate or invalid');
    }
    filters[key] = allValues(value);
  }

  for (const criterion of sort) {
    if (!attributes.has(criterion.key)) throw invalidSortKey(criterion.key);
  }

  const rawEcho: ListQuery['raw'] = {};
  if (sortText !== undefined) rawEcho.sort = sortText;
  if (sortKeyText !== undefined) rawEcho.sortKey = sortKeyText;
  const fields = raw['fields'] === undefined ? undefined : allValues(raw['fields']);
  return {
    filters,
    tags,
    fields,
    sort,
    limit,
    marker: lastValue(raw['marker']),
    pageReverse: lastValue(raw['page_reverse']) === 'True',
    projectId: lastValue(raw['project_id']),
    raw: rawEcho,
  };
}
