import { Type, type Static } from '@sinclair/typebox';
import { Links } from './common.schema.js';
import { Nullable, StringEnum } from './schema-builders.js';

// Neutron networks: the wire view and the request bodies of the CRUD subset. Request bodies are checked
// by compileNeutronValidator (no formats, no coercion; unknown attributes are a 400 as in Neutron).

/** A string of at most 255 characters (Neutron's name/description limit). */
export const NeutronString255 = Type.String({ maxLength: 255 });
/** A Neutron tag list (each tag at most 255 characters, neutron-lib's MAX_TAG_LEN is 255). */
export const NeutronTags = Type.Array(Type.String({ maxLength: 255 }));
/** A project id in a Neutron body. */
export const NeutronProjectId = Type.String({ maxLength: 255 });

/** A Neutron network. */
export const Network = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  tenant_id: Type.String(),
  project_id: Type.String(),
  status: StringEnum(['ACTIVE', 'DOWN', 'BUILD', 'ERROR']),
  subnets: Type.Array(Type.String()),
  admin_state_up: Type.Boolean(),
  shared: Type.Boolean(),
  'router:external': Type.Boolean(),
  mtu: Type.Integer(),
  availability_zones: Type.Array(Type.String()),
  availability_zone_hints: Type.Array(Type.String()),
  ipv4_address_scope: Nullable(Type.String()),
  ipv6_address_scope: Nullable(Type.String()),
  port_security_enabled: Type.Boolean(),
  tags: Type.Array(Type.String()),
  revision_number: Type.Integer(),
  created_at: Type.String(),
  updated_at: Nullable(Type.String()),
});
export type Network = Static<typeof Network>;
/** `{"network": Network}`. */
export const NetworkBody = Type.Object({ network: Network });
export type NetworkBody = Static<typeof NetworkBody>;
/** `{"networks": [...]}` (`networks_links` only when paginated). */
export const NetworkList = Type.Object({
  networks: Type.Array(Network),
  networks_links: Type.Optional(Links),
});
export type NetworkList = Static<typeof NetworkList>;

const networkWritable = {
  name: Type.Optional(NeutronString255),
  description: Type.Optional(NeutronString255),
  admin_state_up: Type.Optional(Type.Boolean()),
  shared: Type.Optional(Type.Boolean()),
  'router:external': Type.Optional(Type.Boolean()),
  mtu: Type.Optional(Type.Integer({ minimum: 68, maximum: 65536 })),
  port_security_enabled: Type.Optional(Type.Boolean()),
};

/** POST /v2.0/networks. */
export const NetworkCreateBody = Type.Object({
  network: Type.Object(
    {
      ...networkWritable,
      project_id: Type.Optional(NeutronProjectId),
      tenant_id: Type.Optional(NeutronProjectId),
      tags: Type.Optional(NeutronTags),
      availability_zone_hints: Type.Optional(Type.Array(Type.String({ maxLength: 255 }), { maxItems: 0 })),
    },
    { additionalProperties: false },
  ),
});
export type NetworkCreateBody = Static<typeof NetworkCreateBody>;
export type NetworkCreate = NetworkCreateBody['network'];

/** PUT /v2.0/networks/{id}. */
export const NetworkUpdateBody = Type.Object({
  network: Type.Object(networkWritable, { additionalProperties: false }),
});
export type NetworkUpdateBody = Static<typeof NetworkUpdateBody>;
export type NetworkUpdate = NetworkUpdateBody['network'];

/** PUT /v2.0/<collection>/{id}/tags. */
export const TagsBody = Type.Object({ tags: NeutronTags }, { additionalProperties: false });
export type TagsBody = Static<typeof TagsBody>;
