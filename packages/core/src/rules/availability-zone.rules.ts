import { validationFailure } from '../errors/domain-error.js';
import type { AvailabilityZoneProfileRecord, AvailabilityZoneRecord } from '../model/flavor-records.js';
import { nullNotAllowed } from './flavor.rules.js';
import {
  checkProviderEnabled,
  validateAvailabilityZoneData,
  type AvailabilityZoneMetadata,
} from './provider-capabilities.js';

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

function validated(provider: string, data: string, enabled: readonly string[]): void {
  // Octavia parses the JSON before it loads the driver, so bad JSON wins over an unknown provider.
  let parses = true;
  try {
    JSON.parse(data);
  } catch {
    parses = false;
  }
  if (parses) checkProviderEnabled(provider, enabled);
  validateAvailabilityZoneData(provider, data);
}

/** Builds an AZ profile: the provider must be enabled and `availability_zone_data` valid for it. */
export function buildAvailabilityZoneProfile(
  id: string,
  input: AvailabilityZoneProfileCreateInput,
  enabledProviders: readonly string[],
): AvailabilityZoneProfileRecord {
  validated(input.provider_name, input.availability_zone_data, enabledProviders);
  return {
    id,
    name: input.name,
    provider_name: input.provider_name,
    availability_zone_data: input.availability_zone_data,
  };
}

/** Refuses a PUT of null for any of the three (mandatory) attributes. */
export function checkAvailabilityZoneProfileUpdate(patch: AvailabilityZoneProfileUpdateInput): void {
  if (patch.name === null) throw nullNotAllowed('name');
  if (patch.provider_name === null) throw nullNotAllowed('provider_name');
  if (patch.availability_zone_data === null) throw nullNotAllowed('availability_zone_data');
}

/** Whether a PUT changes what zones built on the profile mean (refused while any zone uses it). */
export function changesAvailabilityZoneProfileMeaning(patch: AvailabilityZoneProfileUpdateInput): boolean {
  return patch.provider_name !== undefined || patch.availability_zone_data !== undefined;
}

/** Applies a checked PUT; new data is validated against the (new or current) provider. */
export function applyAvailabilityZoneProfileUpdate(
  current: AvailabilityZoneProfileRecord,
  patch: AvailabilityZoneProfileUpdateInput,
  enabledProviders: readonly string[],
): AvailabilityZoneProfileRecord {
  checkAvailabilityZoneProfileUpdate(patch);
  const next = { ...current };
  if (patch.name != null) next.name = patch.name;
  if (patch.availability_zone_data != null) {
    validated(patch.provider_name ?? current.provider_name, patch.availability_zone_data, enabledProviders);
    next.availability_zone_data = patch.availability_zone_data;
  }
  if (patch.provider_name != null) {
    checkProviderEnabled(patch.provider_name, enabledProviders);
    next.provider_name = patch.provider_name;
  }
  return next;
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
  const next = { ...current };
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.enabled !== undefined) next.enabled = patch.enabled ?? true;
  return next;
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
