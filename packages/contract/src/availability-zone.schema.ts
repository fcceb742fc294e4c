import { Type, type Static } from '@sinclair/typebox';
import { Description255, Name255, Uuid } from './common.schema.js';
import { Opt, Wrapper } from './schema-builders.js';

/** AZ profile metadata: a JSON object serialised as a string (Octavia `availability_zone_data`). */
const AvailabilityZoneData = Type.String({ maxLength: 4096 });

/** `POST /availabilityzoneprofiles` inner object (AvailabilityZoneProfilePOST). */
export const AvailabilityZoneProfileCreate = Type.Object(
  {
    name: Name255,
    provider_name: Type.String({ maxLength: 255 }),
    availability_zone_data: AvailabilityZoneData,
  },
  { additionalProperties: false },
);
export type AvailabilityZoneProfileCreate = Static<typeof AvailabilityZoneProfileCreate>;
/** `{"availability_zone_profile": AvailabilityZoneProfileCreate}`. */
export const AvailabilityZoneProfileCreateBody = Wrapper(
  'availability_zone_profile',
  AvailabilityZoneProfileCreate,
  'availability_zone_profile_',
);

/** `PUT /availabilityzoneprofiles/{id}` inner object (AvailabilityZoneProfilePUT). */
export const AvailabilityZoneProfileUpdate = Type.Object(
  {
    name: Opt(Name255),
    provider_name: Opt(Type.String({ maxLength: 255 })),
    availability_zone_data: Opt(AvailabilityZoneData),
  },
  { additionalProperties: false },
);
export type AvailabilityZoneProfileUpdate = Static<typeof AvailabilityZoneProfileUpdate>;
/** `{"availability_zone_profile": AvailabilityZoneProfileUpdate}`. */
export const AvailabilityZoneProfileUpdateBody = Wrapper(
  'availability_zone_profile',
  AvailabilityZoneProfileUpdate,
  'availability_zone_profile_',
);

/** An AZ profile as returned by the API. */
export const AvailabilityZoneProfile = Type.Object({
  id: Type.String(),
  name: Type.String(),
  provider_name: Type.String(),
  availability_zone_data: Type.String(),
});
export type AvailabilityZoneProfile = Static<typeof AvailabilityZoneProfile>;

/** `POST /availabilityzones` inner object (AvailabilityZonePOST); the name is the key. */
export const AvailabilityZoneCreate = Type.Object(
  {
    name: Name255,
    description: Opt(Description255),
    enabled: Opt(Type.Boolean()),
    availability_zone_profile_id: Uuid,
  },
  { additionalProperties: false },
);
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
export const AvailabilityZone = Type.Object({
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  enabled: Type.Boolean(),
  availability_zone_profile_id: Type.String(),
});
export type AvailabilityZone = Static<typeof AvailabilityZone>;
