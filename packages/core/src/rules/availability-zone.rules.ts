import { validationFailure } from '../errors/domain-error.js';
import type { AvailabilityZoneProfileRecord, AvailabilityZoneRecord } from '../model/flavor-records.js';
import {
  applyDescriptionAndEnabled,
  applyProfileUpdate,
  changesProfileMeaning,
  checkProfileData,
  checkProfileUpdate,
  type ProfileKind,
} from './catalog-profile.rules.js';
import { validateAvailabilityZoneData, type AvailabilityZoneMetadata } from './provider-capabilities.js';

/** Body of POST /availabilityzoneprofiles after schema validation. */
export interface AvailabilityZoneProfileCreateInput {
  name: string;
  provider_name: string;
  availability_zone_data: string;
}
/** Body of PUT /availabilityzoneprofiles/{id}. */
export interface AvailabilityZoneProfileUpdateInput {
  name?: string | null;
  provider_name?: string | null;
  availability_zone_data?: string | null;
}
/** Body of POST /availabilityzones. */
export interface AvailabilityZoneCreateInput {
  name: string;
  description?: string | null;
  enabled?: boolean | null;
  availability_zone_profile_id: string;
}
/** Body of PUT /availabilityzones/{name} (the name and the profile are fixed). */
export interface AvailabilityZoneUpdateInput {
  description?: string | null;
  enabled?: boolean | null;
}

const AVAILABILITY_ZONE_PROFILE: ProfileKind<'availability_zone_data'> = {
  dataField: 'availability_zone_data',
  validateData: validateAvailabilityZoneData,
};

/** Builds an AZ profile: the provider must be enabled and `availability_zone_data` valid for it. */
export function buildAvailabilityZoneProfile(
  id: string,
  input: AvailabilityZoneProfileCreateInput,
  enabledProviders: readonly string[],
): AvailabilityZoneProfileRecord {
  checkProfileData(
    AVAILABILITY_ZONE_PROFILE,
    input.provider_name,
    input.availability_zone_data,
    enabledProviders,
  );
  return {
    id,
    name: input.name,
    provider_name: input.provider_name,
    availability_zone_data: input.availability_zone_data,
  };
}

/** Refuses a PUT of null for any of the three (mandatory) attributes. */
export function checkAvailabilityZoneProfileUpdate(patch: AvailabilityZoneProfileUpdateInput): void {
  checkProfileUpdate(AVAILABILITY_ZONE_PROFILE, patch);
}

/** Whether a PUT changes what zones built on the profile mean (refused while any zone uses it). */
export function changesAvailabilityZoneProfileMeaning(patch: AvailabilityZoneProfileUpdateInput): boolean {
  return changesProfileMeaning(AVAILABILITY_ZONE_PROFILE, patch);
}

/** Applies a checked PUT; new data is validated against the (new or current) provider. */
export function applyAvailabilityZoneProfileUpdate(
  current: AvailabilityZoneProfileRecord,
  patch: AvailabilityZoneProfileUpdateInput,
  enabledProviders: readonly string[],
): AvailabilityZoneProfileRecord {
  return applyProfileUpdate(AVAILABILITY_ZONE_PROFILE, current, patch, enabledProviders);
}

/** An availability zone; `enabled` defaults to true (also for an explicit null). */
export function buildAvailabilityZone(input: AvailabilityZoneCreateInput): AvailabilityZoneRecord {
  return {
    name: input.name,
    description: input.description ?? null,
    enabled: input.enabled ?? true,
    availability_zone_profile_id: input.availability_zone_profile_id,
  };
}

/** Applies a PUT; `enabled: null` resets to the default (true). */
export function applyAvailabilityZoneUpdate(
  current: AvailabilityZoneRecord,
  patch: AvailabilityZoneUpdateInput,
): AvailabilityZoneRecord {
  return applyDescriptionAndEnabled(current, patch);
}

/**
 * Octavia's `network_allowed_by_config` with the zone's `valid_vip_networks` (compared case-insensitively):
 * 400 `Validation failure: Supplied VIP network_id is not allowed by the configuration of this deployment.`
 */
export function checkVipNetworkAllowed(metadata: AvailabilityZoneMetadata, networkId: string): void {
  const valid = metadata.valid_vip_networks;
  if (!valid || valid.length === 0) return;
  if (!valid.some((n) => n.toLowerCase() === networkId.toLowerCase())) {
    throw validationFailure(
      'Supplied VIP network_id is not allowed by the configuration of this deployment.',
    );
  }
}
