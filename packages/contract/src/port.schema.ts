import { Type, type Static } from '@sinclair/typebox';
import { Links } from './common.schema.js';
import { NeutronProjectId, NeutronString255, NeutronTags } from './network.schema.js';
import { Nullable, StringEnum } from './schema-builders.js';

/** One fixed IP of a port. */
export const FixedIpView = Type.Object({ subnet_id: Type.String(), ip_address: Type.String() });

/** A Neutron port (`Port` is the protocol-port integer of common.schema). */
export const NeutronPort = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  network_id: Type.String(),
  tenant_id: Type.String(),
  project_id: Type.String(),
  mac_address: Type.String(),
  admin_state_up: Type.Boolean(),
  status: StringEnum(['ACTIVE', 'DOWN', 'BUILD', 'ERROR']),
  device_owner: Type.String(),
  device_id: Type.String(),
  fixed_ips: Type.Array(FixedIpView),
  allowed_address_pairs: Type.Array(Type.Object({})),
  extra_dhcp_opts: Type.Array(Type.Object({})),
  security_groups: Type.Array(Type.String()),
  port_security_enabled: Type.Boolean(),
  'binding:host_id': Type.String(),
  'binding:vnic_type': Type.String(),
  tags: Type.Array(Type.String()),
  revision_number: Type.Integer(),
  created_at: Type.String(),
  updated_at: Nullable(Type.String()),
});
export type NeutronPort = Static<typeof NeutronPort>;
/** `{"ports": [...]}`. */
export const PortList = Type.Object({ ports: Type.Array(NeutronPort), ports_links: Type.Optional(Links) });

/** A requested fixed IP: a subnet, an address, or both. */
export const FixedIpRequest = Type.Object(
  {
    subnet_id: Type.Optional(Type.String({ maxLength: 255 })),
    ip_address: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type FixedIpRequest = Static<typeof FixedIpRequest>;

const portWritable = {
  name: Type.Optional(NeutronString255),
  description: Type.Optional(NeutronString255),
  admin_state_up: Type.Optional(Type.Boolean()),
  fixed_ips: Type.Optional(Type.Array(FixedIpRequest, { maxItems: 32 })),
  device_owner: Type.Optional(NeutronString255),
  device_id: Type.Optional(NeutronString255),
  port_security_enabled: Type.Optional(Type.Boolean()),
  // Accepted so clients that send the defaults work; there are no security groups or address pairs.
  security_groups: Type.Optional(Type.Array(Type.String(), { maxItems: 0 })),
  allowed_address_pairs: Type.Optional(Type.Array(Type.Object({}), { maxItems: 0 })),
  extra_dhcp_opts: Type.Optional(Type.Array(Type.Object({}), { maxItems: 0 })),
  'binding:host_id': Type.Optional(Type.String({ maxLength: 255 })),
  'binding:vnic_type': Type.Optional(Type.Literal('normal')),
};

/** POST /v2.0/ports. */
export const PortCreateBody = Type.Object({
  port: Type.Object(
    {
      ...portWritable,
      network_id: Type.String({ maxLength: 255 }),
      mac_address: Type.Optional(Type.String({ maxLength: 32 })),
      project_id: Type.Optional(NeutronProjectId),
      tenant_id: Type.Optional(NeutronProjectId),
      tags: Type.Optional(NeutronTags),
    },
    { additionalProperties: false },
  ),
});
export type PortCreateBody = Static<typeof PortCreateBody>;
export type PortCreate = PortCreateBody['port'];

/** PUT /v2.0/ports/{id}. */
export const PortUpdateBody = Type.Object({
  port: Type.Object(portWritable, { additionalProperties: false }),
});
export type PortUpdateBody = Static<typeof PortUpdateBody>;
export type PortUpdate = PortUpdateBody['port'];
