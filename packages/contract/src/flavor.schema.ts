import { Type, type Static } from '@sinclair/typebox';
import { catalogEntrySchemas, profileSchemas } from './catalog-schema-builders.js';
import { Description255, Name255 } from './common.schema.js';
import { Opt, Wrapper } from './schema-builders.js';

/** A provider, flavor capability or AZ capability entry (`{name, description}`). */
export const ProviderEntry = Type.Object({ name: Type.String(), description: Type.String() });
export type ProviderEntry = Static<typeof ProviderEntry>;

const profile = profileSchemas('flavor_data');
const flavor = catalogEntrySchemas('flavor_profile_id');

/** `POST /flavorprofiles` inner object (FlavorProfilePOST). */
export const FlavorProfileCreate = profile.create;
export type FlavorProfileCreate = Static<typeof FlavorProfileCreate>;
/** `{"flavorprofile": FlavorProfileCreate}`. */
export const FlavorProfileCreateBody = Wrapper('flavorprofile', FlavorProfileCreate, 'flavor_profile_');

/** `PUT /flavorprofiles/{id}` inner object (FlavorProfilePUT). */
export const FlavorProfileUpdate = profile.update;
export type FlavorProfileUpdate = Static<typeof FlavorProfileUpdate>;
/** `{"flavorprofile": FlavorProfileUpdate}`. */
export const FlavorProfileUpdateBody = Wrapper('flavorprofile', FlavorProfileUpdate, 'flavor_profile_');

/** A flavor profile as returned by the API (FlavorProfileResponse). */
export const FlavorProfile = profile.response;
export type FlavorProfile = Static<typeof FlavorProfile>;

/** `POST /flavors` inner object (FlavorPOST). */
export const FlavorCreate = flavor.create;
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
export const Flavor = Type.Object({ id: Type.String(), ...flavor.responseProperties });
export type Flavor = Static<typeof Flavor>;
