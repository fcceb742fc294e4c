import {
  AvailabilityZone,
  AvailabilityZoneProfile,
  Flavor,
  FlavorProfile,
  propertyNames,
} from '@lbaas/contract';
import type { ListSpec } from '@lbaas/core';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { WireObject } from '../mappers/views.js';
import { PAGINATION_MAX_LIMIT } from './list-specs.js';
import { listBody, listQuery } from './route-kit.js';

function spec(collection: string, schema: TSchema, linksKey: string): CatalogListSpec {
  const attributes = propertyNames(schema);
  return {
    collection,
    attributes,
    booleans: attributes.filter((k) => k === 'enabled'),
    tagged: false,
    maxLimit: PAGINATION_MAX_LIMIT,
    linksKey,
  };
}

/** A list spec plus the links key (Octavia spells the profiles' links key in the singular). */
export interface CatalogListSpec extends ListSpec {
  linksKey: string;
}

/** List specs of flavors, flavor profiles, availability zones and AZ profiles (spec §2.1, §2.5). */
export const CATALOG_LIST_SPECS = {
  flavors: spec('flavors', Flavor, 'flavors_links'),
  flavorprofiles: spec('flavorprofiles', FlavorProfile, 'flavorprofile_links'),
  availability_zones: spec('availability_zones', AvailabilityZone, 'availability_zones_links'),
  availability_zone_profiles: spec(
    'availability_zone_profiles',
    AvailabilityZoneProfile,
    'availability_zone_profile_links',
  ),
} satisfies Record<string, CatalogListSpec>;

/**
 * The list body of a catalog collection: filters/sort/pages through the shared list engine and renames
 * the links key. Rows without an `id` (availability zones) are paged by `keyAttribute`: it is copied to a
 * hidden `id` for the marker and always ends the sort order, so markers stay unambiguous.
 */
export function catalogListBody(
  request: FastifyRequest,
  rows: readonly WireObject[],
  spec: CatalogListSpec,
  keyAttribute?: string,
): WireObject {
  const parsed = listQuery(request, spec);
  let query = parsed;
  let keyed = rows;
  const hidden: string[] = [];
  if (keyAttribute !== undefined) {
    const sort = parsed.sort.some((c) => c.key === keyAttribute)
      ? parsed.sort
      : [...parsed.sort, { key: keyAttribute, dir: 'asc' as const }];
    query = { ...parsed, sort };
    keyed = rows.map((row) => ({ ...row, id: row[keyAttribute] }));
    hidden.push('id');
  }
  const body = listBody(request, keyed, query, spec, hidden);
  return { [spec.collection]: body[spec.collection], [spec.linksKey]: body[`${spec.collection}_links`] };
}
