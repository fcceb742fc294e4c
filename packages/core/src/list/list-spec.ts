/** What a collection allows in list queries (Octavia §2.5); one constant per collection in the API layer. */
export interface ListSpec {
  /** Collection key, e.g. "loadbalancers" (links key = `${collection}_links`). */
  collection: string;
  /** Attribute names accepted as equality filters and sort keys (wire names). */
  attributes: readonly string[];
  /** Attributes whose filter values are booleans (parsed with bool_from_string). */
  booleans: readonly string[];
  /** Whether tag filters (tags, tags-any, not-tags, not-tags-any) apply. */
  tagged: boolean;
  /** pagination_max_limit (1000); `Infinity` for the "infinite" setting. */
  maxLimit: number;
}

/** One sort criterion. */
export interface SortCriterion {
  key: string;
  dir: 'asc' | 'desc';
}

/** Tag filters, each already split on commas and merged across repeated keys. */
export interface TagFilters {
  /** `tags`: must have all. */
  all: string[];
  /** `tags-any`: must have at least one. */
  any: string[];
  /** `not-tags`: excluded when having all. */
  notAll: string[];
  /** `not-tags-any`: excluded when having any. */
  notAny: string[];
}

/** A validated list query, produced by `parseListQuery`. */
export interface ListQuery {
  /** Equality filters by wire attribute; several values for one key match any of them. */
  filters: Record<string, string[]>;
  tags: TagFilters;
  /** `fields=` selection; undefined when absent. */
  fields: string[] | undefined;
  /** Requested sort criteria (the default `created_at`, `id` are appended when applied). */
  sort: SortCriterion[];
  /** Effective page size; undefined = unlimited. */
  limit: number | undefined;
  marker: string | undefined;
  /** `page_reverse` compared exactly with "True", as Octavia does. */
  pageReverse: boolean;
  /** The `project_id` query parameter, which the controller uses for RBAC rather than as a filter. */
  projectId: string | undefined;
  /** The raw `sort` / `sort_key` values, echoed into pagination links. */
  raw: { sort?: string; sortKey?: string };
}
