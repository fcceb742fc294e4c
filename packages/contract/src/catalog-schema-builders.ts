import { Type } from '@sinclair/typebox';
import { Description255, Name255, Uuid } from './common.schema.js';
import { Nullable, Opt } from './schema-builders.js';

// The schemas flavors and availability zones (and their profiles) share but for a field name.

function keyed<K extends string, T>(key: K, value: T): { [P in K]: T } {
  return { [key]: value } as { [P in K]: T };
}

/** Profile metadata: a JSON object serialised as a string (`flavor_data`, `availability_zone_data`). */
const ProfileData = Type.String({ maxLength: 4096 });
const ProviderName = Type.String({ maxLength: 255 });

/** POST and PUT inner objects and the response of a profile whose metadata is the field `dataField`. */
export function profileSchemas<F extends string>(dataField: F) {
  return {
    create: Type.Object(
      { name: Name255, provider_name: ProviderName, ...keyed(dataField, ProfileData) },
      { additionalProperties: false },
    ),
    update: Type.Object(
      { name: Opt(Name255), provider_name: Opt(ProviderName), ...keyed(dataField, Opt(ProfileData)) },
      { additionalProperties: false },
    ),
    response: Type.Object({
      id: Type.String(),
      name: Type.String(),
      provider_name: Type.String(),
      ...keyed(dataField, Type.String()),
    }),
  };
}

/**
 * The POST inner object of a flavor or availability zone built on the profile `profileField`, and the
 * properties of its response (without an id: availability zones have none).
 */
export function catalogEntrySchemas<P extends string>(profileField: P) {
  return {
    create: Type.Object(
      {
        name: Name255,
        description: Opt(Description255),
        enabled: Opt(Type.Boolean()),
        ...keyed(profileField, Uuid),
      },
      { additionalProperties: false },
    ),
    responseProperties: {
      name: Type.String(),
      description: Nullable(Type.String()),
      enabled: Type.Boolean(),
      ...keyed(profileField, Type.String()),
    },
  };
}
