import { Type, type Static } from '@sinclair/typebox';
import { Description255, Name255, Uuid } from './common.schema.js';
import { Opt, Wrapper } from './schema-builders.js';

/** A provider, flavor capability or AZ capability entry (`{name, description}`). */
export const ProviderEntry = Type.Object({ name: Type.String(), description: Type.String() });
export type ProviderEntry = Static<typeof ProviderEntry>;

/** Flavor profile metadata: a JSON object serialised as a string (Octavia `flavor_data`). */
const FlavorData = Type.String({ maxLength: 4096 });

/** `POST /flavorprofiles` inner object (FlavorProfilePOST). */
export const FlavorProfileCreate = Type.Object(
  { name: Name255, provider_name: Type.String({ maxLength: 255 }), flavor_data: FlavorData },
  { additionalProperties: false },
);
export type FlavorProfileCreate = Static<typeof FlavorProfileCreate>;
/** `{"flavorprofile": FlavorProfileCreate}`. */
export const FlavorProfileCreateBody = Wrapper('flavorprofile', FlavorProfileCreate, 'flavor_profile_');

/** `PUT /flavorprofiles/{id}` inner object (FlavorProfilePUT). */
export const FlavorProfileUpdate = Type.Object(
  { name: Opt(Name255), provider_name: Opt(Type.String({ maxLength: 255 })), flavor_data: Opt(FlavorData) },
  { additionalProperties: false },
);
export type FlavorProfileUpdate = Static<typeof FlavorProfileUpdate>;
/** `{"flavorprofile": FlavorProfileUpdate}`. */
export const FlavorProfileUpdateBody = Wrapper('flavorprofile', FlavorProfileUpdate, 'flavor_profile_');

/** A flavor profile as returned by the API (FlavorProfileResponse). */
export const FlavorProfile = Type.Object({
  id: Type.String(),
  name: Type.String(),
  provider_name: Type.String(),
  flavor_data: Type.String(),
});
export type FlavorProfile = Static<typeof FlavorProfile>;

/** `POST /flavors` inner object (FlavorPOST). */
export const FlavorCreate = Type.Object(
  {
    name: Name255,
    description: Opt(Description255),
    enabled: Opt(Type.Boolean()),
    flavor_profile_id: Uuid,
  },
  { additionalProperties: false },
);
export type FlavorCreate = Static<typeof FlavorCreate>;
/** `{"flavor": FlavorCreate}`. */
export const FlavorCreateBody = Wrapper('flavor', FlavorCreate, 'flavor_');

/** `PUT /flavors/{id}` inner object (FlavorPUT): the profile cannot be changed. */
export const FlavorUpdate = Type.Object(
  { name: Opt(Name255), description: Opt(Description255), enabled: Opt(Type.Boolean()) },
  { additionalProperties: false },
);
export type FlavorUpdate = Static<typeof FlavorUpdate>;
/** `{"flavor": FlavorUpdate}`. */
export const FlavorUpdateBody = Wrapper('flavor', FlavorUpdate, 'flavor_');

/** A flavor as returned by the API (FlavorResponse). */
export const Flavor = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  enabled: Type.Boolean(),
  flavor_profile_id: Type.String(),
});
export type Flavor = Static<typeof Flavor>;
