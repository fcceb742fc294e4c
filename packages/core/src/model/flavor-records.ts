/** A flavor profile: provider-specific metadata (`flavor_data`, a JSON object as text) behind flavors. */
export interface FlavorProfileRecord {
  id: string;
  name: string;
  provider_name: string;
  flavor_data: string;
}

/** A flavor: the named, user-visible choice an operator offers for load balancers. */
export interface FlavorRecord {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  flavor_profile_id: string;
}

/** An availability zone profile: provider-specific metadata (`availability_zone_data`, JSON text). */
export interface AvailabilityZoneProfileRecord {
  id: string;
  name: string;
  provider_name: string;
  availability_zone_data: string;
}

/** An availability zone, identified by its name. */
export interface AvailabilityZoneRecord {
  name: string;
  description: string | null;
  enabled: boolean;
  availability_zone_profile_id: string;
}
