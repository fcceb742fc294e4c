import type {
  AvailabilityZoneProfileRecord,
  AvailabilityZoneRecord,
  FlavorProfileRecord,
  FlavorRecord,
} from '@lbaas/core';
import type { WireObject } from './views.js';

/** Flavor (FlavorResponse): `description` stays null when unset, as Octavia renders it. */
export function flavorView(f: FlavorRecord): WireObject {
  return {
    id: f.id,
    name: f.name,
    description: f.description,
    enabled: f.enabled,
    flavor_profile_id: f.flavor_profile_id,
  };
}

/** Flavor profile (FlavorProfileResponse); `flavor_data` is the JSON text as stored. */
export function flavorProfileView(p: FlavorProfileRecord): WireObject {
  return { id: p.id, name: p.name, provider_name: p.provider_name, flavor_data: p.flavor_data };
}

/** Availability zone (AvailabilityZoneResponse). */
export function availabilityZoneView(az: AvailabilityZoneRecord): WireObject {
  return {
    name: az.name,
    description: az.description,
    enabled: az.enabled,
    availability_zone_profile_id: az.availability_zone_profile_id,
  };
}

/** Availability zone profile (AvailabilityZoneProfileResponse). */
export function availabilityZoneProfileView(p: AvailabilityZoneProfileRecord): WireObject {
  return {
    id: p.id,
    name: p.name,
    provider_name: p.provider_name,
    availability_zone_data: p.availability_zone_data,
  };
}
