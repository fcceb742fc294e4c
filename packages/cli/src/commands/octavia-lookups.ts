import type { ApiClient, ServiceName } from '../client/api-client.js';
import { findResource } from '../client/find-resource.js';

/** Where octaviaclient looks a `<name or ID>` argument up, and its name in "Unable to locate X in <label>". */
export interface Lookup {
  service: ServiceName;
  path: string;
  collection: string;
  label: string;
  byNameOnly?: boolean;
  idField?: string;
}

const lbaas = (collection: string, label = collection): Lookup => ({
  service: 'load-balancer',
  path: `/v2.0/lbaas/${collection}`,
  collection,
  label,
});
const neutron = (collection: string, path = collection): Lookup => ({
  service: 'network',
  path: `/v2.0/${path}`,
  collection,
  label: collection,
});

/** The lookups of every resource a command argument can name. */
export const LOOKUPS = {
  loadbalancer: lbaas('loadbalancers'),
  listener: lbaas('listeners'),
  pool: lbaas('pools'),
  healthmonitor: lbaas('healthmonitors'),
  l7policy: lbaas('l7policies'),
  flavor: lbaas('flavors'),
  flavorprofile: lbaas('flavorprofiles'),
  availabilityzone: {
    ...lbaas('availabilityzones', 'availability_zones'),
    collection: 'availability_zones',
    byNameOnly: true,
    idField: 'name',
  },
  availabilityzoneprofile: {
    ...lbaas('availabilityzoneprofiles', 'availability_zone_profiles'),
    collection: 'availability_zone_profiles',
  },
  network: neutron('networks'),
  subnet: neutron('subnets'),
  port: neutron('ports'),
  qosPolicy: neutron('policies', 'qos/policies'),
  securityGroup: neutron('security_groups', 'security-groups'),
  floatingip: neutron('floatingips'),
} satisfies Record<string, Lookup>;

/** The members of a pool (looked up inside it). */
export function memberLookup(poolId: string): Lookup {
  return { ...lbaas('members'), path: `/v2.0/lbaas/pools/${encodeURIComponent(poolId)}/members` };
}

/** The rules of an L7 policy (looked up inside it). */
export function l7ruleLookup(policyId: string): Lookup {
  return {
    service: 'load-balancer',
    path: `/v2.0/lbaas/l7policies/${encodeURIComponent(policyId)}/rules`,
    collection: 'rules',
    label: 'l7rules',
  };
}

/** The object a `<name or ID>` argument names (octaviaclient `_find_resource`). */
export async function lookupObject(
  client: ApiClient,
  lookup: Lookup,
  value: string,
): Promise<Record<string, unknown>> {
  return findResource(client, {
    service: lookup.service,
    path: lookup.path,
    collectionKey: lookup.collection,
    resourceLabel: lookup.label,
    value,
    byNameOnly: lookup.byNameOnly,
  });
}

/** The id (for availability zones the name) of what a `<name or ID>` argument names. */
export async function lookupId(client: ApiClient, lookup: Lookup, value: string): Promise<string> {
  const found = await lookupObject(client, lookup, value);
  return String(found[lookup.idField ?? 'id']);
}

const UUID_LIKE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** oslo `is_uuid_like`. */
export function isUuidLike(value: string): boolean {
  return UUID_LIKE.test(value);
}
