import { DomainError } from '../errors/domain-error.js';
import type { FlavorProfileRecord, FlavorRecord } from '../model/flavor-records.js';
import { nullNotAllowed } from './catalog-errors.js';
import {
  applyDescriptionAndEnabled,
  applyProfileUpdate,
  changesProfileMeaning,
  checkProfileData,
  checkProfileUpdate,
  type ProfileKind,
} from './catalog-profile.rules.js';
import { validateFlavorData } from './provider-capabilities.js';

const FLAVOR_PROFILE: ProfileKind<'flavor_data'> = {
  dataField: 'flavor_data',
  validateData: validateFlavorData,
};

/** Body of POST /flavorprofiles after schema validation. */
export interface FlavorProfileCreateInput {
  name: string;
  provider_name: string;
  flavor_data: string;
}
/** Body of PUT /flavorprofiles/{id}. */
export interface FlavorProfileUpdateInput {
  name?: string | null;
  provider_name?: string | null;
  flavor_data?: string | null;
}
/** Body of POST /flavors. */
export interface FlavorCreateInput {
  name: string;
  description?: string | null;
  enabled?: boolean | null;
  flavor_profile_id: string;
}
/** Body of PUT /flavors/{id}. */
export interface FlavorUpdateInput {
  name?: string | null;
  description?: string | null;
  enabled?: boolean | null;
}

/** Builds a flavor profile: the provider must be enabled and `flavor_data` valid for it. */
export function buildFlavorProfile(
  id: string,
  input: FlavorProfileCreateInput,
  enabledProviders: readonly string[],
): FlavorProfileRecord {
  checkProfileData(FLAVOR_PROFILE, input.provider_name, input.flavor_data, enabledProviders);
  return { id, name: input.name, provider_name: input.provider_name, flavor_data: input.flavor_data };
}

/** Refuses a PUT of null for any of the three (mandatory) attributes. */
export function checkFlavorProfileUpdate(patch: FlavorProfileUpdateInput): void {
  checkProfileUpdate(FLAVOR_PROFILE, patch);
}

/** Whether a PUT changes what flavors built on the profile mean (refused while any flavor uses it). */
export function changesFlavorProfileMeaning(patch: FlavorProfileUpdateInput): boolean {
  return changesProfileMeaning(FLAVOR_PROFILE, patch);
}

/** Applies a checked PUT: a new `flavor_data` is validated against the (new or current) provider. */
export function applyFlavorProfileUpdate(
  current: FlavorProfileRecord,
  patch: FlavorProfileUpdateInput,
  enabledProviders: readonly string[],
): FlavorProfileRecord {
  return applyProfileUpdate(FLAVOR_PROFILE, current, patch, enabledProviders);
}

/** A flavor; `enabled` defaults to true (also for an explicit null). */
export function buildFlavor(id: string, input: FlavorCreateInput): FlavorRecord {
  return {
    id,
    name: input.name,
    description: input.description ?? null,
    enabled: input.enabled ?? true,
    flavor_profile_id: input.flavor_profile_id,
  };
}

/** Applies a PUT: `name` cannot be cleared; `enabled: null` resets to the default (true). */
export function applyFlavorUpdate(current: FlavorRecord, patch: FlavorUpdateInput): FlavorRecord {
  if (patch.name === null) throw nullNotAllowed('name');
  const next = applyDescriptionAndEnabled(current, patch);
  if (patch.name !== undefined) next.name = patch.name;
  return next;
}

/**
 * The provider of a load balancer created with a flavor (Octavia's `_get_provider`): the flavor's
 * profile decides unless the request names a provider, which must then be the same one (400 otherwise).
 */
export function providerForFlavor(
  flavorId: string,
  profileProvider: string,
  requested: string | undefined,
): string {
  if (requested !== undefined && requested !== profileProvider) {
    throw new DomainError('invalid', `Flavor '${flavorId}' is not compatible with provider '${requested}'`);
  }
  return profileProvider;
}
