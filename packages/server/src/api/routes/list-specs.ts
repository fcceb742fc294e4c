import {
  HealthMonitor,
  L7Policy,
  L7Rule,
  Listener,
  LoadBalancer,
  Member,
  Pool,
  propertyNames,
} from '@lbaas/contract';
import type { ListSpec } from '@lbaas/core';
import type { TSchema } from '@sinclair/typebox';

/** Octavia's `[api_settings] pagination_max_limit`. */
export const PAGINATION_MAX_LIMIT = 1000;

/** Relationship arrays and mirrors are not filterable (spec §2.2, §2.5). */
const NOT_FILTERABLE = new Set([
  'tenant_id',
  'listeners',
  'pools',
  'members',
  'loadbalancers',
  'l7policies',
  'rules',
]);

function spec(collection: string, schema: TSchema, extra: readonly string[], tagged = true): ListSpec {
  const attributes = [...propertyNames(schema).filter((k) => !NOT_FILTERABLE.has(k)), ...extra];
  const booleans = attributes.filter((k) =>
    ['admin_state_up', 'backup', 'tls_enabled', 'hsts_include_subdomains', 'hsts_preload', 'invert'].includes(
      k,
    ),
  );
  return { collection, attributes, booleans, tagged, maxLimit: PAGINATION_MAX_LIMIT };
}

/** List specs per collection; `extra` names filter-only keys the routes add to rows and strip again. */
export const LIST_SPECS = {
  loadbalancers: spec('loadbalancers', LoadBalancer, []),
  listeners: spec('listeners', Listener, ['loadbalancer_id']),
  pools: spec('pools', Pool, ['loadbalancer_id']),
  members: spec('members', Member, []),
  healthmonitors: spec('healthmonitors', HealthMonitor, ['pool_id']),
  l7policies: spec('l7policies', L7Policy, []),
  rules: spec('rules', L7Rule, []),
} satisfies Record<string, ListSpec>;
