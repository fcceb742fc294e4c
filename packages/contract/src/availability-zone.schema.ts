import { Type, type Static } from '@sinclair/typebox';
import { catalogEntrySchemas, profileSchemas } from './catalog-schema-builders.js';
import { Description255 } from './common.schema.js';
import { Opt, Wrapper } from './schema-builders.js';

const profile = profileSchemas('availability_zone_data');
const zone = catalogEntrySchemas('availability_zone_profile_id');

/** `POST /availabilityzoneprofiles` inner object (AvailabilityZoneProfilePOST). */
export const AvailabilityZoneProfileCreate = profile.create;
export type AvailabilityZoneProfileCreate = Static<typeof AvailabilityZoneProfileCreate>;
/** `{"availability_zone_profile": AvailabilityZoneProfileCreate}`. */
export const AvailabilityZoneProfileCreateBody = Wrapper(
  'availability_zone_profile',
  AvailabilityZoneProfileCreate,
  'availability_zone_profile_',
);

/** `PUT /availabilityzoneprofiles/{id}` inner object (AvailabilityZoneProfilePUT). */
export const AvailabilityZoneProfileUpdate = profile.update;
export type AvailabilityZoneProfileUpdate = Static<typeof AvailabilityZoneProfileUpdate>;
/** `{"availability_zone_profile": AvailabilityZoneProfileUpdate}`. */
export const AvailabilityZoneProfileUpdateBody = Wrapper(
  'availability_zone_profile',
  AvailabilityZoneProfileUpdate,
  'availability_zone_profile_',
);

/** An AZ profile as returned by the API. */
export const AvailabilityZoneProfile = profile.response;
export type AvailabilityZoneProfile = Static<typeof AvailabilityZoneProfile>;

/** `POST /availabilityzones` inner object (AvailabilityZonePOST); the name is the key. */
export const AvailabilityZoneCreate = zone.create;
export type AvailabilityZoneCreate = Static<typeof AvailabilityZoneCreate>;
/** `{"availability_zone": AvailabilityZoneCreate}`. */
export const AvailabilityZoneCreateBody = Wrapper(
  'availability_zone',
  AvailabilityZoneCreate,
  'availability_zone_',
);

/** `PUT /availabilityzones/{name}` inner object (AvailabilityZonePUT): only description and enabled. */
export const AvailabilityZoneUpdate = Type.Object(
  { description: Opt(Description255), enabled: Opt(Type.Boolean()) },
  { additionalProperties: false },
);
export type AvailabilityZoneUpdate = Static<typeof AvailabilityZoneUpdate>;
/** `{"availability_zone": AvailabilityZoneUpdate}`. */
export const AvailabilityZoneUpdateBody = Wrapper(
  'availability_zone',
  AvailabilityZoneUpdate,
  'availability_zone_',
);

/** An availability zone as returned by the API. */
export const AvailabilityZone = Type.Object(zone.responseProperties);
export type AvailabilityZone = Static<typeof AvailabilityZone>;
