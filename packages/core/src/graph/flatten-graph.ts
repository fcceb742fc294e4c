import { validationFailure } from '../errors/domain-error.js';

/** A pool in a fully populated LB create: a definition, or a reference `{"name": ...}`. */
export interface GraphPoolInput {
  [field: string]: unknown;
  name?: string | null;
  healthmonitor?: Record<string, unknown> | null;
  members?: Record<string, unknown>[] | null;
}

/** An L7 policy nested in a graph listener (`redirect_pool` instead of `redirect_pool_id`). */
export interface GraphL7PolicyInput {
  [field: string]: unknown;
  redirect_pool?: GraphPoolInput | null;
  rules?: Record<string, unknown>[] | null;
}

/** A listener of a fully populated LB create. */
export interface GraphListenerInput {
  [field: string]: unknown;
  default_pool?: GraphPoolInput | null;
  l7policies?: GraphL7PolicyInput[] | null;
}

/** A pool to create, with its nested health monitor and members split off. */
export interface FlatGraphPool {
  /** The name references resolve by ('' for an unnamed top-level pool, which nothing can reference). */
  name: string;
  pool: Omit<GraphPoolInput, 'healthmonitor' | 'members'>;
  healthmonitor: Record<string, unknown> | undefined;
  members: Record<string, unknown>[];
}

/** An L7 policy to create, its redirect pool given by name. */
export interface FlatGraphL7Policy {
  policy: Record<string, unknown>;
  redirectPoolName: string | undefined;
  rules: Record<string, unknown>[];
}

/** A listener to create, its default pool given by name. */
export interface FlatGraphListener {
  listener: Omit<GraphListenerInput, 'default_pool' | 'l7policies'>;
  defaultPoolName: string | undefined;
  l7policies: FlatGraphL7Policy[];
}

/** The graph in creation order: pools first (top-level, then inline definitions in request order), then listeners. */
export interface FlatGraph {
  pools: FlatGraphPool[];
  listeners: FlatGraphListener[];
}

// Octavia decides "definition vs reference" by `len(pool_dict) > 3`: WSME always adds `enabled`
// (admin_state_up) and `tls_enabled` defaults next to `name`, so only other keys make a definition.
const REFERENCE_KEYS: ReadonlySet<string> = new Set(['name', 'admin_state_up', 'tls_enabled']);

function isDefinition(pool: GraphPoolInput): boolean {
  return Object.keys(pool).some((key) => !REFERENCE_KEYS.has(key));
}

function present<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/**
 * Names a nested pool (rule 1) and records it either as a definition to hoist or as a reference to
 * resolve later (rule 2). Returns the name the owner refers to it by.
 */
function visitNestedPool(
  pool: GraphPoolInput | null | undefined,
  definitions: GraphPoolInput[],
  references: string[],
): string | undefined {
  if (!present(pool)) return undefined;
  const name = pool.name;
  if (typeof name !== 'string' || name === '') {
    throw validationFailure('Pools must be named when creating a fully populated loadbalancer.');
  }
  if (isDefinition(pool)) definitions.push(pool);
  else references.push(name);
  return name;
}

function flattenPool(pool: GraphPoolInput): FlatGraphPool {
  const { healthmonitor, members, ...rest } = pool;
  for (const attr of ['protocol', 'lb_algorithm'] as const) {
    // Octavia tests key presence; an explicit null is treated as missing here too rather than failing later.
    if (!present(rest[attr])) {
      throw validationFailure(
        `Pool definition for '${pool.name ?? 'None'}' missing required attribute: ${attr}`,
      );
    }
  }
  return {
    name: typeof pool.name === 'string' ? pool.name : '',
    pool: rest,
    healthmonitor: present(healthmonitor) ? healthmonitor : undefined,
    members: present(members) ? members : [],
  };
}

/**
 * Flattens the `listeners` and `pools` of a fully populated LB create (spec §4.1.3 rules 1–4), checking in
 * Octavia's order: pool naming per listener and policy, name uniqueness, reference resolution, then the
 * required attributes of each definition. All failures are `Validation failure: ...` 400s.
 */
export function flattenGraph(
  listeners: readonly GraphListenerInput[],
  pools: readonly GraphPoolInput[],
): FlatGraph {
  const definitions: GraphPoolInput[] = [...pools];
  const references: string[] = [];
  const flatListeners: FlatGraphListener[] = listeners.map((input) => {
    const { default_pool, l7policies, ...listener } = input;
    const defaultPoolName = visitNestedPool(default_pool, definitions, references);
    const policies = (present(l7policies) ? l7policies : []).map((policyInput): FlatGraphL7Policy => {
      const { redirect_pool, rules, ...policy } = policyInput;
      return {
        policy,
        redirectPoolName: visitNestedPool(redirect_pool, definitions, references),
        rules: present(rules) ? rules : [],
      };
    });
    return { listener, defaultPoolName, l7policies: policies };
  });

  // Unnamed top-level pools compare equal (Python None == None), so two of them are duplicates.
  const names = definitions.map((pool) => (typeof pool.name === 'string' ? pool.name : null));
  if (new Set(names).size !== names.length) {
    throw validationFailure('Pool names must be unique when creating a fully populated loadbalancer.');
  }
  const defined = new Set(names);
  for (const reference of references) {
    if (!defined.has(reference)) {
      throw validationFailure(`Pool '${reference}' was referenced but no full definition was found.`);
    }
  }

  return { pools: definitions.map(flattenPool), listeners: flatListeners };
}
